import { Alert, Code, Group, Stack, Text } from '@mantine/core';
import type { Invitation } from '../../api/models';
import { CopyValue } from '../../components/CopyValue';

/** Codes and links to hand over by hand. Roster keeps only their hashes: they are shown this once. */
export function InvitationCodes({ invitations }: { invitations: Invitation[] }) {
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light">
        Copy these now: Roster keeps only a fingerprint of each code and cannot show them again. The invitee
        chooses “I have an invitation” on the sign-in screen
        {invitations.some((i) => i.link) ? ' or opens the link' : ''}.
      </Alert>
      {invitations.map((inv) => (
        <Stack key={inv.member.id} gap={4}>
          <Text size="sm" fw={500}>
            {inv.member.email}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Code style={{ flex: 1, overflowWrap: 'anywhere' }} data-testid="invitation-code">
              {inv.code}
            </Code>
            <CopyValue value={inv.code} what={`code for ${inv.member.email}`} />
          </Group>
          {inv.link && (
            <Group gap="xs" wrap="nowrap">
              <Code style={{ flex: 1, overflowWrap: 'anywhere' }}>{inv.link}</Code>
              <CopyValue value={inv.link} what={`link for ${inv.member.email}`} />
            </Group>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
