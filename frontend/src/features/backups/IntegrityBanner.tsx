import { Alert, Anchor } from '@mantine/core';
import { IconDatabaseX } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';
import { useBackupStatus } from './queries';

interface IntegrityBannerProps {
  onOpenSettings: () => void;
}

/**
 * Says, above every page, that the last integrity check of the database
 * found problems, until a later check finds none. Not dismissable: a
 * damaged file needs someone to act (restore a backup).
 */
export function IntegrityBanner({ onOpenSettings }: IntegrityBannerProps) {
  const status = useBackupStatus();
  const check = status.data?.check;
  if (!check?.at || check.ok) return null;
  return (
    <Alert
      color="red"
      mb="md"
      icon={<IconDatabaseX size={18} />}
      title="The database failed its integrity check"
    >
      The check on {formatDateTime(check.at)} reported: {check.result}. Restore a recent backup before more
      changes are made.{' '}
      <Anchor component="button" type="button" inherit onClick={onOpenSettings}>
        Open the backups in Settings.
      </Anchor>
    </Alert>
  );
}
