import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Ref, RunStatus } from '../../api/models';
import { listWorkflows } from '../../api/integrations';
import { listRuns, type RunsQuery } from '../../api/runs';
import { limits } from '../../api/vocabulary';
import { dayRangeToInstants, EMPTY_RANGE, isRangeSet, type DayRange } from '../../lib/dateRange';
import { queryKeys } from '../../queryKeys';

/**
 * The run history's filters. The user is a Ref (id, external id, name) so
 * its chip can name them; it is set from a user's drawer ("See all runs").
 */
export interface RunFilters {
  user: Ref | null;
  integrationId: number;
  /** A workflow of the chosen integration; 0 = any. */
  workflowId: number;
  status?: RunStatus;
  range: DayRange;
}

export const EMPTY_RUN_FILTERS: RunFilters = {
  user: null,
  integrationId: 0,
  workflowId: 0,
  range: EMPTY_RANGE,
};

export function hasRunFilters(f: RunFilters): boolean {
  return (
    f.user !== null ||
    f.integrationId !== 0 ||
    f.workflowId !== 0 ||
    f.status !== undefined ||
    isRangeSet(f.range)
  );
}

/** A complete query (every field but an absent status set) so it is also a stable cache key. */
export function buildRunsQuery(filters: RunFilters): RunsQuery {
  const { from, to } = dayRangeToInstants(filters.range);
  return {
    userId: filters.user?.id ?? 0,
    integrationId: filters.integrationId,
    workflowId: filters.workflowId,
    status: filters.status,
    from,
    to,
    cursor: '',
    limit: limits.defaultPageSize,
  };
}

export function useRunsList(query: RunsQuery) {
  return useInfiniteQuery({
    queryKey: queryKeys.runList(query),
    queryFn: ({ pageParam }) => listRuns({ ...query, cursor: pageParam }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor || undefined,
    placeholderData: keepPreviousData,
  });
}

/** How many runs a user's drawer shows. */
export const RECENT_RUNS = 10;

/** A user's latest runs, for their drawer. */
export function useRecentRuns(userId: number) {
  return useQuery({
    queryKey: queryKeys.recentRuns(userId),
    queryFn: () => listRuns({ userId, limit: RECENT_RUNS }),
  });
}

/** The workflows of the integration the history is filtered on. */
export function useWorkflows(integrationId: number) {
  return useQuery({
    queryKey: queryKeys.workflows(integrationId),
    queryFn: () => listWorkflows(integrationId),
    enabled: integrationId > 0,
  });
}
