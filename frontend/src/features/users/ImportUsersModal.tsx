import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconFileImport } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import {
  cancelImport,
  chooseFile,
  importStatus,
  previewImport,
  rollBackImport,
  startImport,
  uploadFile,
} from '../../api/imports';
import {
  ImportState,
  Mode,
  type FileRef,
  type ImportField,
  type ImportFormat,
  type ImportInput,
  type ImportJob,
  type ImportMapping,
  type ImportPreview,
  type ImportProblem,
} from '../../api/models';
import { importFields, importFormats, importStates } from '../../api/vocabulary.gen';
import { useInfo } from '../../hooks/useInfo';
import { formatBytes, formatDateTime, formatNumber, formatSeconds, plural } from '../../lib/format';
import { notifyError } from '../../lib/notify';
import { FreshModal } from '../../components/FreshModal';

const ACCEPT = '.csv,.json,.jsonl,.ndjson';
const NOT_IMPORTED = '';

interface ImportUsersModalProps {
  opened: boolean;
  onClose: () => void;
}

/** "Import users…": a file of connected users, previewed, dry-run, then imported with progress. */
export function ImportUsersModal({ opened, onClose }: ImportUsersModalProps) {
  return (
    <FreshModal opened={opened} onClose={onClose} title="Import connected users">
      {(close) => <ImportUsers onClose={close} />}
    </FreshModal>
  );
}

function ImportUsers({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<FileRef | null>(null);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  // The job on screen, and the input that started it (a dry run's input imports for real).
  const [job, setJob] = useState<{ id: number; input: ImportInput } | null>(null);

  if (!file) return <ChooseFile onChosen={setFile} />;
  if (job)
    return <JobView key={job.id} jobId={job.id} input={job.input} onStarted={setJob} onClose={onClose} />;
  return (
    <PreviewStep
      file={file}
      format={format}
      mapping={mapping}
      onFormat={(f) => {
        setFormat(f);
        setMapping(null);
      }}
      onMapping={setMapping}
      onStarted={setJob}
      onOtherFile={() => setFile(null)}
    />
  );
}

type Started = (job: { id: number; input: ImportInput }) => void;

function ChooseFile({ onChosen }: { onChosen: (f: FileRef) => void }) {
  const { data: info } = useInfo();
  const input = useRef<HTMLInputElement>(null);
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const desktop = info?.mode === Mode.Desktop;
  if (!info) return <Text size="sm">Loading…</Text>;

  const pick = async () => {
    setError(null);
    try {
      const ref = await chooseFile();
      if (ref.token) onChosen(ref);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const upload = async (f: File) => {
    setError(null);
    setSent({ loaded: 0, total: f.size });
    try {
      onChosen(await uploadFile(f, (loaded, total) => setSent({ loaded, total })));
    } catch (err) {
      setError(errorMessage(err));
      setSent(null);
    }
  };

  return (
    <Stack>
      <Text size="sm">
        A CSV, JSON Lines or JSON file of connected users — Roster&apos;s own format or an integration
        platform&apos;s users API. Nothing is written until you import: first you see the file&apos;s first
        rows and can run a dry run.
      </Text>
      {desktop ? (
        <Button leftSection={<IconFileImport size={16} />} onClick={() => void pick()} w="fit-content">
          Choose a file…
        </Button>
      ) : (
        <>
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label="File to import"
            onChange={(e) => {
              const f = e.currentTarget.files?.[0];
              if (f) void upload(f);
            }}
          />
          <Button
            leftSection={<IconFileImport size={16} />}
            onClick={() => input.current?.click()}
            loading={sent !== null}
            w="fit-content"
          >
            Choose a file…
          </Button>
          {sent && (
            <Stack gap={4}>
              <Progress
                value={sent.total ? (100 * sent.loaded) / sent.total : 0}
                aria-label="Upload progress"
              />
              <Text size="xs" c="dimmed">
                Uploading: {formatBytes(sent.loaded)} of {formatBytes(sent.total)}
              </Text>
            </Stack>
          )}
        </>
      )}
      {error && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
          {error}
        </Alert>
      )}
    </Stack>
  );
}

interface PreviewStepProps {
  file: FileRef;
  format: ImportFormat | '';
  mapping: ImportMapping | null;
  onFormat: (f: ImportFormat | '') => void;
  onMapping: (m: ImportMapping) => void;
  onStarted: Started;
  onOtherFile: () => void;
}

function PreviewStep({
  file,
  format,
  mapping,
  onFormat,
  onMapping,
  onStarted,
  onOtherFile,
}: PreviewStepProps) {
  const preview = useQuery({
    queryKey: ['importPreview', file.token, format, mapping],
    queryFn: () => previewImport(file.token, format, mapping),
    placeholderData: (prev) => prev,
    retry: false,
  });
  const p = preview.data;
  // The mapping in force: the person's, else the one Go detected.
  const currentMapping: ImportMapping = mapping ?? p?.mapping ?? {};
  const start = useMutation({
    mutationFn: async (opts: { dryRun: boolean; resume: boolean }) => {
      const input: ImportInput = {
        token: file.token,
        format: format || p!.format,
        mapping: currentMapping,
        ...opts,
      };
      return { id: (await startImport(input)).id, input };
    },
    onSuccess: onStarted,
    onError: notifyError,
  });
  const csv = p?.format === importFormats[0].value;
  const unmappedId = csv && !currentMapping[importFields[0].value];
  const last = p?.last;
  const resumable =
    last &&
    !last.rolledBackAt &&
    (last.state === ImportState.Interrupted ||
      last.state === ImportState.Cancelled ||
      last.state === ImportState.Failed);

  return (
    <Stack>
      <Group justify="space-between">
        <Text fw={600}>
          {file.name}{' '}
          <Text span c="dimmed" fw={400}>
            ({formatBytes(file.size)})
          </Text>
        </Text>
        <Group gap="xs">
          <Select
            aria-label="Format"
            size="xs"
            w={160}
            data={importFormats.map((f) => ({ value: f.value, label: f.label }))}
            value={format || p?.format || null}
            onChange={(v) => onFormat((v as ImportFormat | null) ?? '')}
          />
          <Button variant="subtle" size="xs" onClick={onOtherFile}>
            Another file
          </Button>
        </Group>
      </Group>

      {preview.isError && (
        <Alert color="red" icon={<IconAlertTriangle size={16} />} role="alert">
          {errorMessage(preview.error)}
        </Alert>
      )}

      {resumable && (
        <Alert color="yellow" title="An earlier import of this file stopped" role="status">
          {importStates.find((s) => s.value === last.state)?.label} on {formatDateTime(last.updatedAt)} after{' '}
          {formatNumber(last.rowsDone)} rows ({formatNumber(last.added)} added, {formatNumber(last.updated)}{' '}
          updated). Resume it to import the rest, or import the whole file again (rows already imported stay
          unchanged).
          <Group mt="xs">
            <Button
              size="xs"
              onClick={() => start.mutate({ dryRun: false, resume: true })}
              loading={start.isPending}
            >
              Resume
            </Button>
          </Group>
        </Alert>
      )}

      {csv && p && (
        <Paper withBorder p="sm">
          <Title order={5} mb="xs">
            Which column holds each field
          </Title>
          <SimpleGrid cols={3} spacing="xs">
            {importFields.map((f) => (
              <Select
                key={f.value}
                size="xs"
                label={f.label + (f.required ? ' (required)' : '')}
                description={f.description}
                data={[
                  { value: NOT_IMPORTED, label: '— not imported —' },
                  ...p.columns.map((c) => ({ value: c, label: c })),
                ]}
                value={currentMapping[f.value] ?? NOT_IMPORTED}
                error={f.required && unmappedId ? 'Map a column to the user ID' : undefined}
                onChange={(v) => onMapping(withColumn(currentMapping, f.value, v ?? NOT_IMPORTED))}
                allowDeselect={false}
              />
            ))}
          </SimpleGrid>
        </Paper>
      )}

      {p && <PreviewTable preview={p} />}

      <Group justify="flex-end">
        <Button
          variant="default"
          onClick={() => start.mutate({ dryRun: false, resume: false })}
          disabled={!p || unmappedId || preview.isError}
          loading={start.isPending && !start.variables?.dryRun}
        >
          Import without a dry run
        </Button>
        <Button
          onClick={() => start.mutate({ dryRun: true, resume: false })}
          disabled={!p || unmappedId || preview.isError}
          loading={start.isPending && start.variables?.dryRun}
        >
          Dry run
        </Button>
      </Group>
    </Stack>
  );
}

function withColumn(m: ImportMapping, field: ImportField, column: string): ImportMapping {
  const next: ImportMapping = { ...m };
  if (column === NOT_IMPORTED) delete next[field];
  else next[field] = column;
  return next;
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <Stack gap={4}>
      <Text size="sm" c="dimmed">
        The first {plural(preview.rows.length, 'row')} of the file
      </Text>
      <ScrollArea type="auto" mah={260}>
        <Table striped withTableBorder fz="xs" aria-label="Preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              {preview.columns.map((c) => (
                <Table.Th key={c}>{c}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.rows.map((r) => (
              <Table.Tr key={r.line} bg={r.problem ? 'var(--mantine-color-red-light)' : undefined}>
                <Table.Td>{r.line}</Table.Td>
                {r.problem ? (
                  <Table.Td colSpan={preview.columns.length}>
                    <Text size="xs" c="red">
                      Would be rejected: {r.problem.field ? `${r.problem.field}: ` : ''}
                      {r.problem.reason}
                    </Text>
                  </Table.Td>
                ) : (
                  preview.columns.map((c, i) => (
                    <Table.Td
                      key={c}
                      maw={220}
                      style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                    >
                      {r.cells?.[i] ?? ''}
                    </Table.Td>
                  ))
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Stack>
  );
}

interface JobViewProps {
  jobId: number;
  input: ImportInput;
  onStarted: Started;
  onClose: () => void;
}

/** A running job's progress, then its report. */
function JobView({ jobId, input, onStarted, onClose }: JobViewProps) {
  const job = useQuery({
    queryKey: ['importJob', jobId],
    queryFn: () => importStatus(jobId),
    refetchInterval: (q) => (q.state.data && !q.state.data.running ? false : 500),
  });
  const cancel = useMutation({ mutationFn: () => cancelImport(jobId), onError: notifyError });
  const importNow = useMutation({
    mutationFn: async () => {
      const real: ImportInput = { ...input, dryRun: false, resume: false };
      return { id: (await startImport(real)).id, input: real };
    },
    onSuccess: onStarted,
    onError: notifyError,
  });
  const rollBack = useMutation({
    mutationFn: async (importId: number) => ({ id: (await rollBackImport(importId)).id, input }),
    onSuccess: onStarted,
    onError: notifyError,
  });
  const [confirming, setConfirming] = useState(false);
  const j = job.data;
  if (job.isError) return <Alert color="red">{errorMessage(job.error)}</Alert>;
  if (!j) return <Text size="sm">Starting…</Text>;
  if (j.running) return <Running job={j} onCancel={() => cancel.mutate()} cancelling={cancel.isPending} />;
  if (j.rollback) {
    return (
      <Stack>
        <Alert
          color={j.error ? 'red' : 'green'}
          title={j.error ? 'The rollback stopped' : 'Rolled back'}
          role="status"
        >
          {j.error ||
            `${plural(j.rollback.removed, 'user')} the import had added removed; ${plural(j.rollback.restored, 'user')} put back as they were.`}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>Close</Button>
        </Group>
      </Stack>
    );
  }
  const r = j.report;
  if (!r) return <Alert color="red">{j.error || 'The job ended without a report.'}</Alert>;
  const dry = r.dryRun;
  return (
    <Stack>
      <Alert
        color={r.state === ImportState.Done ? (r.rejected ? 'yellow' : 'green') : 'red'}
        title={
          dry
            ? 'Dry run: nothing was written'
            : (importStates.find((s) => s.value === r.state)?.label ?? r.state)
        }
        role="status"
      >
        {j.error || r.error || summary(r.rows, dry)}
      </Alert>
      <SimpleGrid cols={4}>
        <Count label={dry ? 'Would add' : 'Added'} value={r.added} />
        <Count label={dry ? 'Would update' : 'Updated'} value={r.updated} />
        <Count label="Unchanged" value={r.unchanged} />
        <Count
          label={dry ? 'Would reject' : 'Rejected'}
          value={r.rejected}
          color={r.rejected ? 'red' : undefined}
        />
      </SimpleGrid>
      {r.newIntegrations.length > 0 && (
        <Text size="sm" component="div">
          {dry ? 'Would add' : 'Added'} {plural(r.newIntegrations.length, 'integration')} to the catalogue:{' '}
          {r.newIntegrations.map((k) => (
            <Badge key={k} variant="light" mr={4}>
              {k}
            </Badge>
          ))}
        </Text>
      )}
      {r.problems.length > 0 && <Problems problems={r.problems} total={r.rejected} />}
      {confirming && (
        <Alert color="red" title={`Roll back the import of ${r.file}?`} role="alertdialog">
          The {plural(r.added, 'user')} it added are removed and the {plural(r.updated, 'user')} it changed
          are put back as they were before it. Changes made to them since are lost.
          <Group mt="xs">
            <Button
              size="xs"
              color="red"
              onClick={() => rollBack.mutate(r.importId)}
              loading={rollBack.isPending}
            >
              Roll back
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirming(false)}>
              Keep the import
            </Button>
          </Group>
        </Alert>
      )}
      <Group justify="flex-end">
        {!dry && r.importId > 0 && !confirming && (
          <Button variant="default" color="red" onClick={() => setConfirming(true)}>
            Roll back this import…
          </Button>
        )}
        <Button variant={dry ? 'default' : 'filled'} onClick={onClose}>
          {dry ? 'Cancel' : 'Close'}
        </Button>
        {dry && r.state === ImportState.Done && (
          <Button onClick={() => importNow.mutate()} loading={importNow.isPending}>
            Import
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function summary(rows: number, dry: boolean): string {
  return dry ? `${plural(rows, 'row')} checked.` : `${plural(rows, 'row')} read and imported.`;
}

function Running({
  job,
  onCancel,
  cancelling,
}: {
  job: ImportJob;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const p = job.progress;
  // An import's bar follows the file; a rollback's, each chunk of users undone.
  const [done, of] = job.rollingBack ? [p.rows, p.total] : [p.bytes, p.size];
  const share = of ? Math.min(1, done / of) : 0;
  const rate = p.seconds > 0 ? p.rows / p.seconds : 0;
  const left = share > 0 && p.seconds > 0 ? (p.seconds * (1 - share)) / share : null;
  let detail = 'Reading the file…'; // until the first batch is written
  if (job.rollingBack)
    // Its total is counted as it starts.
    detail = p.total
      ? `${formatNumber(p.rows)} of ${plural(p.total, 'user')} undone`
      : 'Counting the users to undo…';
  else if (p.finishing)
    // A load into an empty file: every row written, its indexes built before it commits.
    detail = `${formatNumber(p.rows)} rows written · building the indexes and the search index…`;
  else if (p.rows > 0)
    detail =
      `${formatNumber(p.rows)} rows · ${formatNumber(Math.round(rate))} rows/s` +
      (left !== null ? ` · about ${formatSeconds(left)} left` : '');
  return (
    <Stack>
      <Text fw={600}>{job.rollingBack ? 'Rolling back…' : p.dryRun ? 'Dry run…' : 'Importing…'}</Text>
      <Progress
        value={100 * share}
        animated
        aria-label={job.rollingBack ? 'Rollback progress' : 'Import progress'}
      />
      <Text size="sm" c="dimmed">
        {detail}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} loading={cancelling}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Paper withBorder p="xs">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" c={color}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}

function Problems({ problems, total }: { problems: ImportProblem[]; total: number }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Rejected rows
      </Text>
      <ScrollArea type="auto" mah={220}>
        <Table striped withTableBorder fz="xs" aria-label="Rejected rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>User ID</Table.Th>
              <Table.Th>Field</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((p) => (
              <Table.Tr key={p.line}>
                <Table.Td>{p.line}</Table.Td>
                <Table.Td>{p.userId}</Table.Td>
                <Table.Td>{p.field}</Table.Td>
                <Table.Td>{p.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {total > problems.length && (
        <Text size="xs" c="dimmed">
          and {formatNumber(total - problems.length)} more
        </Text>
      )}
    </Stack>
  );
}
