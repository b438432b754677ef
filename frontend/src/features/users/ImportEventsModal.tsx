import {
  Button,
  Code,
  FileInput,
  Group,
  Paper,
  ScrollArea,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/errors';
import { importEvents } from '../../api/ingest';
import { ErrorCode, ImportOutcome, type ImportReport } from '../../api/models';
import { formatNumber, plural } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { FreshModal } from '../../components/FreshModal';

/** The file types a person may pick; Go reads any of them as JSON Lines. */
const ACCEPT = '.jsonl,.ndjson,.json,.txt';

// Errors about the file itself are shown under the file field, not as a toast.
const FILE_FIELDS = ['name', 'content'];

interface ImportEventsModalProps {
  opened: boolean;
  onClose: () => void;
}

/** "Import events…": applies a file of events and shows what became of each. */
export function ImportEventsModal({ opened, onClose }: ImportEventsModalProps) {
  return (
    <FreshModal opened={opened} onClose={onClose} title="Import events">
      {(close) => <ImportEventsForm onClose={close} />}
    </FreshModal>
  );
}

async function readFile(file: File): Promise<string> {
  try {
    return await file.text();
  } catch {
    throw new ApiError(ErrorCode.Invalid, `Roster could not read ${file.name}.`, 'content');
  }
}

function ImportEventsForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation<ImportReport, ApiError, File>({
    mutationFn: async (f) => importEvents(f.name, await readFile(f)),
    // Users, connections, runs, the outbox and the audit log may all have changed.
    onSuccess: () => void queryClient.invalidateQueries(),
    onError: (err) => {
      if (err.field && FILE_FIELDS.includes(err.field)) return;
      notifyError(err);
    },
  });
  const fileError = run.error?.field && FILE_FIELDS.includes(run.error.field) ? run.error.message : undefined;

  if (run.data && file) {
    return (
      <ImportReportView
        name={file.name}
        report={run.data}
        onAgain={() => {
          run.reset();
          setFile(null);
        }}
        onClose={onClose}
      />
    );
  }

  return (
    <Stack>
      <Text size="sm">
        A JSON Lines file holds one event per line (<Code>id</Code>, <Code>type</Code>, <Code>at</Code>,{' '}
        <Code>data</Code>), such as <Code>user.upserted</Code> or <Code>workflow.run</Code>; see{' '}
        <Code>docs/examples/events.jsonl</Code> for every type. An event already imported is skipped.
      </Text>
      <FileInput
        label="Events file"
        placeholder="Choose a .jsonl file"
        accept={ACCEPT}
        value={file}
        onChange={(f) => {
          setFile(f);
          run.reset();
        }}
        leftSection={<IconFileImport size={16} />}
        clearable
        disabled={run.isPending}
        error={fileError}
        data-autofocus
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} disabled={run.isPending}>
          Cancel
        </Button>
        <Button disabled={!file} loading={run.isPending} onClick={() => file && run.mutate(file)}>
          Import
        </Button>
      </Group>
    </Stack>
  );
}

interface ImportReportViewProps {
  name: string;
  report: ImportReport;
  onAgain: () => void;
  onClose: () => void;
}

function ImportReportView({ name, report, onAgain, onClose }: ImportReportViewProps) {
  const rejected = report.lines.filter((l) => l.outcome === ImportOutcome.Rejected);
  const total = report.accepted + report.duplicates + report.rejected;
  return (
    <Stack>
      <Text size="sm">
        {plural(total, 'event')} read from <Code>{name}</Code>.
      </Text>
      <SimpleGrid cols={4} spacing="sm" role="list" aria-label="Import summary">
        <Count label="Accepted" value={report.accepted} color="green" />
        <Count label="Duplicates" value={report.duplicates} hint="already imported" />
        <Count label="Rejected" value={report.rejected} color={report.rejected > 0 ? 'red' : undefined} />
        <Count label="Mail queued" value={report.mailQueued} hint="alerts to members" />
      </SimpleGrid>
      {rejected.length > 0 && (
        <Stack gap="xs">
          <Title order={5}>Rejected lines</Title>
          {report.rejected > rejected.length && (
            <Text size="xs" c="dimmed">
              The first {formatNumber(rejected.length)} of {formatNumber(report.rejected)} rejected lines.
            </Text>
          )}
          <ScrollArea.Autosize mah={320} type="auto">
            <Table fz="sm" striped withTableBorder stickyHeader aria-label="Rejected lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>Line</Table.Th>
                  <Table.Th w={140}>Event ID</Table.Th>
                  <Table.Th w={140}>Field</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rejected.map((l) => (
                  <Table.Tr key={l.line} style={{ verticalAlign: 'top' }}>
                    <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{l.line}</Table.Td>
                    <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {l.id || '—'}
                    </Table.Td>
                    <Table.Td ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {l.field || '—'}
                    </Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }}>{l.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Stack>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onAgain}>
          Import another file
        </Button>
        <Button onClick={onClose}>Done</Button>
      </Group>
    </Stack>
  );
}

function Count({
  label,
  value,
  color,
  hint,
}: {
  label: string;
  value: number;
  color?: string;
  hint?: string;
}) {
  return (
    <Paper withBorder radius="md" p="sm" role="listitem" aria-label={`${label}: ${value}`}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatNumber(value)}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}
