import { useCallback, useSyncExternalStore } from 'react';
import { SortOrder, UserSort, type MailStatus, type MemberStatus, type Role } from '../api/models';
import {
  auditActions,
  mailStatuses,
  memberStatuses,
  roles,
  runStatuses,
  targetTypes,
  userStatuses,
  valueOf,
  type Option,
} from '../api/vocabulary';
import type { AuditFilters } from '../features/audit/queries';
import type { RunFilters } from '../features/runs/queries';
import type { ListSort, UserFilters } from '../features/users/queries';
import { EMPTY_RANGE, type DayRange } from './dateRange';

/*
 * The view lives in the address's hash (#/users?q=globex&status=connected&user=12),
 * so Back works, a reload keeps the view and a link can be handed on. Hash
 * routing needs nothing from the server and works in the desktop window too.
 * Whatever the hash holds is only a wish: an unknown value falls back to its
 * default, and what it names is fetched through the ordinary, permission-checked calls.
 */

export const PAGES = ['users', 'runs', 'team', 'audit', 'outbox', 'settings'] as const;
export type Page = (typeof PAGES)[number];

export interface TeamFilters {
  search: string;
  role?: Role;
  status?: MemberStatus;
}

/** The run history's filters, with the user by id (the page names them). */
export type RunRouteFilters = Omit<RunFilters, 'user'> & { userId: number };

export interface UsersRoute {
  page: 'users';
  /** integrationId 0: any, or a per-integration role's first integration. */
  filters: UserFilters;
  sort: ListSort;
  /** The user whose drawer is open. */
  user: number | null;
}
export interface RunsRoute {
  page: 'runs';
  filters: RunRouteFilters;
}
export interface TeamRoute {
  page: 'team';
  filters: TeamFilters;
}
export interface AuditRoute {
  page: 'audit';
  filters: AuditFilters;
}
export interface OutboxRoute {
  page: 'outbox';
  status?: MailStatus;
}
export interface SettingsRoute {
  page: 'settings';
}
export type Route = UsersRoute | RunsRoute | TeamRoute | AuditRoute | OutboxRoute | SettingsRoute;
export type RouteOf<P extends Page> = Extract<Route, { page: P }>;

const DEFAULTS: { [P in Page]: RouteOf<P> } = {
  users: {
    page: 'users',
    filters: { search: '', integrationId: 0, created: EMPTY_RANGE },
    sort: { key: UserSort.Created, order: SortOrder.Desc },
    user: null,
  },
  runs: { page: 'runs', filters: { userId: 0, integrationId: 0, workflowId: 0, range: EMPTY_RANGE } },
  team: { page: 'team', filters: { search: '' } },
  audit: { page: 'audit', filters: { target: '', range: EMPTY_RANGE } },
  outbox: { page: 'outbox' },
  settings: { page: 'settings' },
};

/** A page as it opens from the navigation: no search, no filter, default sort. */
export function defaultRoute<P extends Page>(page: P): RouteOf<P> {
  return DEFAULTS[page];
}

const SORT_KEYS: readonly string[] = Object.values(UserSort);
const ORDERS: readonly string[] = Object.values(SortOrder);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A search or id longer than any the backend accepts is not a view anyone linked to. */
const MAX_TEXT = 500;

function text(params: URLSearchParams, key: string): string {
  return (params.get(key) ?? '').slice(0, MAX_TEXT);
}

/** A positive integer id, else 0. */
function id(params: URLSearchParams, key: string): number {
  const raw = params.get(key) ?? '';
  if (!/^[1-9]\d{0,15}$/.test(raw)) return 0;
  const n = Number(raw);
  return Number.isSafeInteger(n) ? n : 0;
}

function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** "2026-01-01..2026-01-31"; either end may be missing ("2026-01-01.."). */
function range(params: URLSearchParams, key: string): DayRange {
  const [first = '', last = '', ...rest] = (params.get(key) ?? '').split('..');
  if (rest.length > 0) return EMPTY_RANGE;
  const from = isDay(first) ? first : null;
  const to = isDay(last) ? last : null;
  if (from && to && from > to) return EMPTY_RANGE;
  return from || to ? [from, to] : EMPTY_RANGE;
}

function formatRange([from, to]: DayRange): string {
  return from || to ? `${from ?? ''}..${to ?? ''}` : '';
}

function choice<T extends string>(
  options: readonly Option<T>[],
  params: URLSearchParams,
  key: string,
): T | undefined {
  return valueOf(options, params.get(key));
}

function parsePage(page: Page, params: URLSearchParams): Route {
  switch (page) {
    case 'users': {
      const key = params.get('sort') ?? '';
      const order = params.get('order') ?? '';
      const d = DEFAULTS.users;
      return {
        page,
        filters: {
          search: text(params, 'q'),
          status: choice(userStatuses, params, 'status'),
          integrationId: id(params, 'integration'),
          created: range(params, 'created'),
        },
        sort: {
          key: SORT_KEYS.includes(key) ? (key as UserSort) : d.sort.key,
          order: ORDERS.includes(order) ? (order as SortOrder) : d.sort.order,
        },
        user: id(params, 'user') || null,
      };
    }
    case 'runs': {
      const integrationId = id(params, 'integration');
      return {
        page,
        filters: {
          userId: id(params, 'user'),
          integrationId,
          // A workflow belongs to an integration: without one it is meaningless.
          workflowId: integrationId ? id(params, 'workflow') : 0,
          status: choice(runStatuses, params, 'status'),
          range: range(params, 'range'),
        },
      };
    }
    case 'team':
      return {
        page,
        filters: {
          search: text(params, 'q'),
          role: choice(roles, params, 'role'),
          status: choice(memberStatuses, params, 'status'),
        },
      };
    case 'audit':
      return {
        page,
        filters: {
          action: choice(auditActions, params, 'action'),
          targetType: choice(targetTypes, params, 'type'),
          actor: text(params, 'actor') || undefined,
          target: text(params, 'target'),
          range: range(params, 'range'),
        },
      };
    case 'outbox':
      return { page, status: choice(mailStatuses, params, 'status') };
    case 'settings':
      return { page };
  }
}

/**
 * The view a hash names. A hash that is not a route (empty, or another
 * screen's such as #accept?token=…) or an unknown page opens Connected users.
 */
export function parseRoute(hash: string): Route {
  const m = /^#\/([a-z]+)\/?(?:\?(.*))?$/.exec(hash);
  const page = PAGES.find((p) => p === m?.[1]);
  if (!page) return DEFAULTS.users;
  return parsePage(page, new URLSearchParams(m?.[2] ?? ''));
}

/** The hash for a view, without the values that are defaults, in a fixed order. */
export function formatRoute(route: Route): string {
  const p = new URLSearchParams();
  const set = (key: string, value: string | number | undefined | null) => {
    if (value !== undefined && value !== null && value !== '' && value !== 0) p.set(key, String(value));
  };
  switch (route.page) {
    case 'users': {
      const { filters: f, sort } = route;
      set('q', f.search);
      set('status', f.status);
      set('integration', f.integrationId);
      set('created', formatRange(f.created));
      const d = DEFAULTS.users.sort;
      if (sort.key !== d.key || sort.order !== d.order) {
        set('sort', sort.key);
        set('order', sort.order);
      }
      set('user', route.user);
      break;
    }
    case 'runs': {
      const f = route.filters;
      set('user', f.userId);
      set('integration', f.integrationId);
      set('workflow', f.integrationId ? f.workflowId : 0);
      set('status', f.status);
      set('range', formatRange(f.range));
      break;
    }
    case 'team':
      set('q', route.filters.search);
      set('role', route.filters.role);
      set('status', route.filters.status);
      break;
    case 'audit': {
      const f = route.filters;
      set('action', f.action);
      set('type', f.targetType);
      set('actor', f.actor);
      set('target', f.target);
      set('range', formatRange(f.range));
      break;
    }
    case 'outbox':
      set('status', route.status);
      break;
    case 'settings':
      break;
  }
  const query = p.toString();
  return `#/${route.page}${query ? `?${query}` : ''}`;
}

// ---- The browser's side: history entries and a subscription for React.

/**
 * How a change enters the history: push (a page, a user opened, a filter:
 * Back returns to the view before), replace (a correction), or typing (a
 * search being typed: its first keystroke pushes one entry, the following
 * ones replace it, so Back undoes the whole search at once).
 */
export type Navigation = 'push' | 'replace' | 'typing';

/** Keystrokes further apart than this start a new search, so a new history entry. */
export const TYPING_PAUSE_MS = 1500;

const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (listeners.size === 1) {
    window.addEventListener('popstate', notify);
    window.addEventListener('hashchange', notify);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener('popstate', notify);
      window.removeEventListener('hashchange', notify);
    }
  };
}

interface EntryState {
  /** When the search that made this entry was last typed in (ms since epoch). */
  typedAt?: number;
}

/** Opens a view. The same view again does nothing: no duplicate history entry. */
export function navigate(route: Route, how: Navigation = 'push') {
  const hash = formatRoute(route);
  if (hash === window.location.hash) return;
  const url = `${window.location.pathname}${window.location.search}${hash}`;
  const now = Date.now();
  const state = history.state as EntryState | null;
  const typing = how === 'typing';
  const stillTyping = typing && state?.typedAt !== undefined && now - state.typedAt < TYPING_PAUSE_MS;
  const entry: EntryState = typing ? { typedAt: now } : {};
  if (how === 'replace' || stillTyping) history.replaceState(entry, '', url);
  else history.pushState(entry, '', url);
  notify();
}

/** Goes to a page as the navigation opens it; the page already open keeps its view. */
export function openPage(page: Page) {
  if (currentRoute().page !== page) navigate(defaultRoute(page));
}

// One parsed route per hash: the same hash gives the same object, as React wants of a snapshot.
let cached: { hash: string; route: Route } | undefined;

/** The route the address names now. */
export function currentRoute(): Route {
  const hash = window.location.hash;
  if (cached?.hash !== hash) cached = { hash, route: parseRoute(hash) };
  return cached.route;
}

/** The current route; re-renders on Back, Forward, a typed address or navigate(). */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}

function routeOf<P extends Page>(page: P, route: Route): RouteOf<P> {
  return route.page === page ? (route as RouteOf<P>) : defaultRoute(page);
}

/**
 * A page's view and the call that changes it. The update reads the address
 * at call time, so two changes between renders both land.
 */
export function usePageRoute<P extends Page>(
  page: P,
): [RouteOf<P>, (update: (route: RouteOf<P>) => RouteOf<P>, how?: Navigation) => void] {
  const route = routeOf(page, useRoute());
  const update = useCallback(
    (fn: (route: RouteOf<P>) => RouteOf<P>, how?: Navigation) =>
      navigate(fn(routeOf(page, currentRoute())), how),
    [page],
  );
  return [route, update];
}
