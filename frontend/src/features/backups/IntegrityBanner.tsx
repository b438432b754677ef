import { Alert, Anchor, Button, Code, Group, Text } from '@mantine/core';
import { IconDatabaseX, IconRestore } from '@tabler/icons-react';
import { lazy, useState } from 'react';
import { LazyDialog } from '../../components/LazyDialog';
import type { Backup } from '../../api/models';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useBackupStatus } from './queries';

const RestoreModal = lazy(() => import('./RestoreModal').then((m) => ({ default: m.RestoreModal })));

interface IntegrityBannerProps {
  onOpenSettings: () => void;
}

/**
 * Says, above every page, that the last integrity check of the database
 * found problems, until a later check finds none or a backup is restored.
 * Go refuses every change meanwhile (nothing more goes into a damaged
 * file); the banner offers the newest backup, each of which passed the
 * same check when it was made. Not dismissable: someone must act.
 */
export function IntegrityBanner({ onOpenSettings }: IntegrityBannerProps) {
  const status = useBackupStatus();
  const [restoring, setRestoring] = useState<Backup | null>(null);
  const closeRestore = () => setRestoring(null);
  const check = status.data?.check;
  if (!check?.at || check.ok) return null;
  const lastGood = status.data?.lastGood;
  return (
    <Alert
      color="red"
      mb="md"
      icon={<IconDatabaseX size={18} />}
      title="The database failed its integrity check: changes are blocked"
    >
      <Text size="sm">
        The check on {formatDateTime(check.at)} reported the problems below. Roster stopped saving changes so
        that nothing more is written into a damaged file.
      </Text>
      <Code block mt="xs" mah={120} style={{ overflow: 'auto' }}>
        {check.result}
      </Code>
      {lastGood ? (
        <Text size="sm" mt="xs">
          The newest backup, {lastGood.name}, was made on {formatDateTime(lastGood.at)} and passed the same
          check. Restore it to go on; changes made since then are lost.
        </Text>
      ) : (
        <Text size="sm" mt="xs">
          There is no backup to restore. Copy the database file somewhere safe before anything else, then
          repair a copy (sqlite3&apos;s .recover) or start from an empty file.
        </Text>
      )}
      <Group mt="sm" gap="md">
        {lastGood && (
          <Button
            size="xs"
            color="red"
            leftSection={<IconRestore size={14} />}
            onClick={() => setRestoring(lastGood)}
          >
            Restore {lastGood.name}…
          </Button>
        )}
        <Anchor component="button" type="button" size="sm" onClick={onOpenSettings}>
          Open the backups in Settings.
        </Anchor>
      </Group>
      <LazyDialog opened={restoring !== null} onClose={closeRestore}>
        <RestoreModal
          target={restoring}
          onClose={closeRestore}
          onRestored={(message) => {
            closeRestore();
            notifySuccess(message);
          }}
        />
      </LazyDialog>
    </Alert>
  );
}
