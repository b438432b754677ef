import { Alert, Avatar, Button, Card, Divider, Group, Stack, Text } from '@mantine/core';
import { IconPlugConnectedX, IconTrash } from '@tabler/icons-react';
import { ConnectionStatus, type Connection, type UserDetail } from '../../api/models';
import { connectionStatuses, credentialErrors, labelOf } from '../../api/vocabulary';
import { LockedHint } from '../../components/LockedHint';
import { RelativeTime } from '../../components/RelativeTime';
import { ConnectionStatusBadge } from '../../components/StatusBadge';
import { WorkflowList } from './WorkflowList';

interface ConnectionCardProps {
  user: UserDetail;
  connection: Connection;
  canManage: boolean;
  locked: string | null;
  onUninstall: (connection: Connection) => void;
}

export function ConnectionCard({ user, connection, canManage, locked, onUninstall }: ConnectionCardProps) {
  const { integration } = connection;
  return (
    <Card withBorder padding="md" radius="md" aria-label={integration.name} component="section">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap">
          <Avatar name={integration.name} color="initials" radius="sm">
            {integration.short}
          </Avatar>
          <Stack gap={0}>
            <Group gap="xs">
              <Text fw={600}>{integration.name}</Text>
              <ConnectionStatusBadge status={connection.status} />
            </Group>
            <Text size="xs" c="dimmed">
              {integration.category}
            </Text>
          </Stack>
        </Group>
        {canManage && (
          <LockedHint reason={locked}>
            <Button
              variant="subtle"
              color="red"
              size="xs"
              leftSection={<IconTrash size={14} />}
              disabled={locked !== null}
              onClick={() => onUninstall(connection)}
              aria-label={`Uninstall ${integration.name}`}
            >
              Uninstall
            </Button>
          </LockedHint>
        )}
      </Group>

      {connection.status === ConnectionStatus.Error ? (
        <ConnectionError connection={connection} />
      ) : (
        connection.errorMessage && (
          <Text size="sm" c="red" mt="xs">
            {connection.errorMessage}
          </Text>
        )
      )}
      <Text size="xs" c="dimmed" mt="xs">
        Connected <RelativeTime value={connection.connectedAt} />
        {/* In error, the alert above says since when. */}
        {connection.status !== ConnectionStatus.Error && (
          <>
            {' '}
            · Status changed <RelativeTime value={connection.statusChangedAt} />
          </>
        )}
      </Text>

      <Divider my="sm" label="Workflows" labelPosition="left" />
      <WorkflowList user={user} connection={connection} canManage={canManage} locked={locked} />
    </Card>
  );
}

/** Why a connection is in error and since when: "Credential expired since 2 hours ago". */
function ConnectionError({ connection }: { connection: Connection }) {
  const why = connection.errorReason
    ? labelOf(credentialErrors, connection.errorReason)
    : labelOf(connectionStatuses, connection.status);
  return (
    <Alert
      color="red"
      variant="light"
      mt="sm"
      p="xs"
      icon={<IconPlugConnectedX size={18} />}
      title={
        <>
          {why} since <RelativeTime value={connection.statusChangedAt} fallback="an unknown time" />
        </>
      }
      styles={{ title: { marginBottom: connection.errorMessage ? 2 : 0 } }}
    >
      {connection.errorMessage && (
        <Text size="sm" style={{ wordBreak: 'break-word' }}>
          {connection.errorMessage}
        </Text>
      )}
    </Alert>
  );
}
