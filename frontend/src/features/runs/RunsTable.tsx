import { Anchor, Stack, Text, Tooltip } from '@mantine/core';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import type { Run } from '../../api/models';
import { DataGrid } from '../../components/DataGrid';
import { RelativeTime } from '../../components/RelativeTime';
import { RunStatusBadge } from '../../components/StatusBadge';
import { formatDuration } from '../../lib/format';

const ROW_HEIGHT = 52;

/** A run's error, cut to what fits; the whole message on hover. */
export function RunError({ error }: { error: string }) {
  if (!error) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Tooltip label={error} multiline maw={420} openDelay={300} withinPortal>
      <Text size="sm" c="red" lineClamp={2} style={{ wordBreak: 'break-word' }}>
        {error}
      </Text>
    </Tooltip>
  );
}

function runColumns(onOpenUser: (run: Run) => void): ColumnDef<Run>[] {
  return [
    {
      id: 'started',
      header: 'Started',
      meta: { width: 150 },
      cell: ({ row }) => (
        <Text size="sm" truncate>
          <RelativeTime value={row.original.startedAt} />
        </Text>
      ),
    },
    {
      id: 'user',
      header: 'User',
      meta: { width: 170, grow: 1.3 },
      cell: ({ row: { original: r } }) => (
        <Stack gap={0} align="flex-start" style={{ minWidth: 0 }}>
          <Anchor
            component="button"
            size="sm"
            fw={600}
            maw="100%"
            truncate
            onClick={() => onOpenUser(r)}
            aria-label={`Open ${r.user.name} (${r.user.key})`}
          >
            {r.user.name || r.user.key}
          </Anchor>
          <Text size="xs" c="dimmed" truncate maw="100%">
            {r.user.key}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'integration',
      header: 'Integration',
      meta: { width: 120, grow: 0.8 },
      cell: ({ row }) => (
        <Text size="sm" truncate>
          {row.original.integration.name}
        </Text>
      ),
    },
    {
      id: 'workflow',
      header: 'Workflow',
      meta: { width: 150, grow: 1.2 },
      cell: ({ row }) => (
        <Text size="sm" truncate title={row.original.workflow.name}>
          {row.original.workflow.name}
        </Text>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      meta: { width: 110 },
      cell: ({ row }) => <RunStatusBadge status={row.original.status} />,
    },
    {
      id: 'duration',
      header: 'Duration',
      meta: { width: 90 },
      cell: ({ row }) => (
        <Text size="sm" truncate style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatDuration(row.original.durationMs)}
        </Text>
      ),
    },
    {
      id: 'error',
      header: 'Error',
      meta: { width: 200, grow: 2 },
      cell: ({ row }) => <RunError error={row.original.error} />,
    },
  ];
}

interface RunsTableProps {
  runs: Run[];
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  onOpenUser: (run: Run) => void;
  empty: ReactNode;
}

export function RunsTable({ runs, onOpenUser, ...grid }: RunsTableProps) {
  const columns = useMemo(() => runColumns(onOpenUser), [onOpenUser]);
  const table = useReactTable({
    data: runs,
    columns,
    enableSorting: false, // always newest first
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => String(r.id),
  });
  return <DataGrid table={table} label="Run history" rowHeight={ROW_HEIGHT} {...grid} />;
}
