import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listIntegrations } from '../../api/integrations';
import { listRuns } from '../../api/runs';
import { getInfo, loadDemoData } from '../../api/system';
import { countUsers, disableUser, getCounts, getUser, listUsers } from '../../api/users';
import {
  makeCounts,
  makeInfo,
  makeMe,
  makePage,
  makeRunPage,
  makeUserDetail,
  makeUserRow,
} from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { UsersPage } from './UsersPage';
import { Permission, Role, UserStatus, type UserPage } from '../../api/models';

vi.mock('../../api/users');
vi.mock('../../api/system');
vi.mock('../../api/integrations');
vi.mock('../../api/runs');
vi.mock('../../api/events');

const ada = makeUserRow();
const alan = makeUserRow({
  id: 2,
  externalId: 'usr_002',
  name: 'Alan Turing',
  email: 'alan@example.com',
  lastActiveAt: null,
});

beforeEach(() => {
  vi.mocked(getInfo).mockResolvedValue(makeInfo());
  vi.mocked(getCounts).mockResolvedValue(makeCounts());
  vi.mocked(listIntegrations).mockResolvedValue([
    { id: 10, key: 'salesforce', name: 'Salesforce', category: 'CRM', users: 340 },
  ]);
  vi.mocked(listUsers).mockResolvedValue(makePage([ada, alan], { total: 12345 }));
  vi.mocked(getUser).mockResolvedValue(makeUserDetail());
  vi.mocked(listRuns).mockResolvedValue(makeRunPage([]));
});

/** Answers the list by position from total users named "User 1"… in list order. */
function listPagesOf(total: number) {
  vi.mocked(listUsers).mockImplementation(({ offset = 0 }) => {
    const users = Array.from({ length: Math.min(100, total - offset) }, (_, i) =>
      makeUserRow({
        id: offset + i + 1,
        name: `User ${offset + i + 1}`,
        externalId: `usr_${offset + i + 1}`,
      }),
    );
    return Promise.resolve(makePage(users, { total: offset ? -1 : total }));
  });
}

const lastListQuery = () => vi.mocked(listUsers).mock.lastCall?.[0];

async function renderPage(me = makeMe()) {
  const result = renderWithProviders(<UsersPage />, { me });
  await screen.findByText('Ada Lovelace');
  return result;
}

describe('UsersPage', () => {
  it('renders the rows of the first page', async () => {
    await renderPage();
    const grid = screen.getByRole('grid', { name: 'Connected users' });
    expect(grid).toHaveAttribute('aria-rowcount', '12346');
    const rows = within(grid).getAllByRole('row');
    // The header and 2 users; the rest of the screen waits for rows the total promises.
    expect(rows.filter((r) => r.getAttribute('aria-busy') !== 'true')).toHaveLength(3);
    expect(rows[3]).toHaveAttribute('aria-busy', 'true');
    expect(within(rows[1]).getByText('usr_001 · ada@example.com')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Connected')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Alan Turing')).toBeInTheDocument();
    expect(screen.getByText('12,345 users')).toBeInTheDocument();
    expect(listUsers).toHaveBeenCalledWith(
      expect.objectContaining({ sort: 'created', order: 'desc', cursor: '', offset: 0, limit: 100 }),
    );
  });

  it('shows the exact count when the list only knows a lower bound', async () => {
    vi.mocked(listUsers).mockResolvedValue(makePage([ada], { total: 1000, totalCapped: true }));
    let answer: (n: number) => void = () => {};
    vi.mocked(countUsers).mockReturnValue(new Promise((resolve) => (answer = resolve)));
    await renderPage();
    // The rows do not wait for the count: a bound, and a count on its way.
    expect(screen.getByText('At least 1,000 users')).toBeInTheDocument();
    expect(screen.getByRole('grid', { name: 'Connected users' })).toHaveAttribute('aria-rowcount', '-1');
    expect(screen.getByLabelText('Counting')).toBeInTheDocument();
    expect(countUsers).toHaveBeenCalledWith({
      search: '',
      status: undefined,
      integrationId: 0,
      createdFrom: '',
      createdTo: '',
    });
    answer(123456);
    expect(await screen.findByText('123,456 users')).toBeInTheDocument();
    expect(screen.queryByText(/\+ users|At least/)).toBeNull();
    expect(screen.getByRole('grid', { name: 'Connected users' })).toHaveAttribute('aria-rowcount', '123457');
  });

  it('does not count apart when the list total is exact', async () => {
    await renderPage();
    expect(screen.getByText('12,345 users')).toBeInTheDocument();
    expect(countUsers).not.toHaveBeenCalled();
  });

  it('shows "Never" for a user who was never active', async () => {
    await renderPage();
    const alanRow = screen.getByText('Alan Turing').closest('[role="row"]') as HTMLElement;
    expect(within(alanRow).getByText('Never')).toBeInTheDocument();
  });

  it('shows the status counts with thousands separators, each a filter toggle', async () => {
    const { user } = await renderPage();
    const counts = screen.getByRole('group', { name: 'Filter by status' });
    expect(within(counts).getByRole('button', { name: 'All 10,000' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(within(counts).getByRole('button', { name: 'Connected 9,312' })).toBeInTheDocument();
    expect(within(counts).getByRole('button', { name: 'Account Errors 402' })).toBeInTheDocument();
    expect(within(counts).getByRole('button', { name: 'No integrations 269' })).toBeInTheDocument();

    const disabled = within(counts).getByRole('button', { name: 'Disabled 17' });
    await user.click(disabled);
    await waitFor(() => expect(lastListQuery()).toMatchObject({ status: 'disabled' }));
    expect(disabled).toHaveAttribute('aria-pressed', 'true');

    // Clicking the active status again clears the filter.
    await user.click(disabled);
    expect(disabled).toHaveAttribute('aria-pressed', 'false');
    expect(within(counts).getByRole('button', { name: 'All 10,000' })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  });

  it('searches after the user stops typing', async () => {
    const { user } = await renderPage();
    await user.type(screen.getByRole('textbox', { name: 'Search users' }), 'lovelace');
    await waitFor(() => expect(lastListQuery()).toMatchObject({ search: 'lovelace' }));
    // Debounced: no request was made for a partial word.
    const searches = vi.mocked(listUsers).mock.calls.map(([q]) => q.search);
    expect(searches).not.toContain('l');
    expect(searches).not.toContain('lovelac');
  });

  it('sorts on the server when a sortable header is clicked', async () => {
    const { user } = await renderPage();
    const nameHeader = screen.getByRole('columnheader', { name: /Name \/ User ID/ });
    expect(nameHeader).toHaveAttribute('aria-sort', 'none');
    expect(screen.getByRole('columnheader', { name: /Date created/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    expect(screen.getByRole('columnheader', { name: 'Status' })).not.toHaveAttribute('aria-sort');

    await user.click(within(nameHeader).getByRole('button'));
    await waitFor(() => expect(lastListQuery()).toMatchObject({ sort: 'name', order: 'asc' }));
    const sortedHeader = screen.getByRole('columnheader', { name: /Name \/ User ID/ });
    expect(sortedHeader).toHaveAttribute('aria-sort', 'ascending');

    await user.click(within(sortedHeader).getByRole('button'));
    await waitFor(() => expect(lastListQuery()).toMatchObject({ sort: 'name', order: 'desc' }));
  });

  it('reads the rows at the scroll position by offset, once the scrollbar stops', async () => {
    const total = 1_000_000;
    listPagesOf(total);
    renderWithProviders(<UsersPage />);
    await screen.findByText('User 1');
    const grid = screen.getByRole('grid', { name: 'Connected users' });
    expect(grid).toHaveAttribute('aria-rowcount', String(total + 1));

    // Drag the scrollbar to the very end: the body is capped, so the end of the scroll range is the last row.
    const body = within(grid).getAllByRole('rowgroup')[1];
    const end = parseFloat(body.style.height) - (800 - 40);
    fireEvent.scroll(grid, { target: { scrollTop: end / 2 } });
    fireEvent.scroll(grid, { target: { scrollTop: end } });
    expect(await screen.findByText('User 1000000')).toBeInTheDocument();
    expect(lastListQuery()).toMatchObject({ offset: 999_900, cursor: '' });
    // The page passed on the way (the middle) is not asked for: only the first and the last.
    const offsets = vi.mocked(listUsers).mock.calls.map(([q]) => q.offset);
    expect(new Set(offsets)).toEqual(new Set([0, 999_900]));
    const last = screen.getByText('User 1000000').closest('[role="row"]');
    expect(last).toHaveAttribute('aria-rowindex', String(total + 1));
  });

  it('keeps the rows read together on screen while a change comes in page by page', async () => {
    // Position p holds "User p+1-shift": users that arrive go on top, as "New n".
    let shift = 0;
    let holdFirstPage = false;
    const held: (() => void)[] = [];
    vi.mocked(listUsers).mockImplementation(({ offset = 0 }) => {
      const users = Array.from({ length: 100 }, (_, i) => {
        const n = offset + i + 1 - shift;
        return makeUserRow({
          id: 1000 + n,
          name: n > 0 ? `User ${n}` : `New ${1 - n}`,
          externalId: `usr_${1000 + n}`,
        });
      });
      const page = makePage(users, { total: offset ? -1 : 1000 + shift });
      if (holdFirstPage && offset === 0) return new Promise((resolve) => held.push(() => resolve(page)));
      return Promise.resolve(page);
    });
    const { client } = renderWithProviders(<UsersPage />);
    await screen.findByText('User 1');
    const grid = screen.getByRole('grid', { name: 'Connected users' });
    fireEvent.scroll(grid, { target: { scrollTop: 90 * 52 } }); // rows 91-105: the first two pages
    expect(await screen.findByText('User 101')).toBeInTheDocument();
    const rowOf = (name: string) =>
      screen.getAllByText(name).map((el) => el.closest('[role="row"]')?.getAttribute('aria-rowindex'));
    expect(rowOf('User 96')).toEqual(['97']);

    // Five users arrive; the second page's new rows come first.
    shift = 5;
    holdFirstPage = true;
    void client.invalidateQueries();
    const secondPage = () => {
      const state = client
        .getQueryCache()
        .findAll({ queryKey: ['users', 'list'] })
        .find((q) => q.queryKey[3] === 1)?.state as { fetchStatus: string; data?: UserPage } | undefined;
      return state?.fetchStatus === 'idle' ? state.data?.users[0]?.name : 'reading';
    };
    await waitFor(() => expect(secondPage()).toBe('User 96'));
    expect(held).toHaveLength(1);
    // Not the first page as read before and the second as read after: User 96 twice.
    expect(rowOf('User 96')).toEqual(['97']);
    expect(rowOf('User 101')).toEqual(['102']);

    held[0]();
    await waitFor(() => expect(rowOf('User 96')).toEqual(['102']));
    expect(rowOf('User 91')).toEqual(['97']);
  });

  it('reads the next page at once as the list scrolls on, a far one when the scrollbar stops', async () => {
    listPagesOf(100_000);
    renderWithProviders(<UsersPage />);
    await screen.findByText('User 1');
    const grid = screen.getByRole('grid', { name: 'Connected users' });
    const offsets = () => vi.mocked(listUsers).mock.calls.map(([q]) => q.offset);
    vi.useFakeTimers();
    try {
      // Near the end of the first page: the second, next to it, is read without waiting.
      fireEvent.scroll(grid, { target: { scrollTop: 80 * 52 } });
      await vi.advanceTimersByTimeAsync(20);
      expect(offsets()).toContain(100);
      // Far down: nothing until the scrollbar has stayed put.
      fireEvent.scroll(grid, { target: { scrollTop: 50_000 * 52 } });
      await vi.advanceTimersByTimeAsync(20);
      expect(offsets()).not.toContain(50_000);
      await vi.advanceTimersByTimeAsync(200); // it stays put
    } finally {
      vi.useRealTimers();
    }
    expect(await screen.findByText('User 50001')).toBeInTheDocument();
    expect(offsets()).toContain(50_000);
  });

  it('offers to clear filters when nothing matches', async () => {
    vi.mocked(listUsers).mockResolvedValue(makePage([]));
    const { user } = renderWithProviders(<UsersPage />);
    await screen.findByText('No users match these filters');
    await user.type(screen.getByRole('textbox', { name: 'Search users' }), 'nobody');
    await waitFor(() => expect(lastListQuery()).toMatchObject({ search: 'nobody' }));

    // One in the filter bar, one in the empty state.
    const clearButtons = screen.getAllByRole('button', { name: 'Clear filters' });
    expect(clearButtons).toHaveLength(2);
    await user.click(clearButtons[1]);
    expect(screen.getByRole('textbox', { name: 'Search users' })).toHaveValue('');
    expect(screen.getAllByRole('button', { name: 'Clear filters' })).toHaveLength(1);
  });

  it('opens the highlighted row with the keyboard', async () => {
    const { user } = await renderPage();
    const grid = screen.getByRole('grid', { name: 'Connected users' });
    grid.focus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    const rows = within(grid).getAllByRole('row');
    expect(rows[2]).toHaveAttribute('aria-selected', 'true');
    expect(grid).toHaveAttribute('aria-activedescendant', rows[2].id);

    await user.keyboard('{ArrowUp}{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(getUser).toHaveBeenCalledWith(1);
  });

  it('opens a user when the row is clicked', async () => {
    const { user } = await renderPage();
    await user.click(screen.getByText('Ada Lovelace'));
    expect(await screen.findByRole('dialog', { name: 'Ada Lovelace' })).toBeInTheDocument();
  });

  it('disables a user from the row menu after confirming', async () => {
    vi.mocked(disableUser).mockResolvedValue(makeUserDetail({ status: UserStatus.Disabled }));
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Disable user' }));

    const dialog = await screen.findByRole('dialog', { name: 'Disable user?' });
    expect(dialog).toHaveTextContent(
      'Ada Lovelace will be disabled. Their workflows stop running, and they cannot use the Connect Portal, until you re-enable them.',
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'Left the company');
    await user.click(within(dialog).getByRole('button', { name: 'Disable user' }));
    await waitFor(() => expect(disableUser).toHaveBeenCalledWith(1, 'Left the company'));
    // The row menu does not also open the drawer.
    expect(screen.queryByRole('dialog', { name: 'Ada Lovelace' })).not.toBeInTheDocument();
  });

  it('opens the row menu from the keyboard too, and gives the focus back to its button', async () => {
    const { user } = await renderPage();
    const button = screen.getByRole('button', { name: 'Actions for Ada Lovelace' });
    button.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('menuitem', { name: 'Open' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menuitem', { name: 'Open' })).toBeNull());
    expect(screen.getByRole('button', { name: 'Actions for Ada Lovelace' })).toHaveFocus();
  });

  it('hides change actions from an actor without users.manage', async () => {
    const { user } = await renderPage(makeMe({ role: Role.MonitorAll, permissions: [Permission.UsersView] }));
    await user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace' }));
    expect(await screen.findByRole('menuitem', { name: 'Open' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Disable user' })).not.toBeInTheDocument();
  });

  it('lists a per-integration role one integration of its scope at a time, without counts or disabling', async () => {
    const manager = makeMe({
      role: Role.ManageIntegrations,
      integrations: [{ id: 10, name: 'Salesforce' }],
      permissions: [Permission.UsersView, Permission.UsersManage, Permission.TeamView],
      grantable: [],
    });
    const { user } = await renderPage(manager);
    expect(lastListQuery()).toMatchObject({ integrationId: 10 });
    expect(getCounts).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Integration' })).toHaveValue('Salesforce');
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace' }));
    expect(await screen.findByRole('menuitem', { name: 'Disable workflow for user...' })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Disable user' })).not.toBeInTheDocument();
  });

  describe('with an empty workspace', () => {
    it('offers demo data and loads it', async () => {
      vi.mocked(getInfo).mockResolvedValueOnce(makeInfo({ empty: true }));
      vi.mocked(loadDemoData).mockResolvedValue(makeInfo());
      const { user } = renderWithProviders(<UsersPage />);
      expect(await screen.findByText('No connected users yet')).toBeInTheDocument();
      expect(listUsers).not.toHaveBeenCalled();

      await user.click(screen.getByRole('button', { name: 'Load demo data' }));
      expect(loadDemoData).toHaveBeenCalledTimes(1);
      expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    });

    it('does not offer demo data without workspace.manage', async () => {
      vi.mocked(getInfo).mockResolvedValue(makeInfo({ empty: true }));
      renderWithProviders(<UsersPage />, {
        me: makeMe({ role: Role.MonitorAll, permissions: [Permission.UsersView] }),
      });
      expect(await screen.findByText('No connected users yet')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Load demo data' })).not.toBeInTheDocument();
    });
  });
});
