import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AuditAction,
  MailStatus,
  MemberStatus,
  Role,
  RunStatus,
  SortOrder,
  TargetType,
  UserSort,
  UserStatus,
} from '../api/models';
import {
  currentRoute,
  defaultRoute,
  formatRoute,
  navigate,
  PAGES,
  parseRoute,
  TYPING_PAUSE_MS,
  type Route,
} from './route';

describe('parseRoute and formatRoute', () => {
  const views: [string, Route][] = [
    [
      '#/users?q=globex&status=account_errors&integration=12&created=2026-01-01..2026-01-31&sort=name&order=asc&user=42',
      {
        page: 'users',
        filters: {
          search: 'globex',
          status: UserStatus.AccountErrors,
          integrationId: 12,
          created: ['2026-01-01', '2026-01-31'],
        },
        sort: { key: UserSort.Name, order: SortOrder.Asc },
        user: 42,
      },
    ],
    [
      '#/runs?user=3&integration=12&workflow=301&status=failed&range=2026-03-01..',
      {
        page: 'runs',
        filters: {
          userId: 3,
          integrationId: 12,
          workflowId: 301,
          status: RunStatus.Failed,
          range: ['2026-03-01', null],
        },
      },
    ],
    [
      '#/team?q=ada%40example.com&role=monitor_all&status=pending',
      {
        page: 'team',
        filters: { search: 'ada@example.com', role: Role.MonitorAll, status: MemberStatus.Pending },
      },
    ],
    [
      '#/audit?action=user.disable&type=user&actor=member%3A2&target=usr_001',
      {
        page: 'audit',
        filters: {
          action: AuditAction.UserDisable,
          targetType: TargetType.User,
          actor: 'member:2',
          target: 'usr_001',
          range: [null, null],
        },
      },
    ],
    ['#/outbox?status=failed', { page: 'outbox', status: MailStatus.Failed }],
    ['#/settings', { page: 'settings' }],
  ];

  it.each(views)('reads %s and writes it back the same', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
    expect(formatRoute(route)).toBe(hash);
  });

  it('writes a page with default values as the bare page', () => {
    for (const page of PAGES) expect(formatRoute(defaultRoute(page))).toBe(`#/${page}`);
  });

  it('keeps a search with spaces, ampersands and non-ASCII letters', () => {
    const route = {
      ...defaultRoute('users'),
      filters: { ...defaultRoute('users').filters, search: 'a&b =ü?' },
    };
    expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it.each([
    ['', 'users'],
    ['#', 'users'],
    ['#/', 'users'],
    ['#/nowhere?q=x', 'users'],
    ['#accept?token=abc', 'users'],
    ['#/USERS', 'users'],
    ['#/team/', 'team'],
  ])('opens %j on %s', (hash, page) => {
    expect(parseRoute(hash).page).toBe(page);
  });

  it('drops values it does not know, keeping the rest', () => {
    expect(
      parseRoute(
        '#/users?q=ok&status=sleeping&integration=-3&created=2026-02-30..nope&sort=rank&order=up&user=abc',
      ),
    ).toEqual({ ...defaultRoute('users'), filters: { ...defaultRoute('users').filters, search: 'ok' } });
    expect(parseRoute('#/users?user=1e3')).toMatchObject({ user: null });
    expect(parseRoute('#/users?user=99999999999999999999')).toMatchObject({ user: null });
    expect(parseRoute('#/users?created=2026-03-02..2026-03-01')).toMatchObject({
      filters: { created: [null, null] },
    });
    expect(parseRoute('#/team?role=superuser&status=%E0%A4%A')).toEqual(defaultRoute('team'));
    expect(parseRoute('#/outbox?status=')).toEqual(defaultRoute('outbox'));
  });

  it('drops a workflow given without its integration', () => {
    expect(parseRoute('#/runs?workflow=301')).toEqual(defaultRoute('runs'));
  });

  it('cuts a search longer than any the backend accepts', () => {
    const route = parseRoute(`#/users?q=${'x'.repeat(5000)}`);
    expect(route.page === 'users' && route.filters.search.length).toBe(500);
  });
});

describe('navigate', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));
  afterEach(() => vi.useRealTimers());

  const users = (search: string): Route => ({
    ...defaultRoute('users'),
    filters: { ...defaultRoute('users').filters, search },
  });

  it('pushes a view, so Back returns to the one before', () => {
    const before = window.history.length;
    navigate(defaultRoute('team'));
    navigate(defaultRoute('audit'));
    expect(window.history.length).toBe(before + 2);
    expect(currentRoute()).toEqual(defaultRoute('audit'));
  });

  it('adds no entry for the view already shown', () => {
    navigate(defaultRoute('team'));
    const before = window.history.length;
    navigate(defaultRoute('team'));
    expect(window.history.length).toBe(before);
  });

  it('gives one search typed letter by letter one entry, and a later search another', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const before = window.history.length;
    for (const q of ['g', 'gl', 'glo', 'globex']) {
      navigate(users(q), 'typing');
      vi.advanceTimersByTime(200);
    }
    expect(window.history.length).toBe(before + 1);
    expect(window.location.hash).toBe('#/users?q=globex');

    vi.advanceTimersByTime(TYPING_PAUSE_MS);
    navigate(users('acme'), 'typing');
    expect(window.history.length).toBe(before + 2);
  });

  it('replaces the entry when asked', () => {
    navigate(defaultRoute('team'));
    const before = window.history.length;
    navigate(defaultRoute('users'), 'replace');
    expect(window.history.length).toBe(before);
    expect(currentRoute().page).toBe('users');
  });
});
