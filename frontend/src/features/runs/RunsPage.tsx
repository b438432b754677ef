import { Alert, Button, Code, Group, Loader, Stack, Title } from '@mantine/core';
import { IconActivity, IconFilterOff } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { ExportWhat, type Ref, type Run } from '../../api/models';
import { EmptyState } from '../../components/EmptyState';
import { ExportButton, useExportView } from '../export/ExportContext';
import { UserDrawer } from '../users/UserDrawer';
import { RunFiltersBar } from './RunFiltersBar';
import { RunsTable } from './RunsTable';
import { defaultRoute, usePageRoute, type RunRouteFilters } from '../../lib/route';
import { UnreachableState } from '../../components/UnreachableState';
import { useUser } from '../users/queries';
import { buildRunsQuery, hasRunFilters, useRunsList, type RunFilters } from './queries';

export function RunsPage() {
  // The filters are the address's (lib/route.ts); it names the user by id, Go names them.
  const [route, go] = usePageRoute('runs');
  const named = useUser(route.filters.userId || null);
  const filters: RunFilters = useMemo(() => {
    const { userId, ...rest } = route.filters;
    const user: Ref | null = userId
      ? { id: userId, key: named.data?.externalId ?? `#${userId}`, name: named.data?.name ?? '' }
      : null;
    return { ...rest, user };
  }, [route.filters, named.data]);
  const setFilters = (update: (f: RunRouteFilters) => RunRouteFilters) =>
    go((r) => ({ ...r, filters: update(r.filters) }));
  const patch = ({ user, ...p }: Partial<RunFilters>) =>
    setFilters((f) => ({ ...f, ...p, ...(user !== undefined && { userId: user?.id ?? 0 }) }));
  const query = useMemo(() => buildRunsQuery(filters), [filters]);
  const list = useRunsList(query);
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const runs = useMemo(() => list.data?.pages.flatMap((p) => p.runs) ?? [], [list.data]);
  const [openUserId, setOpenUserId] = useState<number | null>(null);
  const openUser = useCallback((run: Run) => setOpenUserId(run.user.id), []);

  const clear = () => setFilters(() => defaultRoute('runs').filters);
  const filtered = hasRunFilters(filters);
  useExportView({
    view: { what: ExportWhat.Runs, runs: query },
    description: filtered
      ? 'Exports the runs that match the filters, newest first.'
      : 'Exports the whole run history, newest first.',
  });

  return (
    <Stack h="100%" gap="md">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>Run history</Title>
          {list.isFetching && !list.isPending && !list.isFetchingNextPage && (
            <Loader size={14} aria-label="Updating" />
          )}
        </Group>
        <ExportButton />
      </Group>
      <RunFiltersBar filters={filters} onChange={patch} onClear={clear} />
      {named.isError && (
        <UnreachableState
          error={named.error}
          noun="user"
          backLabel="Show every user's runs"
          onBack={() => patch({ user: null })}
        />
      )}
      {list.isError && !list.data ? (
        <Alert color="red" title="Could not load the run history">
          {errorMessage(list.error)}
        </Alert>
      ) : (
        <RunsTable
          // A new query starts at the top.
          key={JSON.stringify(query)}
          runs={runs}
          isLoading={list.isPending}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={loadMore}
          onOpenUser={openUser}
          empty={
            <EmptyState
              icon={<IconActivity size={28} />}
              title={filtered ? 'No runs match these filters' : 'No runs yet'}
              description={
                filtered ? undefined : (
                  <>
                    Runs arrive as <Code>workflow.run</Code> events: use Import events… on Connected users
                    with a file like <Code>docs/examples/events.jsonl</Code>, or send them with{' '}
                    <Code>roster ingest</Code>.
                  </>
                )
              }
              action={
                filtered && (
                  <Button variant="light" leftSection={<IconFilterOff size={16} />} onClick={clear}>
                    Clear filters
                  </Button>
                )
              }
            />
          }
        />
      )}
      <UserDrawer
        userId={openUserId}
        onClose={() => setOpenUserId(null)}
        onShowRuns={(user) => {
          patch({ user });
          setOpenUserId(null);
        }}
      />
    </Stack>
  );
}
