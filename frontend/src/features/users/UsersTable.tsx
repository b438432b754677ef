import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useMemo, type ReactNode } from 'react';
import { SortOrder, UserSort, type UserRow } from '../../api/models';
import { DataGrid } from '../../components/DataGrid';
import { IntegrationChips } from '../../components/IntegrationChips';
import { RelativeTime } from '../../components/RelativeTime';
import { UserStatusBadge } from '../../components/StatusBadge';
import type { ListSort } from './queries';
import { UserRowMenu, type UserRowActions } from './UserRowMenu';
import classes from './UsersTable.module.css';

const USER_ROW_HEIGHT = 52;

function userColumns(actions: UserRowActions): ColumnDef<UserRow>[] {
  return [
    {
      id: UserSort.Name,
      header: 'Name / User ID',
      accessorFn: (u) => u.name,
      meta: { width: 260, grow: 2 },
      cell: ({ row: { original: u } }) => (
        <div className={classes.lines}>
          <span className={classes.name}>{u.name}</span>
          <span className={classes.detail}>
            {u.externalId} · {u.email}
          </span>
        </div>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      enableSorting: false,
      meta: { width: 150 },
      cell: ({ row }) => <UserStatusBadge status={row.original.status} />,
    },
    {
      id: 'integrations',
      header: 'Integrations enabled',
      enableSorting: false,
      meta: { width: 190, grow: 1 },
      cell: ({ row }) => <IntegrationChips integrations={row.original.integrations} />,
    },
    {
      id: UserSort.Created,
      header: 'Date created',
      accessorFn: (u) => u.createdAt,
      sortDescFirst: true,
      meta: { width: 140 },
      cell: ({ row }) => (
        <div className={classes.text}>
          <RelativeTime value={row.original.createdAt} display="date" />
        </div>
      ),
    },
    {
      id: UserSort.LastActive,
      header: 'Last active',
      accessorFn: (u) => u.lastActiveAt,
      sortDescFirst: true,
      meta: { width: 150 },
      cell: ({ row }) => (
        <div className={classes.text}>
          <RelativeTime value={row.original.lastActiveAt} />
        </div>
      ),
    },
    {
      id: 'actions',
      header: '',
      enableSorting: false,
      meta: { width: 52, srLabel: 'Actions' },
      cell: ({ row }) => <UserRowMenu user={row.original} actions={actions} />,
    },
  ];
}

interface UsersTableProps {
  /** The loaded rows, the first at position rowOffset of rowCount. */
  users: UserRow[];
  totalRows?: number;
  rowCount: number;
  rowOffset: number;
  onRangeChange: (first: number, last: number) => void;
  isLoading: boolean;
  sort: ListSort;
  onSortChange: (sort: ListSort) => void;
  actions: UserRowActions;
  empty: ReactNode;
}

const userSorts: readonly string[] = Object.values(UserSort);

function isUserSort(id: string): id is UserSort {
  return userSorts.includes(id);
}

export function UsersTable({ users, sort, onSortChange, actions, ...grid }: UsersTableProps) {
  const columns = useMemo(() => userColumns(actions), [actions]);
  const sorting: SortingState = [{ id: sort.key, desc: sort.order === SortOrder.Desc }];

  const onSortingChange = (updater: Updater<SortingState>) => {
    const [next] = typeof updater === 'function' ? updater(sorting) : updater;
    if (next && isUserSort(next.id))
      onSortChange({ key: next.id, order: next.desc ? SortOrder.Desc : SortOrder.Asc });
  };

  const table = useReactTable({
    data: users,
    columns,
    state: { sorting },
    onSortingChange,
    manualSorting: true, // the server sorts
    enableMultiSort: false,
    enableSortingRemoval: false,
    getCoreRowModel: getCoreRowModel(),
  });

  return (
    <DataGrid
      table={table}
      label="Connected users"
      rowHeight={USER_ROW_HEIGHT}
      onOpenRow={actions.onOpen}
      {...grid}
    />
  );
}
