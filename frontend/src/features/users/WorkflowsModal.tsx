import { Alert, Center, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { errorMessage } from '../../api/errors';
import { Permission, UserStatus } from '../../api/models';
import { useCan } from '../../hooks/useMe';
import { useRetained } from '../../lib/useRetained';
import type { UserRef } from './DisableUserModal';
import { lockReason } from './lockReason';
import { useUser } from './queries';
import { WorkflowList } from './WorkflowList';

interface WorkflowsModalProps {
  user: UserRef | null;
  onClose: () => void;
}

/** The row menu's "Disable workflow for user...": every workflow, grouped by integration. */
export function WorkflowsModal({ user, onClose }: WorkflowsModalProps) {
  const shown = useRetained(user);
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={shown && `Workflows for ${shown.name}`}
      zIndex={300}
      size="lg"
    >
      {shown && <WorkflowsBody userId={shown.id} />}
    </Modal>
  );
}

function WorkflowsBody({ userId }: { userId: number }) {
  const canManage = useCan(Permission.UsersManage);
  const { data: user, error } = useUser(userId);

  if (error) {
    return (
      <Alert color="red" title="Could not load workflows">
        {errorMessage(error)}
      </Alert>
    );
  }
  if (!user) {
    return (
      <Center py="lg">
        <Loader aria-label="Loading workflows" />
      </Center>
    );
  }
  const locked = lockReason(user, canManage);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Switch a workflow off to stop it running for this user.
      </Text>
      {user.status === UserStatus.Disabled && <Alert color="gray">{locked}</Alert>}
      {user.connections.length === 0 && <Text size="sm">This user has no integrations.</Text>}
      {user.connections.map((connection) => (
        <Stack key={connection.integration.id} gap="xs">
          <Title order={5}>{connection.integration.name}</Title>
          <WorkflowList user={user} connection={connection} canManage={canManage} locked={locked} />
        </Stack>
      ))}
    </Stack>
  );
}
