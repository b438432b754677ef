import { Alert, Button, Group, Loader, Menu, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconFileImport, IconFilterOff, IconUserSearch } from '@tabler/icons-react';
import { lazy, useCallback, useMemo, useState } from 'react';
import { LazyDialog } from '../../components/LazyDialog';
import { errorMessage } from '../../api/errors';
import { ExportWhat, Permission, type Ref, type UserRow } from '../../api/models';
import { EmptyState } from '../../components/EmptyState';
import { ExportButton, useExportView } from '../export/ExportContext';
import { useInfo } from '../../hooks/useInfo';
import { useCan, useCanDisableUsers, useMe } from '../../hooks/useMe';
import { isScoped } from '../../api/vocabulary';
import { usePageRoute } from '../../lib/route';
import { DemoDataEmptyState } from './DemoDataEmptyState';
import type { UserRef } from './DisableUserModal';
import { useEnableUser } from './mutations';
import {
  buildUsersQuery,
  defaultFilters,
  userTotalLabel,
  viewFilters,
  useUserRows,
  useUserTotal,
  type UserFilters,
  type ListSort,
  type RowRange,
  USER_PAGE_SIZE,
} from './queries';
import { StatusCountsBar } from './StatusCountsBar';
import { UserFiltersBar } from './UserFiltersBar';
import type { UserRowActions } from './UserRowMenu';
import { UsersTable } from './UsersTable';

const DisableUserModal = lazy(() =>
  import('./DisableUserModal').then((m) => ({ default: m.DisableUserModal })),
);
const ImportEventsModal = lazy(() =>
  import('./ImportEventsModal').then((m) => ({ default: m.ImportEventsModal })),
);
const ImportUsersModal = lazy(() =>
  import('./ImportUsersModal').then((m) => ({ default: m.ImportUsersModal })),
);
const UserDrawer = lazy(() => import('./UserDrawer').then((m) => ({ default: m.UserDrawer })));
const WorkflowsModal = lazy(() => import('./WorkflowsModal').then((m) => ({ default: m.WorkflowsModal })));

const SEARCH_DEBOUNCE_MS = 250;

interface UsersPageProps {
  /** Opens the run history filtered on a user (their drawer's "See all runs"). */
  onShowRuns?: (user: Ref) => void;
  /** An import the desktop's File menu asked for (a new object each time)… */
  menuImport?: { what: 'users' | 'events' };
  /** …and the call that says its dialog closed. */
  onMenuImportDone?: () => void;
}

const TOP: RowRange = { first: 0, last: 0 };
const RANGE_STEP = USER_PAGE_SIZE / 2;

/**
 * The rows on screen widened to half pages, the same object while they
 * stay within it: the page re-renders when the pages to read may change,
 * not at every row the scroll passes.
 */
function widenedRange(prev: RowRange, first: number, last: number): RowRange {
  const next = {
    first: Math.floor(first / RANGE_STEP) * RANGE_STEP,
    last: (Math.floor(last / RANGE_STEP) + 1) * RANGE_STEP - 1,
  };
  return next.first === prev.first && next.last === prev.last ? prev : next;
}

export function UsersPage({ onShowRuns, menuImport, onMenuImportDone }: UsersPageProps) {
  const { data: info } = useInfo();
  const canImport = useCan(Permission.WorkspaceManage);
  // The desktop's File menu opens the same dialogs, on arrival or while here.
  const asked = menuImport && canImport ? menuImport.what : null;
  const [importing, setImporting] = useState<'users' | 'events' | null>(asked);
  const [seen, setSeen] = useState(menuImport);
  if (menuImport !== seen) {
    setSeen(menuImport);
    if (asked) setImporting(asked);
  }
  const closeImport = () => {
    setImporting(null);
    onMenuImportDone?.();
  };
  return (
    <Stack h="100%" gap="md">
      <Group justify="space-between">
        <Title order={2}>Connected users</Title>
        <Group gap="sm">
          {info && !info.empty && <ExportButton />}
          {canImport && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button
                  variant="default"
                  leftSection={<IconFileImport size={16} />}
                  rightSection={<IconChevronDown size={14} />}
                >
                  Import
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setImporting('users')}>Users from a file…</Menu.Item>
                <Menu.Item onClick={() => setImporting('events')}>Events…</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      {/* Wait for Info: an empty workspace gets the demo-data offer instead of a list query. */}
      {info && (info.empty ? <DemoDataEmptyState /> : <UsersView onShowRuns={onShowRuns} />)}
      <LazyDialog opened={canImport && importing === 'users'} onClose={closeImport}>
        <ImportUsersModal opened={importing === 'users'} onClose={closeImport} />
      </LazyDialog>
      <LazyDialog opened={canImport && importing === 'events'} onClose={closeImport}>
        <ImportEventsModal opened={importing === 'events'} onClose={closeImport} />
      </LazyDialog>
    </Stack>
  );
}

function UsersView({ onShowRuns }: UsersPageProps) {
  const me = useMe();
  const scoped = isScoped(me.role);
  const defaults = useMemo(() => defaultFilters(me), [me]);
  const canManage = useCan(Permission.UsersManage);
  const canDisable = useCanDisableUsers();
  // Search, filters, sort and the open user are the address's (lib/route.ts).
  const [route, go] = usePageRoute('users');
  const { sort, user: openUserId } = route;
  // A per-integration role lists one integration at a time: none in the address means its first.
  const filters = useMemo(() => viewFilters(route.filters, defaults), [route.filters, defaults]);
  const [search] = useDebouncedValue(filters.search, SEARCH_DEBOUNCE_MS);
  const query = useMemo(() => buildUsersQuery({ ...filters, search }, sort), [filters, search, sort]);
  // Rows on screen, from the grid; a new query starts at the top.
  const [range, setRange] = useState<RowRange>(TOP);
  const [rangeQuery, setRangeQuery] = useState(query);
  if (rangeQuery !== query) {
    setRangeQuery(query);
    setRange(TOP);
  }
  const onRangeChange = useCallback(
    (first: number, last: number) => setRange((prev) => widenedRange(prev, first, last)),
    [],
  );
  const list = useUserRows(query, range);

  const setOpenUserId = useCallback((user: number | null) => go((r) => ({ ...r, user })), [go]);
  const setSort = (sort: ListSort) => go((r) => ({ ...r, sort }));
  const [disableTarget, setDisableTarget] = useState<UserRef | null>(null);
  const [workflowsTarget, setWorkflowsTarget] = useState<UserRef | null>(null);
  const closeUser = () => setOpenUserId(null);
  const closeDisable = () => setDisableTarget(null);
  const closeWorkflows = () => setWorkflowsTarget(null);
  const { mutate: enableUser } = useEnableUser();

  // Typing a search replaces its history entry; any other change is a step Back returns from.
  const patchFilters = (patch: Partial<UserFilters>) =>
    go((r) => ({ ...r, filters: { ...r.filters, ...patch } }), 'search' in patch ? 'typing' : 'push');
  const clearFilters = () => go((r) => ({ ...r, filters: defaults }));

  const actions: UserRowActions = useMemo(
    () => ({
      canManage,
      canDisable,
      onOpen: (u: UserRow) => setOpenUserId(u.id),
      onDisable: (u: UserRow) => setDisableTarget(u),
      onEnable: (u: UserRow) => enableUser(u.id),
      onWorkflows: (u: UserRow) => setWorkflowsTarget(u),
    }),
    [canManage, canDisable, enableUser, setOpenUserId],
  );

  const firstPage = list.first.data;
  const total = useUserTotal(query, firstPage);
  useExportView(
    total
      ? {
          view: { what: ExportWhat.Users, users: query },
          description: `Exports the ${userTotalLabel(total)} this list shows, with its search, filters and sort, as an import reads them back.`,
        }
      : null,
  );

  return (
    <>
      <StatusCountsBar
        active={filters.status}
        onChange={(status) => patchFilters({ status })}
        withCounts={!scoped}
      />
      <UserFiltersBar
        filters={filters}
        onChange={patchFilters}
        onClear={clearFilters}
        defaults={defaults}
        integrationRequired={scoped}
      />
      <Group gap="xs" h={20}>
        {total && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {userTotalLabel(total, true)}
          </Text>
        )}
        {(list.first.isFetching || (total && !total.exact)) && (
          <Loader size={14} aria-label={total && !total.exact ? 'Counting' : 'Updating'} />
        )}
      </Group>

      {list.pageError && (
        <Alert color="red" title="Could not load some rows">
          {errorMessage(list.pageError)}
        </Alert>
      )}
      {list.first.isError && !firstPage ? (
        <Alert color="red" title="Could not load users">
          {errorMessage(list.first.error)}
        </Alert>
      ) : (
        <UsersTable
          // A new query starts at the top with no highlighted row.
          key={JSON.stringify(query)}
          users={list.users}
          totalRows={total?.exact ? total.total : undefined}
          rowCount={total?.total ?? 0}
          rowOffset={list.rowOffset}
          onRangeChange={onRangeChange}
          isLoading={list.first.isPending}
          sort={sort}
          onSortChange={setSort}
          actions={actions}
          empty={
            <EmptyState
              icon={<IconUserSearch size={28} />}
              title="No users match these filters"
              action={
                <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={clearFilters}>
                  Clear filters
                </Button>
              }
            />
          }
        />
      )}

      <LazyDialog opened={openUserId !== null} onClose={closeUser}>
        <UserDrawer userId={openUserId} onClose={closeUser} onShowRuns={onShowRuns} />
      </LazyDialog>
      <LazyDialog opened={disableTarget !== null} onClose={closeDisable}>
        <DisableUserModal user={disableTarget} onClose={closeDisable} />
      </LazyDialog>
      <LazyDialog opened={workflowsTarget !== null} onClose={closeWorkflows}>
        <WorkflowsModal user={workflowsTarget} onClose={closeWorkflows} />
      </LazyDialog>
    </>
  );
}
