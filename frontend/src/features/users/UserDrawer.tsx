import {
  Alert,
  Button,
  Center,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconBan, IconPlayerPlay } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Permission, UserStatus, type Connection, type Ref, type UserDetail } from '../../api/models';
import { RelativeTime } from '../../components/RelativeTime';
import { UnreachableState } from '../../components/UnreachableState';
import { UserStatusBadge } from '../../components/StatusBadge';
import { useCan, useCanDisableUsers } from '../../hooks/useMe';
import { formatDateTime } from '../../lib/format';
import { useRetained } from '../../lib/useRetained';
import { RecentRuns } from '../runs/RecentRuns';
import { ConnectionCard } from './ConnectionCard';
import { DisableUserModal } from './DisableUserModal';
import { lockReason } from './lockReason';
import { useEnableUser } from './mutations';
import { useUser } from './queries';
import { UninstallModal, type UninstallTarget } from './UninstallModal';

interface UserDrawerProps {
  userId: number | null;
  onClose: () => void;
  /** Opens the run history filtered on this user ("See all runs"). */
  onShowRuns?: (user: Ref) => void;
}

/** The user as the run history's filter names them: id, external id and name. */
export function userRef(user: UserDetail): Ref {
  return { id: user.id, key: user.externalId, name: user.name };
}

export function UserDrawer({ userId, onClose, onShowRuns }: UserDrawerProps) {
  const { data: user, error, isPending } = useUser(useRetained(userId));
  const [disableTarget, setDisableTarget] = useState<UserDetail | null>(null);
  const [uninstallTarget, setUninstallTarget] = useState<UninstallTarget | null>(null);

  return (
    <>
      <Drawer
        opened={userId !== null}
        onClose={onClose}
        position="right"
        size={560}
        title={user ? user.name : 'User'}
      >
        {user ? (
          <UserDetailView
            user={user}
            onDisable={setDisableTarget}
            onUninstall={(connection) => setUninstallTarget({ user, connection })}
            onShowRuns={onShowRuns && (() => onShowRuns(userRef(user)))}
          />
        ) : error ? (
          // Also what a link to a removed user, or to one beyond the member's role, shows.
          <UnreachableState error={error} noun="user" backLabel="Back to the list" onBack={onClose} />
        ) : (
          isPending && (
            <Center py="xl">
              <Loader aria-label="Loading user" />
            </Center>
          )
        )}
      </Drawer>
      {/* Outside the Drawer's React tree, so Esc in a confirm dialog does not also close the drawer. */}
      <DisableUserModal user={disableTarget} onClose={() => setDisableTarget(null)} />
      <UninstallModal target={uninstallTarget} onClose={() => setUninstallTarget(null)} />
    </>
  );
}

interface UserDetailViewProps {
  user: UserDetail;
  onDisable: (user: UserDetail) => void;
  onUninstall: (connection: Connection) => void;
  onShowRuns?: () => void;
}

function UserDetailView({ user, onDisable, onUninstall, onShowRuns }: UserDetailViewProps) {
  const canManage = useCan(Permission.UsersManage);
  const canDisable = useCanDisableUsers();
  const enable = useEnableUser();
  const locked = lockReason(user, canManage);
  const disabled = user.status === UserStatus.Disabled;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Group gap="sm">
          <UserStatusBadge status={user.status} />
          <Text size="sm" c="dimmed">
            {user.externalId}
          </Text>
        </Group>
        <Text size="sm">{user.email}</Text>
        <SimpleGrid cols={2} mt="xs" spacing="xs">
          <Field label="Created">{formatDateTime(user.createdAt)}</Field>
          <Field label="Last active">
            <RelativeTime value={user.lastActiveAt} />
          </Field>
        </SimpleGrid>
      </Stack>

      {disabled ? (
        <Alert color="gray" icon={<IconBan size={18} />} title="User disabled">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">
              Disabled <RelativeTime value={user.disabledAt} fallback="at an unknown time" />
              {user.disabledReason && ` — reason: ${user.disabledReason}`}
            </Text>
            <Text size="sm">
              Their workflows do not run, and they cannot use the Connect Portal until they are re-enabled.
            </Text>
            {canDisable && (
              <Button
                size="xs"
                leftSection={<IconPlayerPlay size={14} />}
                loading={enable.isPending}
                onClick={() => enable.mutate(user.id)}
              >
                Enable user
              </Button>
            )}
          </Stack>
        </Alert>
      ) : (
        canDisable && (
          <Group>
            <Button
              variant="outline"
              color="red"
              leftSection={<IconBan size={16} />}
              onClick={() => onDisable(user)}
            >
              Disable user
            </Button>
          </Group>
        )
      )}

      <Stack gap="sm">
        <Title order={4}>Integrations</Title>
        {user.connections.length === 0 ? (
          <Text size="sm" c="dimmed">
            No integrations connected
          </Text>
        ) : (
          user.connections.map((connection) => (
            <ConnectionCard
              key={connection.integration.id}
              user={user}
              connection={connection}
              canManage={canManage}
              locked={locked}
              onUninstall={onUninstall}
            />
          ))
        )}
      </Stack>

      <RecentRuns userId={user.id} onSeeAll={onShowRuns} />

      <Stack gap="sm">
        <Title order={4}>Metadata</Title>
        <MetadataTable metadata={user.metadata} />
      </Stack>
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function MetadataTable({ metadata }: { metadata: Record<string, unknown> }) {
  const entries = Object.entries(metadata ?? {});
  if (entries.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No metadata
      </Text>
    );
  }
  return (
    <Table withTableBorder withColumnBorders fz="sm" aria-label="Metadata">
      <Table.Tbody>
        {entries.map(([key, value]) => (
          <Table.Tr key={key}>
            <Table.Th w="35%" style={{ fontWeight: 500 }}>
              {key}
            </Table.Th>
            <Table.Td style={{ fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-word' }}>
              {typeof value === 'string' ? value : JSON.stringify(value)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
