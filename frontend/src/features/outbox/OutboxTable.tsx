import { Button, Text, Tooltip } from '@mantine/core';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import { MailStatus, type Mail } from '../../api/models';
import { labelOf, mailKinds } from '../../api/vocabulary';
import { DataGrid } from '../../components/DataGrid';
import { RelativeTime } from '../../components/RelativeTime';
import { MailStatusCell } from './MailStatusCell';
import { useRetryMail } from './queries';

const ROW_HEIGHT = 56;

function RetryCell({ mail }: { mail: Mail }) {
  const retry = useRetryMail();
  if (mail.retryable) {
    return (
      <Button size="compact-xs" variant="light" loading={retry.isPending} onClick={() => retry.mutate(mail)}>
        Retry now
      </Button>
    );
  }
  if (mail.status === MailStatus.Failed) {
    // A failed invitation's code is gone (Go keeps no body to send again).
    return (
      <Text size="xs" c="dimmed" lh={1.3}>
        Resend from the Team page
      </Text>
    );
  }
  return null;
}

const columns: ColumnDef<Mail>[] = [
  {
    id: 'recipient',
    header: 'Recipient',
    meta: { width: 190, grow: 1.2 },
    cell: ({ row: { original: m } }) => (
      <Text size="sm" truncate title={m.recipient}>
        {m.recipient}
      </Text>
    ),
  },
  {
    id: 'subject',
    header: 'Subject',
    meta: { width: 180, grow: 3 },
    cell: ({ row: { original: m } }) => (
      <Text size="sm" lineClamp={2} title={m.subject}>
        {m.subject}
      </Text>
    ),
  },
  {
    id: 'kind',
    header: 'Kind',
    meta: { width: 146 },
    cell: ({ row: { original: m } }) => (
      <Text size="sm" lineClamp={2}>
        {labelOf(mailKinds, m.kind)}
      </Text>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    meta: { width: 150 },
    cell: ({ row: { original: m } }) => <MailStatusCell mail={m} />,
  },
  {
    id: 'attempts',
    header: 'Attempts',
    meta: { width: 76 },
    cell: ({ row: { original: m } }) => <Text size="sm">{m.attempts}</Text>,
  },
  {
    id: 'created',
    header: 'Created',
    meta: { width: 146 },
    cell: ({ row: { original: m } }) => (
      <Text size="sm" truncate>
        <RelativeTime value={m.createdAt} />
      </Text>
    ),
  },
  {
    id: 'error',
    header: 'Last SMTP error',
    meta: { width: 140, grow: 1 },
    cell: ({ row: { original: m } }) =>
      m.lastError ? (
        <Tooltip label={m.lastError} multiline maw={480} openDelay={200} withArrow>
          <Text size="sm" c="red.7" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {m.lastError}
          </Text>
        </Tooltip>
      ) : (
        <Text size="sm" c="dimmed">
          —
        </Text>
      ),
  },
  {
    id: 'actions',
    header: '',
    meta: { width: 110, srLabel: 'Actions' },
    cell: ({ row: { original: m } }) => <RetryCell mail={m} />,
  },
];

interface OutboxTableProps {
  mails: Mail[];
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  empty: ReactNode;
}

export function OutboxTable({ mails, ...grid }: OutboxTableProps) {
  const table = useReactTable({
    data: mails,
    columns,
    enableSorting: false, // always newest first
    getCoreRowModel: getCoreRowModel(),
    getRowId: (m) => String(m.id),
  });
  return <DataGrid table={table} label="Outbox" rowHeight={ROW_HEIGHT} {...grid} />;
}
