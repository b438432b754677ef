import { Anchor, Badge, Stack, Text } from '@mantine/core';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { TargetType, type AuditEntry, type AuditSubject } from '../../api/models';
import { DataGrid } from '../../components/DataGrid';
import { RelativeTime } from '../../components/RelativeTime';
import { ChangesCell } from './ChangesCell';
import { labelOf, targetTypes } from '../../api/vocabulary';
import { formatExactTime } from '../../lib/format';
import { actionLabel } from './format';

const ROW_HEIGHT = 56;

/**
 * Where an entry's subject leads: a connected user's drawer, a member on the
 * Team page. A kind left out (the role cannot open that page) shows no link.
 */
export interface SubjectLinks {
  user?: (subject: AuditSubject) => void;
  member?: (subject: AuditSubject) => void;
}

function SubjectLine({ subject, links }: { subject: AuditSubject; links: SubjectLinks }) {
  const open = subject.deleted ? undefined : links[subject.kind as keyof SubjectLinks];
  if (!open) {
    return (
      <Text size="xs" c="dimmed" truncate>
        {subject.text}
      </Text>
    );
  }
  return (
    <Anchor
      component="button"
      type="button"
      size="xs"
      ta="left"
      truncate
      title={subject.kind === 'user' ? 'Open this user' : 'Show this member on the Team page'}
      onClick={() => open(subject)}
    >
      {subject.text}
    </Anchor>
  );
}

function TargetCell({ entry: e, links }: { entry: AuditEntry; links: SubjectLinks }) {
  // The subject line names a user or member; a label adds what it is about (an integration, a workflow).
  const label =
    e.subject && (e.targetType === TargetType.User || e.targetType === TargetType.Member)
      ? ''
      : e.targetLabel;
  return (
    <Stack gap={0} align="flex-start" style={{ minWidth: 0 }}>
      <Text size="sm" truncate maw="100%">
        {labelOf(targetTypes, e.targetType)}
        {label && ` · ${label}`}
      </Text>
      {e.subject ? (
        <SubjectLine subject={e.subject} links={links} />
      ) : (
        <Text size="xs" c="dimmed" ff="monospace" truncate>
          {e.targetId}
        </Text>
      )}
    </Stack>
  );
}

function auditColumns(links: SubjectLinks): ColumnDef<AuditEntry>[] {
  return [
    {
      id: 'at',
      header: 'When',
      meta: { width: 250 }, // the exact time, offset included, never truncated
      cell: ({ row: { original: e } }) => (
        <Stack gap={0}>
          <Text size="sm" truncate>
            <RelativeTime value={e.at} />
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" truncate>
            {formatExactTime(e.at)}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'actor',
      header: 'Actor',
      meta: { width: 160, grow: 1 },
      cell: ({ row: { original: e } }) => (
        <Stack gap={0}>
          <Text size="sm" truncate>
            {e.actorName}
          </Text>
          {e.actorEmail && (
            <Text size="xs" c="dimmed" truncate>
              {e.actorEmail}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      id: 'action',
      header: 'Action',
      meta: { width: 190, grow: 1 },
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
      cell: ({ row: { original: e } }) => <TargetCell entry={e} links={links} />,
    },
    {
      id: 'changes',
      header: 'Changes',
      meta: { width: 260, grow: 2 },
      cell: ({ row }) => <ChangesCell entry={row.original} />,
    },
  ];
}

interface AuditTableProps {
  entries: AuditEntry[];
  links: SubjectLinks;
  isLoading: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  empty: ReactNode;
}

export function AuditTable({ entries, links, ...grid }: AuditTableProps) {
  const columns = useMemo(() => auditColumns(links), [links]);
  const table = useReactTable({
    data: entries,
    columns,
    enableSorting: false, // always newest first
    getCoreRowModel: getCoreRowModel(),
    getRowId: (e) => String(e.id),
  });
  return <DataGrid table={table} label="Audit log" rowHeight={ROW_HEIGHT} {...grid} />;
}
