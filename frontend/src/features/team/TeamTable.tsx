import { Badge, Button, Group, Stack, Switch, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { Delivery, MemberStatus, type Me, type Member } from '../../api/models';
import { labelOf, memberStatuses, roleOf } from '../../api/vocabulary';
import { RelativeTime } from '../../components/RelativeTime';
import { formatExactTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/useNow';
import { MemberMenu, type MemberActions } from './MemberMenu';
import { useSetEnabled, useSetNotifications, useUnlockSignIn, who } from './queries';

const STATUS_COLORS: Record<MemberStatus, string> = {
  [MemberStatus.Pending]: 'yellow',
  [MemberStatus.Accepted]: 'green',
  [MemberStatus.Dismissed]: 'gray',
  [MemberStatus.Expired]: 'red',
};

/** What an invitee's row says instead of the switches. */
const INVITATION_STATES: Record<MemberStatus, string> = {
  [MemberStatus.Pending]: 'Invitation pending',
  [MemberStatus.Accepted]: '',
  [MemberStatus.Dismissed]: 'They declined the invitation',
  [MemberStatus.Expired]: 'Invitation expired',
};

interface TeamTableProps {
  me: Me;
  members: Member[];
  actions: MemberActions;
}

export function TeamTable({ me, members, actions }: TeamTableProps) {
  const setEnabled = useSetEnabled();
  const setNotifications = useSetNotifications();
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" highlightOnHover aria-label="Team members">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Enable user</Table.Th>
            <Table.Th>Last sign in</Table.Th>
            <Table.Th>Notifications</Table.Th>
            <Table.Th w={48}>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => {
            // What the signed-in member may do here is Go's answer (team.rights).
            const rights = m.rights;
            return (
              <Table.Tr key={m.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {m.name ? (
                      <Text size="sm">{m.name}</Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Not accepted yet
                      </Text>
                    )}
                    {m.id === me.id && (
                      <Badge size="xs" variant="light">
                        You
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{m.email}</Text>
                </Table.Td>
                <Table.Td>
                  <RoleCell member={m} />
                </Table.Td>
                <Table.Td>
                  <StatusCell member={m} />
                </Table.Td>
                {/* Access and notifications are a member's: an invitee has neither yet. */}
                {m.status === MemberStatus.Accepted ? (
                  <Table.Td>
                    <Switch
                      aria-label={`Enable ${who(m)}`}
                      checked={m.enabled}
                      disabled={!rights.enable || setEnabled.isPending}
                      onChange={(e) => setEnabled.mutate({ member: m, enabled: e.currentTarget.checked })}
                    />
                  </Table.Td>
                ) : (
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      Not a member yet
                    </Text>
                    <Text size="xs" c="dimmed">
                      {INVITATION_STATES[m.status]}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <LastSignIn value={m.lastSignInAt ?? null} />
                </Table.Td>
                <Table.Td>
                  {m.status === MemberStatus.Accepted ? (
                    <Switch
                      aria-label={`Notifications for ${who(m)}`}
                      checked={m.notifications}
                      disabled={!rights.notifications || setNotifications.isPending}
                      onChange={(e) => setNotifications.mutate({ member: m, on: e.currentTarget.checked })}
                    />
                  ) : (
                    <Text size="sm" c="dimmed" title="None until they accept the invitation">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <MemberMenu member={m} rights={rights} actions={actions} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Relative, with the exact time and this machine's UTC offset on hover or focus, as an audit needs. */
function LastSignIn({ value }: { value: string | null }) {
  const now = useNow();
  if (!value) {
    return (
      <Text size="sm" c="dimmed">
        Never
      </Text>
    );
  }
  return (
    <Tooltip label={formatExactTime(value)} openDelay={300}>
      <Text size="sm" component="time" dateTime={value} tabIndex={0}>
        {formatRelative(value, now)}
      </Text>
    </Tooltip>
  );
}

function RoleCell({ member }: { member: Member }) {
  const names = member.integrations.map((i) => i.name);
  return (
    <Stack gap={2}>
      <Text size="sm">{roleOf(member.role).label}</Text>
      {names.length > 0 && (
        <Tooltip label={names.join(', ')} disabled={names.length <= 2} multiline maw={320}>
          <Text size="xs" c="dimmed">
            {names.length <= 2 ? names.join(', ') : `${names.slice(0, 2).join(', ')} +${names.length - 2}`}
          </Text>
        </Tooltip>
      )}
    </Stack>
  );
}

function StatusCell({ member }: { member: Member }) {
  const unlock = useUnlockSignIn();
  return (
    <Stack gap={2} align="flex-start">
      <Badge variant="light" color={STATUS_COLORS[member.status]}>
        {labelOf(memberStatuses, member.status)}
      </Badge>
      {member.status === MemberStatus.Pending && member.delivery === Delivery.Queued && (
        <Tooltip
          label={member.deliveryError || 'Waiting for the mail server'}
          disabled={!member.deliveryError}
        >
          <Text size="xs" c="dimmed">
            {member.deliveryError ? 'E-mail retrying' : 'E-mail queued'}
          </Text>
        </Tooltip>
      )}
      {member.status === MemberStatus.Pending && member.delivery === Delivery.Failed && (
        <Tooltip label={member.deliveryError} multiline maw={320}>
          <Text size="xs" c="red">
            E-mail not delivered
          </Text>
        </Tooltip>
      )}
      {member.status === MemberStatus.Pending && member.invitationExpiresAt && (
        <Text size="xs" c="dimmed">
          Expires <RelativeTime value={member.invitationExpiresAt} future />
        </Text>
      )}
      {member.status === MemberStatus.Expired && member.invitationExpiresAt && (
        <Text size="xs" c="dimmed">
          Expired <RelativeTime value={member.invitationExpiresAt} />
        </Text>
      )}
      {member.lockedUntil && (
        <Group gap={6}>
          <Text size="xs" c="orange">
            Locked after failed sign-ins: opens <RelativeTime value={member.lockedUntil} future />
          </Text>
          {member.rights.enable && (
            <Button
              size="compact-xs"
              variant="light"
              color="orange"
              loading={unlock.isPending}
              onClick={() => unlock.mutate(member)}
            >
              Unlock
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
