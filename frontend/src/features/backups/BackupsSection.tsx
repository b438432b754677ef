import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconDatabaseExport, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { BackupKind, type Backup, type BackupSettings, type BackupStatus } from '../../api/models';
import { backupKinds, labelOf } from '../../api/vocabulary';
import { RelativeTime } from '../../components/RelativeTime';
import { formatBytes } from '../../lib/format';
import { RestoreModal } from './RestoreModal';
import { useBackUpNow, useBackupList, useBackupStatus, useUpdateBackupSettings } from './queries';

/** The range Go accepts for "keep the newest N automatic backups" (backups.MaxKeep). */
const KEEP_MIN = 1;
const KEEP_MAX = 365;

const kindColors: Record<BackupKind, string> = {
  [BackupKind.Manual]: 'gray',
  [BackupKind.Auto]: 'blue',
  [BackupKind.BeforeRestore]: 'orange',
};

/**
 * Settings → Backups: back up now, the backups beside the database with a
 * Restore for each, the automatic-backup settings and the last integrity
 * check. Applies at once: not part of the settings form's Save.
 */
export function BackupsSection() {
  const status = useBackupStatus();
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>Backups</Title>
        {status.isPending && <Loader size="sm" aria-label="Loading backups" />}
        {status.isError && (
          <Alert color="red" title="Could not load the backups">
            {errorMessage(status.error)}
          </Alert>
        )}
        {status.data && (
          <>
            <Text size="sm" c="dimmed">
              Copies of the whole database, checked before they are kept, in {status.data.dir}.
            </Text>
            <BackUpNow />
            <AutomaticBackups key={JSON.stringify(status.data.settings)} status={status.data} />
            <IntegrityCheck status={status.data} />
            <BackupList />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function BackUpNow() {
  const backUp = useBackUpNow();
  return (
    <Stack gap="xs">
      <Group>
        <Button
          variant="light"
          leftSection={<IconDatabaseExport size={16} />}
          loading={backUp.isPending}
          onClick={() => backUp.mutate()}
        >
          Back up now
        </Button>
      </Group>
      {backUp.data && (
        <Alert color="green" icon={<IconCheck size={18} />} title="Backup made">
          {backUp.data.name} ({formatBytes(backUp.data.bytes)})
        </Alert>
      )}
    </Stack>
  );
}

function AutomaticBackups({ status }: { status: BackupStatus }) {
  const [form, setForm] = useState<BackupSettings>(status.settings);
  const save = useUpdateBackupSettings();
  const changed = form.auto !== status.settings.auto || form.keep !== status.settings.keep;
  return (
    <Stack gap="xs">
      <Switch
        label="Back up automatically every day"
        description="While Roster is open, a backup is made when the newest automatic one is a day old."
        checked={form.auto}
        onChange={(e) => setForm({ ...form, auto: e.currentTarget.checked })}
      />
      <Group align="flex-end">
        <NumberInput
          label="Automatic backups to keep"
          description="Older automatic backups are deleted; manual ones are always kept."
          min={KEEP_MIN}
          max={KEEP_MAX}
          value={form.keep}
          onChange={(v) => setForm({ ...form, keep: Number(v) || 0 })}
          error={save.error?.field === 'keep' ? save.error.message : undefined}
          maw={320}
        />
        <Button
          variant="default"
          disabled={!changed}
          loading={save.isPending}
          onClick={() => save.mutate(form)}
        >
          Save backup settings
        </Button>
      </Group>
      {status.lastAutoError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="The last automatic backup failed">
          {status.lastAutoError}
        </Alert>
      )}
      <Text size="sm">
        Last automatic backup: <RelativeTime value={status.lastAutoAt} />
      </Text>
    </Stack>
  );
}

function IntegrityCheck({ status }: { status: BackupStatus }) {
  const check = status.check;
  return (
    <Text size="sm" component="div">
      Last integrity check (weekly): <RelativeTime value={check.at} />
      {check.at &&
        (check.ok ? (
          <Text span size="sm" c="green">
            {' '}
            — no problems found
          </Text>
        ) : (
          <Text span size="sm" c="red">
            {' '}
            — problems found: {check.result}
          </Text>
        ))}
    </Text>
  );
}

function BackupList() {
  const list = useBackupList();
  const [target, setTarget] = useState<Backup | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  if (list.isPending) return <Loader size="sm" aria-label="Loading the list of backups" />;
  if (list.isError) return <Alert color="red">{errorMessage(list.error)}</Alert>;
  return (
    <Stack gap="xs">
      {restored && (
        <Alert
          color="green"
          icon={<IconCheck size={18} />}
          title="Backup restored"
          withCloseButton
          onClose={() => setRestored(null)}
        >
          {restored}
        </Alert>
      )}
      {list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No backups yet.
        </Text>
      ) : (
        <Table fz="sm" aria-label="Backups" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Made</Table.Th>
              <Table.Th>Size</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((b) => (
              <Table.Tr key={b.name}>
                <Table.Td>{b.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={kindColors[b.kind]}>
                    {labelOf(backupKinds, b.kind)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RelativeTime value={b.at} />
                </Table.Td>
                <Table.Td>{formatBytes(b.bytes)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconRestore size={14} />}
                    onClick={() => setTarget(b)}
                    aria-label={`Restore ${b.name}`}
                  >
                    Restore
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <RestoreModal
        target={target}
        onClose={() => setTarget(null)}
        onRestored={(message) => {
          setTarget(null);
          setRestored(message);
        }}
      />
    </Stack>
  );
}
