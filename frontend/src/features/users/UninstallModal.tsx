import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
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
  const name = connection.integration.name;
  const count = connection.workflows.length;
  const stop =
    count === 0
      ? ''
      : count === 1
        ? ' Their 1 workflow for it stops.'
        : ` Their ${count} workflows for it stop.`;
  return `${name} will be removed for ${user.name}.${stop}`;
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
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="This is permanent">
            The removal cannot be undone. To use {shown.connection.integration.name} again, {shown.user.name}{' '}
            must revisit the Connect Portal and reconnect it.
          </Alert>
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
