import { Badge, Stack, Table, Text } from '@mantine/core';
import { InviteOutcome, type AddressOutcome, type InviteResult } from '../../api/models';
import { inviteOutcomes, labelOf } from '../../api/vocabulary';
import { formatDate } from '../../lib/format';
import { InvitationCodes } from './InvitationCodes';

const OUTCOME_COLORS: Record<InviteOutcome, string> = {
  [InviteOutcome.Invited]: 'green',
  [InviteOutcome.AlreadyMember]: 'gray',
  [InviteOutcome.AlreadyInvited]: 'yellow',
  [InviteOutcome.Invalid]: 'red',
};

/** What Invite did with each address, in the form's order; then the codes to hand over when there is no e-mail. */
export function InviteReport({ result }: { result: InviteResult }) {
  const expires = result.invited[0]?.member.invitationExpiresAt;
  return (
    <Stack gap="sm">
      <Table aria-label="What happened to each address" verticalSpacing={6}>
        <Table.Tbody>
          {result.addresses.map((a) => (
            <Table.Tr key={a.email}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm">{a.email}</Text>
              </Table.Td>
              <Table.Td w={1}>
                <Badge variant="light" color={OUTCOME_COLORS[a.outcome]} miw="max-content">
                  {outcomeLabel(a, result.emailed)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c={a.outcome === InviteOutcome.Invalid ? 'red' : 'dimmed'}>
                  {a.outcome === InviteOutcome.Invited
                    ? result.emailed
                      ? 'Invitation e-mail on its way'
                      : 'Hand over the code below'
                    : a.reason}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {result.invited.length > 0 &&
        (result.emailed ? (
          <Text size="xs" c="dimmed">
            The Status column says if an e-mail is still queued or could not be delivered.
            {expires && ` The invitations expire on ${formatDate(expires)}.`}
          </Text>
        ) : (
          <>
            <Text size="sm">
              E-mail is not set up (Settings → E-mail), so hand these codes over yourself.
            </Text>
            <InvitationCodes invitations={result.invited} />
          </>
        ))}
    </Stack>
  );
}

function outcomeLabel(a: AddressOutcome, emailed: boolean): string {
  if (a.outcome === InviteOutcome.Invited) return emailed ? 'Sent' : 'Invited';
  return labelOf(inviteOutcomes, a.outcome);
}

/** The entries Go could not read as addresses: what the form keeps for another try. */
export function invalidAddresses(result: InviteResult): string[] {
  return result.addresses.filter((a) => a.outcome === InviteOutcome.Invalid).map((a) => a.email);
}
