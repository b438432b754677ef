import { Badge, Group, Stack, Switch, Text } from '@mantine/core';
import { UserStatus, type Connection, type UserDetail, type WorkflowState } from '../../api/models';
import { LockedHint } from '../../components/LockedHint';
import { RelativeTime } from '../../components/RelativeTime';
import { useSetWorkflowEnabled } from './mutations';

interface WorkflowListProps {
  user: UserDetail;
  connection: Connection;
  locked: string | null;
}

export function WorkflowList({ user, connection, locked }: WorkflowListProps) {
  if (connection.workflows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No workflows
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {connection.workflows.map((workflow) => (
        <WorkflowItem
          key={workflow.id}
          user={user}
          integrationName={connection.integration.name}
          workflow={workflow}
          locked={locked}
        />
      ))}
    </Stack>
  );
}

interface WorkflowItemProps {
  user: UserDetail;
  integrationName: string;
  workflow: WorkflowState;
  locked: string | null;
}

function WorkflowItem({ user, integrationName, workflow, locked }: WorkflowItemProps) {
  // One mutation per switch, so each shows its own pending state.
  const toggle = useSetWorkflowEnabled();
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {workflow.name}
          </Text>
          {user.status === UserStatus.Disabled && workflow.enabled && (
            // Enabled, but a disabled user's workflows do not run.
            <Badge size="xs" color="gray" variant="light">
              Stopped: user disabled
            </Badge>
          )}
        </Group>
        {workflow.description && (
          <Text size="xs" c="dimmed">
            {workflow.description}
          </Text>
        )}
        {workflow.changedAt && (
          <Text size="xs" c="dimmed">
            Changed by {workflow.changedBy} <RelativeTime value={workflow.changedAt} />
          </Text>
        )}
      </Stack>
      <LockedHint reason={locked}>
        <Switch
          aria-label={`${workflow.name} (${integrationName})`}
          checked={workflow.enabled}
          disabled={locked !== null || toggle.isPending}
          onChange={(e) => toggle.mutate({ userId: user.id, workflow, enabled: e.currentTarget.checked })}
        />
      </LockedHint>
    </Group>
  );
}
