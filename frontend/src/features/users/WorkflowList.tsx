import { ActionIcon, Badge, Group, Menu, Stack, Switch, Text } from '@mantine/core';
import { IconDots, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import {
  ChangedBy,
  UserStatus,
  type Connection,
  type UserDetail,
  type WorkflowState,
} from '../../api/models';
import { LockedHint } from '../../components/LockedHint';
import { RelativeTime } from '../../components/RelativeTime';
import { useSetWorkflowEnabled } from './mutations';

interface WorkflowListProps {
  user: UserDetail;
  connection: Connection;
  canManage: boolean;
  locked: string | null;
}

export function WorkflowList({ user, connection, canManage, locked }: WorkflowListProps) {
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
          canManage={canManage}
          locked={locked}
        />
      ))}
    </Stack>
  );
}

/** Who changed a workflow last: the member for an admin change, when the audit log names them. */
export function changedByText(workflow: WorkflowState): string {
  if (workflow.changedBy === ChangedBy.User) return 'Changed by the user';
  return `Changed by ${workflow.changedByName || 'an admin'}`;
}

interface WorkflowItemProps {
  user: UserDetail;
  integrationName: string;
  workflow: WorkflowState;
  canManage: boolean;
  locked: string | null;
}

function WorkflowItem({ user, integrationName, workflow, canManage, locked }: WorkflowItemProps) {
  // One mutation per workflow, so each shows its own pending state.
  const toggle = useSetWorkflowEnabled();
  const label = `${workflow.name} (${integrationName})`;
  const userDisabled = user.status === UserStatus.Disabled;
  const setEnabled = (enabled: boolean) => toggle.mutate({ userId: user.id, workflow, enabled });
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={500}>
            {workflow.name}
          </Text>
          {userDisabled && workflow.enabled && (
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
            {changedByText(workflow)} <RelativeTime value={workflow.changedAt} />
          </Text>
        )}
        {!workflow.enabled && workflow.changedBy === ChangedBy.Admin && !userDisabled && (
          <Text size="xs" c="dimmed">
            {user.name} can re-enable it in the Connect Portal.
          </Text>
        )}
      </Stack>
      <Group gap={4} wrap="nowrap">
        <LockedHint reason={locked}>
          <Switch
            aria-label={label}
            checked={workflow.enabled}
            disabled={locked !== null || toggle.isPending}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
        </LockedHint>
        {canManage && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Actions for ${label}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {locked && <Menu.Label>{locked}</Menu.Label>}
              <Menu.Item
                leftSection={workflow.enabled ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
                disabled={locked !== null || toggle.isPending}
                onClick={() => setEnabled(!workflow.enabled)}
              >
                {workflow.enabled ? 'Disable workflow for user' : 'Enable workflow for user'}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
    </Group>
  );
}
