import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Connection, UserDetail } from '../../api/models';
import { useRetained } from '../../lib/useRetained';
import { useUninstallIntegration } from './mutations';

export interface UninstallTarget {
  user: UserDetail;
  connection: Connection;
}

interface UninstallModalProps {
  target: UninstallTarget | null;
  onClose: () => void;
}

function uninstallMessage({ user, connection }: UninstallTarget): string {
  const lead = `${connection.integration.name} will be removed for ${user.name}.`;
  const tail = 'must reconnect in the Connect Portal to use it again.';
  const count = connection.workflows.length;
  if (count === 0) return `${lead} They ${tail}`;
  const stop = count === 1 ? '1 workflow for it stops' : `${count} workflows for it stop`;
  return `${lead} Their ${stop}, and they ${tail}`;
}

export function UninstallModal({ target, onClose }: UninstallModalProps) {
  const uninstall = useUninstallIntegration();
  const shown = useRetained(target);

  const confirm = () => {
    if (!target) return;
    uninstall.mutate(
      { userId: target.user.id, integration: target.connection.integration },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={shown && `Uninstall ${shown.connection.integration.name}?`}
      zIndex={300}
      centered
    >
      {shown && (
        <Stack>
          <Text size="sm">{uninstallMessage(shown)}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              Cancel
            </Button>
            <Button color="red" loading={uninstall.isPending} onClick={confirm}>
              Uninstall
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
