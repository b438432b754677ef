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
import { buildRunsQuery, EMPTY_RUN_FILTERS, hasRunFilters, useRunsList, type RunFilters } from './queries';

interface RunsPageProps {
  /** Starts filtered on this user: a user's drawer opens the page on their runs. */
  initialUser?: Ref | null;
}

export function RunsPage({ initialUser = null }: RunsPageProps) {
  const [filters, setFilters] = useState<RunFilters>({ ...EMPTY_RUN_FILTERS, user: initialUser });
  const query = useMemo(() => buildRunsQuery(filters), [filters]);
  const list = useRunsList(query);
  const { fetchNextPage } = list;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const runs = useMemo(() => list.data?.pages.flatMap((p) => p.runs) ?? [], [list.data]);
  const [openUserId, setOpenUserId] = useState<number | null>(null);
  const openUser = useCallback((run: Run) => setOpenUserId(run.user.id), []);

  const clear = () => setFilters(EMPTY_RUN_FILTERS);
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
      <RunFiltersBar
        filters={filters}
        onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))}
        onClear={clear}
      />
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
          setFilters((f) => ({ ...f, user }));
          setOpenUserId(null);
        }}
      />
    </Stack>
  );
}
