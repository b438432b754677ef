import { Alert, Anchor, Button, Group, Modal, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { cancelExport, exportDownloadURL, exportStatus, startExport } from '../../api/exports';
import { ExportWhat, ImportFormat, type ExportJob } from '../../api/models';
import { exportKinds, importFormats } from '../../api/vocabulary.gen';
import { formatNumber, formatSeconds, plural } from '../../lib/format';
import type { PageExport } from './ExportContext';

/** What one row of each export is. */
const NOUNS: Record<ExportWhat, [string, string?]> = {
  [ExportWhat.Users]: ['user'],
  [ExportWhat.Members]: ['member'],
  [ExportWhat.Audit]: ['audit entry', 'audit entries'],
  [ExportWhat.Runs]: ['run'],
};

interface ExportModalProps {
  opened: boolean;
  onClose: () => void;
  /** What the page on screen exports; null when it has nothing to. */
  page: PageExport | null;
}

/** File → Export…: the page's view written to a file, with progress and Cancel. */
export function ExportModal({ opened, onClose, page }: ExportModalProps) {
  const kind = page && exportKinds.find((k) => k.value === page.view.what)?.label;
  // A new dialog each time it opens: the last export's result is not shown again.
  const [session, setSession] = useState(0);
  const close = () => {
    onClose();
    setSession((n) => n + 1);
  };
  return (
    <Modal opened={opened} onClose={close} title={kind ? `Export ${kind.toLowerCase()}` : 'Export'} centered>
      {page ? (
        <ExportSteps key={session} page={page} onClose={close} />
      ) : (
        <Text size="sm">
          This page has nothing to export. Connected users, Run history, Team and Audit log each export what
          they show.
        </Text>
      )}
    </Modal>
  );
}

function ExportSteps({ page, onClose }: { page: PageExport; onClose: () => void }) {
  const [format, setFormat] = useState<ImportFormat>(ImportFormat.Csv);
  const [jobId, setJobId] = useState<number | null>(null);
  const start = useMutation({
    mutationFn: () => startExport(page.view, format),
    // Id 0: the desktop's save dialog was closed; stay on this step.
    onSuccess: (job) => job.id && setJobId(job.id),
  });
  if (jobId) return <JobView jobId={jobId} onClose={onClose} />;
  const users = page.view.what === ExportWhat.Users;
  return (
    <Stack>
      <Text size="sm">{page.description}</Text>
      <SegmentedControl
        aria-label="Format"
        value={format}
        onChange={(v) => setFormat(v as ImportFormat)}
        data={importFormats.map((f) => ({ value: f.value, label: f.label }))}
      />
      <Text size="xs" c="dimmed">
        {format === ImportFormat.Csv
          ? users
            ? 'CSV opens in a spreadsheet and imports back; it leaves out workflow states.'
            : 'CSV opens in a spreadsheet.'
          : users
            ? 'JSON keeps every field, workflow states included, and imports back as it is.'
            : 'JSON keeps every field as Roster holds it.'}
      </Text>
      {start.isError && <Alert color="red">{errorMessage(start.error)}</Alert>}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          Export
        </Button>
      </Group>
    </Stack>
  );
}

function JobView({ jobId, onClose }: { jobId: number; onClose: () => void }) {
  const job = useQuery({
    queryKey: ['exportJob', jobId],
    queryFn: () => exportStatus(jobId),
    refetchInterval: (q) => (q.state.data && !q.state.data.running ? false : 300),
  });
  const cancel = useMutation({ mutationFn: () => cancelExport(jobId) });
  const j = job.data;
  if (job.isError) return <Alert color="red">{errorMessage(job.error)}</Alert>;
  if (!j) return <Text size="sm">Starting…</Text>;
  if (j.running) return <Running job={j} onCancel={() => cancel.mutate()} cancelling={cancel.isPending} />;
  const close = (
    <Group justify="flex-end">
      <Button onClick={onClose}>Close</Button>
    </Group>
  );
  if (j.cancelled || j.error) {
    return (
      <Stack>
        <Alert
          color={j.error ? 'red' : 'gray'}
          title={j.error ? 'The export failed' : 'Export cancelled'}
          role="status"
        >
          {j.error ? `${j.error} No file was written.` : 'No file was written.'}
        </Alert>
        {close}
      </Stack>
    );
  }
  const rows = plural(j.progress.rows, ...NOUNS[j.what]);
  return (
    <Stack>
      {j.path ? (
        <Alert color="green" title="Exported" role="status">
          {rows} saved to {j.path}.
        </Alert>
      ) : (
        <Downloaded job={j} rows={rows} />
      )}
      {close}
    </Stack>
  );
}

/** A browser's export: downloaded once it is ready, with a link to download it again. */
function Downloaded({ job, rows }: { job: ExportJob; rows: string }) {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => link.current?.click(), []);
  return (
    <Alert color="green" title="Exported" role="status">
      {rows} written to {job.name}; your browser downloads it.{' '}
      <Anchor ref={link} href={exportDownloadURL(job.id)} download={job.name}>
        Download again
      </Anchor>
    </Alert>
  );
}

function Running({
  job,
  onCancel,
  cancelling,
}: {
  job: ExportJob;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const p = job.progress;
  const known = p.total > 0 && !p.totalCapped;
  const share = known ? Math.min(1, p.rows / p.total) : 0;
  const rate = p.seconds > 0 ? p.rows / p.seconds : 0;
  const left = share > 0 && rate > 0 ? (p.total - p.rows) / rate : null;
  return (
    <Stack>
      <Text fw={600}>Exporting…</Text>
      <Progress value={known ? 100 * share : 100} striped={!known} animated aria-label="Export progress" />
      <Text size="sm" c="dimmed">
        {formatNumber(p.rows)}
        {known && ` of ${formatNumber(p.total)}`} rows
        {rate > 0 && ` · ${formatNumber(Math.round(rate))} rows/s`}
        {left !== null && ` · about ${formatSeconds(left)} left`}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} loading={cancelling}>
          Cancel export
        </Button>
      </Group>
    </Stack>
  );
}
