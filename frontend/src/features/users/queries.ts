import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import {
  hashKey,
  keepPreviousData,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { listIntegrations } from '../../api/integrations';
import { SortOrder, UserSort, type Me, type UserPage, type UserRow, type UserStatus } from '../../api/models';
import { countUsers, getCounts, getUser, listUsers, type ListUsersQuery } from '../../api/users';
import { isScoped, limits } from '../../api/vocabulary';
import { dayRangeToInstants, EMPTY_RANGE, isRangeSet, type DayRange } from '../../lib/dateRange';
import { formatNumber, plural } from '../../lib/format';
import { queryKeys } from '../../queryKeys';
export interface UserFilters {
  search: string;
  status?: UserStatus;
  integrationId: number;
  created: DayRange;
}

export const EMPTY_FILTERS: UserFilters = {
  search: '',
  integrationId: 0,
  created: EMPTY_RANGE,
};

export interface ListSort {
  key: UserSort;
  order: SortOrder;
}

export const DEFAULT_SORT: ListSort = { key: UserSort.Created, order: SortOrder.Desc };

/**
 * The filters a member starts with: a per-integration role lists users one
 * integration at a time (Go refuses a wider list), so it starts on the first.
 */
export function defaultFilters(me: Me): UserFilters {
  return isScoped(me.role) ? { ...EMPTY_FILTERS, integrationId: me.integrations[0]?.id ?? 0 } : EMPTY_FILTERS;
}

/** The filters a view lists by: a per-integration role with none named lists its first integration. */
export function viewFilters(filters: UserFilters, defaults: UserFilters): UserFilters {
  return filters.integrationId ? filters : { ...filters, integrationId: defaults.integrationId };
}

export function hasFilters(filters: UserFilters, defaults: UserFilters = EMPTY_FILTERS): boolean {
  return (
    filters.search.trim() !== '' ||
    filters.status !== undefined ||
    filters.integrationId !== defaults.integrationId ||
    isRangeSet(filters.created)
  );
}

/** A search too short for Go (it refuses one: it would read every user), still being typed. */
export function isShortSearch(search: string): boolean {
  const n = [...search.trim()].length;
  return n > 0 && n < limits.minSearchLength;
}

/** Rows per page: the list is read a page at a time, by position. */
export const USER_PAGE_SIZE = limits.defaultPageSize;

/** A complete query (every field but an absent status set) so it is also a stable cache key. */
export function buildUsersQuery(filters: UserFilters, sort: ListSort): ListUsersQuery {
  const { from, to } = dayRangeToInstants(filters.created);
  return {
    search: isShortSearch(filters.search) ? '' : filters.search.trim(),
    status: filters.status,
    integrationId: filters.integrationId,
    createdFrom: from,
    createdTo: to,
    sort: sort.key,
    order: sort.order,
    cursor: '',
    offset: 0,
    limit: USER_PAGE_SIZE,
  };
}

/**
 * A page far from those already read is asked for once the rows on screen
 * have stayed put this long: dragging the scrollbar across a million rows
 * asks for the pages it stops at, not for every page it passes. A page next
 * to one already read is asked for at once, so scrolling on reads ahead.
 */
const SETTLE_MS = 150;

function userPageOptions(query: ListUsersQuery, page: number) {
  return {
    queryKey: queryKeys.userPage(query, page),
    queryFn: () => listUsers({ ...query, cursor: '', offset: page * USER_PAGE_SIZE }),
  };
}

/** Which rows of the list are on screen (DataGrid's onRangeChange). */
export interface RowRange {
  first: number;
  last: number;
}

/**
 * The pages holding a range's rows and half a page either side (read
 * ahead), up to the last page when the list's length is known.
 */
function pagesOf({ first, last }: RowRange, lastPage: number): number[] {
  const from = Math.min(Math.max(0, Math.floor((first - USER_PAGE_SIZE / 2) / USER_PAGE_SIZE)), lastPage);
  const to = Math.max(from, Math.min(Math.floor((last + USER_PAGE_SIZE / 2) / USER_PAGE_SIZE), lastPage));
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The list's rows around a range, read by position. The first page always
 * (it carries the total, and keeps the old rows on screen while a new filter
 * loads); the others once the range settles. Returns the longest run of
 * loaded rows on screen and where it starts; the grid shows placeholders for
 * the rest.
 *
 * When the data changes (live ingest, another window), every page on screen
 * is read again and the answers come one by one: a page read before the
 * change next to one read after it shows rows twice, or skips some, where
 * the list moved. Until they have all come, the rows shown are the last
 * ones read together.
 */
export function useUserRows(query: ListUsersQuery, range: RowRange) {
  const client = useQueryClient();
  const first = useQuery({ ...userPageOptions(query, 0), placeholderData: keepPreviousData });
  const [settled] = useDebouncedValue(range, SETTLE_MS);
  // An exact total ends the list; a lower bound (a count on its way) does not.
  const known = first.data && !first.data.totalCapped ? first.data.total : Infinity;
  const lastPage = Math.max(Math.ceil(known / USER_PAGE_SIZE) - 1, 0);
  const wanted = new Set(pagesOf(settled, lastPage));
  const onScreen = pagesOf(range, lastPage);
  const pages = onScreen.filter((p) => p > 0);
  const read = (p: number) => client.getQueryData(queryKeys.userPage(query, p)) !== undefined;
  const rest = useQueries({
    queries: pages.map((p) => ({
      ...userPageOptions(query, p),
      enabled: wanted.has(p) || read(p - 1) || read(p + 1),
    })),
  });
  // A page being read again still holds what it read before.
  const loaded = new Map<number, { page: UserPage; old: boolean; at: number }>();
  if (first.data) loaded.set(0, { page: first.data, old: first.isRefetching, at: first.dataUpdatedAt });
  pages.forEach((p, i) => {
    const r = rest[i];
    if (r.data) loaded.set(p, { page: r.data, old: r.isRefetching, at: r.dataUpdatedAt });
  });

  const start = onScreen.findIndex((p) => loaded.has(p));
  let users: UserRow[] = [];
  const key = hashKey(queryKeys.userPage(query, 0));
  let reads = ''; // which reads of which pages the rows come from
  let mixed = false;
  for (let i = Math.max(start, 0); start >= 0 && i < onScreen.length; i++) {
    const page = loaded.get(onScreen[i]);
    if (!page) break;
    if (page.old !== loaded.get(onScreen[start])?.old) {
      mixed = true;
      break;
    }
    users = users.concat(page.page.users);
    reads += `${onScreen[i]}:${page.at},`;
  }
  let rowOffset = start >= 0 ? onScreen[start] * USER_PAGE_SIZE : 0;
  // The last rows shown whose pages were read together, kept for as long as
  // the pages on screen are not.
  const [shown, setShown] = useState({ key: '', reads: '', users, rowOffset });
  if (!mixed && (shown.key !== key || shown.reads !== reads)) {
    setShown({ key, reads, users, rowOffset });
  } else if (mixed && shown.key === key) {
    ({ users, rowOffset } = shown);
  }
  return {
    first,
    users,
    rowOffset,
    pageError: rest.find((r) => r.isError)?.error ?? null,
  };
}

/**
 * Asks for the users page's data (the view's first rows, the counts, the
 * catalogue) before the page renders: see preload.ts.
 */
export function prefetchUsersPage(queryClient: QueryClient, me: Me, filters: UserFilters, sort: ListSort) {
  const query = buildUsersQuery(viewFilters(filters, defaultFilters(me)), sort);
  void queryClient.prefetchQuery(userPageOptions(query, 0));
  void queryClient.prefetchQuery({ queryKey: queryKeys.userCounts, queryFn: getCounts });
  void queryClient.prefetchQuery({ queryKey: queryKeys.integrations, queryFn: listIntegrations });
}

/** How many users a list matches: exact, or a lower bound while the exact count is on its way. */
export interface UserTotal {
  total: number;
  exact: boolean;
}

/**
 * The list's total. When the first page's count stopped at a bound (a
 * search over many users), the exact count is asked for apart, so the
 * rows do not wait for it, and replaces the bound when it arrives.
 */
export function useUserTotal(query: ListUsersQuery, first: UserPage | undefined): UserTotal | undefined {
  // The filters alone: the count is the same whatever the sort.
  const { search, status, integrationId, createdFrom, createdTo } = query;
  const filters = { search, status, integrationId, createdFrom, createdTo };
  const capped = first?.totalCapped === true;
  const count = useQuery({
    queryKey: queryKeys.userCount(filters),
    queryFn: () => countUsers(filters),
    enabled: capped,
  });
  if (!first) return undefined;
  if (capped && count.data === undefined) return { total: first.total, exact: false };
  return { total: capped ? (count.data ?? first.total) : first.total, exact: true };
}

/** "12,345 users", or "at least 1,000 users" while counting ("At least" to start a sentence). */
export function userTotalLabel({ total, exact }: UserTotal, start = false): string {
  if (exact) return plural(total, 'user');
  return `${start ? 'At' : 'at'} least ${formatNumber(total)} users`;
}

export function useCounts(enabled = true) {
  return useQuery({ queryKey: queryKeys.userCounts, queryFn: getCounts, enabled });
}

export function useIntegrations() {
  return useQuery({ queryKey: queryKeys.integrations, queryFn: listIntegrations });
}

export function useUser(id: number | null) {
  return useQuery({
    queryKey: queryKeys.user(id ?? 0),
    queryFn: () => getUser(id ?? 0),
    enabled: id !== null,
  });
}
