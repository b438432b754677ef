import { Badge, Stack, Text } from '@mantine/core';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { AuditEntry } from '../../api/models';
import { DataGrid } from '../../components/DataGrid';
import { RelativeTime } from '../../components/RelativeTime';
import { ChangesCell } from './ChangesCell';
import { labelOf, targetTypes } from '../../api/vocabulary';
import { actionLabel } from './format';

const ROW_HEIGHT = 56;

const columns: ColumnDef<AuditEntry>[] = [
  {
    id: 'at',
    header: 'When',
    meta: { width: 150 },
    cell: ({ row }) => (
      <Text size="sm" truncate>
        <RelativeTime value={row.original.at} />
      </Text>
    ),
  },
  {
    id: 'actor',
    header: 'Actor',
    meta: { width: 140, grow: 1 },
    cell: ({ row: { original: e } }) => (
      <Text size="sm" truncate title={e.actorId}>
        {e.actorName}
      </Text>
    ),
  },
  {
    id: 'action',
    header: 'Action',
    meta: { width: 200, grow: 1.2 },
    cell: ({ row: { original: e } }) => (
      <Stack gap={2} align="flex-start">
        <Text size="sm">{actionLabel(e.action)}</Text>
        <Badge variant="default" size="xs" radius="sm" ff="monospace" tt="none">
          {e.action}
        </Badge>
      </Stack>
    ),
  },
  {
    id: 'target',
    header: 'Target',
    meta: { width: 220, grow: 1.5 },
    cell: ({ row: { original: e } }) => (
      <Stack gap={0}>
        <Text size="sm" truncate>
          {labelOf(targetTypes, e.targetType)}
          {e.targetLabel && ` · ${e.targetLabel}`}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace" truncate>
          {e.targetId}
        </Text>
      </Stack>
    ),
  },
  {
    id: 'changes',
    header: 'Changes',
    meta: { width: 280, grow: 2 },
    cell: ({ row }) => <ChangesCell entry={row.original} />,
  },
];

interface AuditTableProps {
  entries: AuditEntry[];
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  empty: ReactNode;
}

export function AuditTable({ entries, ...grid }: AuditTableProps) {
  const table = useReactTable({
    data: entries,
    columns,
    enableSorting: false, // always newest first
    getCoreRowModel: getCoreRowModel(),
    getRowId: (e) => String(e.id),
  });
  return <DataGrid table={table} label="Audit log" rowHeight={ROW_HEIGHT} {...grid} />;
}
