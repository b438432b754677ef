import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { listAudit } from './api/audit';
import { ApiError } from './api/errors';
import { listIntegrations } from './api/integrations';
import {
  AuditAction,
  ErrorCode,
  MemberStatus,
  TargetType,
  Permission,
  Role,
  SortOrder,
  UserSort,
  UserStatus,
} from './api/models';
import { listMembers } from './api/team';
import { getUser, listUsers } from './api/users';
import { makeMe, makeMember } from './test/fixtures';
import { stubAppCalls } from './test/app';
import { renderWithProviders } from './test/render';

vi.mock('./api/auth');
vi.mock('./api/system');
vi.mock('./api/users');
vi.mock('./api/integrations');
vi.mock('./api/audit');
vi.mock('./api/events');
vi.mock('./api/runs');
vi.mock('./api/outbox');
vi.mock('./api/backups');
vi.mock('./api/team');

const signedIn = (me = makeMe()) => stubAppCalls(me);

beforeEach(() => {
  signedIn();
  vi.mocked(listIntegrations).mockResolvedValue([
    { id: 10, key: 'salesforce', name: 'Salesforce', category: 'CRM', users: 340 },
  ]);
  vi.mocked(listMembers).mockResolvedValue([makeMember()]);
});

/** Opens the app on an address, as a reload or a pasted link does. */
function openAt(hash: string) {
  window.history.replaceState(null, '', `/${hash}`);
  return renderWithProviders(<App />);
}

/** What the browser does on Back: move in the history, then tell the page. */
async function back() {
  const moved = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
  window.history.back();
  await act(async () => void (await moved));
}

const lastListQuery = () => vi.mocked(listUsers).mock.lastCall?.[0];

describe('the address', () => {
  it('restores the users page: search, status, integration, sort and the open user', async () => {
    openAt('#/users?q=lovelace&status=connected&integration=10&sort=name&order=asc&user=1');

    expect(await screen.findByRole('dialog', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(getUser).toHaveBeenCalledWith(1);
    expect(screen.getByRole('textbox', { name: 'Search users' })).toHaveValue('lovelace');
    expect(screen.getByRole('textbox', { name: 'Integration' })).toHaveValue('Salesforce');
    expect(screen.getByRole('columnheader', { name: /Name \/ User ID/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await waitFor(() =>
      expect(lastListQuery()).toMatchObject({
        search: 'lovelace',
        status: UserStatus.Connected,
        integrationId: 10,
        sort: UserSort.Name,
        order: SortOrder.Asc,
      }),
    );
  });

  it('writes each change into the address, and Back undoes it', async () => {
    const { user } = openAt('');
    await user.click(await screen.findByText('Ada Lovelace'));
    await screen.findByRole('dialog', { name: 'Ada Lovelace' });
    expect(window.location.hash).toBe('#/users?user=1');

    await back();
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Ada Lovelace' })).toBeNull());
    expect(window.location.hash).toBe('');

    await user.type(screen.getByRole('textbox', { name: 'Search users' }), 'ada');
    await waitFor(() => expect(lastListQuery()).toMatchObject({ search: 'ada' }));
    expect(window.location.hash).toBe('#/users?q=ada');

    await user.click(screen.getByRole('button', { name: 'Team' }));
    expect(await screen.findByRole('heading', { name: 'Team' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/team');

    await back();
    expect(await screen.findByRole('heading', { name: 'Connected users' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Search users' })).toHaveValue('ada');

    // The search was typed letter by letter, and is one step back all the same.
    await back();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Search users' })).toHaveValue(''));
  });

  it('restores the team page, and its filters write into the address', async () => {
    const { user } = openAt('#/team?q=ada&status=accepted');
    expect(await screen.findByRole('heading', { name: 'Team' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Search members' })).toHaveValue('ada');
    await waitFor(() =>
      expect(listMembers).toHaveBeenLastCalledWith({
        search: 'ada',
        role: undefined,
        status: MemberStatus.Accepted,
      }),
    );
    await user.click(screen.getByRole('textbox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: /^Administrator/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/team?q=ada&role=admin&status=accepted'));
  });

  it("makes an audit entry's link an address: Back returns to the filtered log", async () => {
    vi.mocked(listAudit).mockResolvedValue({
      entries: [
        {
          id: 2,
          at: '2026-03-20T09:00:00Z',
          actorId: '1',
          actorName: 'Grace Hopper',
          actorEmail: 'grace@example.com',
          action: AuditAction.UserDisable,
          targetType: TargetType.User,
          targetId: '1',
          targetLabel: '',
          before: null,
          after: null,
          subject: {
            kind: 'user',
            id: 1,
            key: 'ada-001',
            name: 'Ada Lovelace',
            deleted: false,
            text: 'ada-001 · Ada Lovelace',
          },
        },
      ],
      nextCursor: '',
    });
    const { user } = openAt('#/audit?action=user.disable&target=ada');
    await user.click(await screen.findByRole('button', { name: 'ada-001 · Ada Lovelace' }));
    expect(await screen.findByRole('dialog', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/users?user=1');

    await back();
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Target' })).toHaveValue('ada');
    await waitFor(() =>
      expect(listAudit).toHaveBeenLastCalledWith(
        expect.objectContaining({ action: AuditAction.UserDisable, target: 'ada' }),
      ),
    );
  });

  it('says a linked user was not found, from the ordinary permission-checked call', async () => {
    vi.mocked(getUser).mockRejectedValue(
      new ApiError(ErrorCode.NotFound, 'There is no connected user with id 999; they may have been removed.'),
    );
    const { user } = openAt('#/users?user=999');
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('This user was not found')).toBeInTheDocument();
    expect(within(drawer).getByText(/no connected user with id 999/)).toBeInTheDocument();
    expect(getUser).toHaveBeenCalledWith(999);

    await user.click(within(drawer).getByRole('button', { name: 'Back to the list' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(window.location.hash).toBe('#/users');
  });

  it("says a linked user is beyond the member's role", async () => {
    vi.mocked(getUser).mockRejectedValue(
      new ApiError(ErrorCode.Forbidden, 'Monitor integrations may not view users of these integrations.'),
    );
    openAt('#/users?user=7');
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('You are not allowed to see this user')).toBeInTheDocument();
    expect(within(drawer).getByText(/may not view users/)).toBeInTheDocument();
  });

  it('falls back from a page the role does not reach, and says so', async () => {
    signedIn(
      makeMe({
        role: Role.MonitorAll,
        roleLabel: 'Monitor all integrations',
        permissions: [Permission.UsersView, Permission.AuditView, Permission.TeamView],
      }),
    );
    const { user } = openAt('#/settings');
    const note = await screen.findByRole('alert', { name: 'Settings is not available to you' });
    expect(note).toHaveTextContent('Your role (Monitor all integrations) does not include it');
    expect(screen.getByRole('button', { name: 'Connected users' })).toHaveAttribute('aria-current', 'page');
    expect(screen.queryByRole('heading', { name: 'Settings' })).toBeNull();

    await user.click(within(note).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert', { name: /not available/ })).toBeNull());
    expect(window.location.hash).toBe('#/users');
  });

  it('opens the page a garbled address names with its defaults, without failing', async () => {
    openAt('#/users?q=&status=nope&sort=%ZZ&user=-1&created=yesterday');
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(lastListQuery()).toMatchObject({ search: '', status: undefined, sort: UserSort.Created });
  });
});
