import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { errorMessage } from '../../api/errors';
import type { Backup } from '../../api/models';
import { formatDateTime } from '../../lib/format';
import { useRetained } from '../../lib/useRetained';
import { useRestoreBackup } from './queries';

/** Asks before a restore, which replaces everything, then restores. */
interface RestoreModalProps {
  target: Backup | null;
  onClose: () => void;
  onRestored: (message: string) => void;
}

export function RestoreModal({ target, onClose, onRestored }: RestoreModalProps) {
  const restore = useRestoreBackup();
  const shown = useRetained(target);
  const close = () => {
    restore.reset();
    onClose();
  };
  const confirm = () => {
    if (!target) return;
    restore.mutate(target.name, {
      onSuccess: (res) => {
        restore.reset();
        const upgraded = res.upgradedFrom
          ? ` It was made by an older Roster and has been upgraded (schema version ${res.upgradedFrom} → ${res.schemaVersion}).`
          : '';
        onRestored(
          `Restored ${res.restored}.${upgraded} The database as it was is kept as ${res.keptAs} in the backups folder.`,
        );
      },
    });
  };
  // A restore cannot be stopped halfway: the dialog stays until it ends.
  const busy = restore.isPending;
  return (
    <Modal
      opened={target !== null}
      onClose={close}
      title={shown && `Restore ${shown.name}?`}
      centered
      closeOnEscape={!busy}
      closeOnClickOutside={!busy}
      withCloseButton={!busy}
    >
      {shown && (
        <Stack>
          <Text size="sm">
            Everything in Roster will be as it was on {formatDateTime(shown.at)}: connected users, team,
            settings and the audit log. Changes made since then are undone.
          </Text>
          <Text size="sm">
            The database as it is now is first copied aside into the backups folder
            (roster-before-restore-….db; roster-damaged-….db if it failed its integrity check), so nothing is
            lost. Every open window then reloads its data; you may need to sign in again.
          </Text>
          {busy && (
            <Text size="sm" c="dimmed" role="status">
              Checking the backup, copying the database aside, then restoring: a minute or so for a large
              database.
            </Text>
          )}
          {restore.isError && (
            <Alert color="red" title="The backup was not restored">
              {errorMessage(restore.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy} data-autofocus>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={confirm}>
              Restore
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
