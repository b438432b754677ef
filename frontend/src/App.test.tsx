import { act, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { listAudit } from './api/audit';
import { getBackupStatus } from './api/backups';
import { acceptInvitation, checkInvitation, getAuthState, setupOwner, signIn } from './api/auth';
import { ApiError } from './api/errors';
import { onMenuCommand, onRosterChanged } from './api/events';
import { getInfo } from './api/system';
import {
  AuditAction,
  ErrorCode,
  MailStatus,
  MenuCommand,
  Permission,
  Role,
  TargetType,
  type AuditEntry,
  type Me,
} from './api/models';
import { getOutboxHealth, listOutbox } from './api/outbox';
import { listRuns } from './api/runs';
import { listMembers } from './api/team';
import { getCounts, getUser, listUsers } from './api/users';
import { makeBackupStatus, makeHealth, makeMail, makeMe, makeRun, makeRunPage } from './test/fixtures';
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

const me: Me = makeMe();

beforeEach(() => {
  stubAppCalls(me);
  vi.mocked(listRuns).mockResolvedValue(makeRunPage([makeRun()]));
});

describe('App', () => {
  it('shows the product, the actor and the navigation', async () => {
    const { user } = renderWithProviders(<App />);
    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Roster' })).toBeInTheDocument();
    const usersLink = screen.getByRole('button', { name: 'Connected users' });
    expect(usersLink).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Audit log' }));
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    expect(listAudit).toHaveBeenCalled();
  });

  it('goes from an audit entry to the user or member it concerns', async () => {
    const entry = (id: number, targetType: TargetType, subject: AuditEntry['subject']): AuditEntry => ({
      id,
      at: '2026-03-20T09:00:00Z',
      actorId: '1',
      actorName: 'Grace Hopper',
      actorEmail: 'grace@example.com',
      action: AuditAction.UserDisable,
      targetType,
      targetId: String(subject!.id),
      targetLabel: '',
      before: null,
      after: null,
      subject,
    });
    vi.mocked(listAudit).mockResolvedValue({
      entries: [
        entry(2, TargetType.User, {
          kind: 'user',
          id: 1,
          key: 'ada-001',
          name: 'Ada Lovelace',
          deleted: false,
          text: 'ada-001 · Ada Lovelace',
        }),
        entry(1, TargetType.Member, {
          kind: 'member',
          id: 3,
          key: 'mia@example.com',
          name: 'Mia',
          deleted: false,
          text: 'mia@example.com',
        }),
      ],
      nextCursor: '',
    });
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByRole('button', { name: 'Audit log' }));
    await user.click(await screen.findByRole('button', { name: 'ada-001 · Ada Lovelace' }));
    expect(await screen.findByRole('dialog', { name: 'Ada Lovelace' })).toBeInTheDocument();
    expect(getUser).toHaveBeenCalledWith(1);
    expect(screen.getByRole('button', { name: 'Connected users' })).toHaveAttribute('aria-current', 'page');

    await user.click(screen.getByRole('button', { name: 'Audit log' }));
    await user.click(await screen.findByRole('button', { name: 'mia@example.com' }));
    expect(await screen.findByRole('heading', { name: 'Team' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Search members' })).toHaveValue('mia@example.com');
    await waitFor(() =>
      expect(listMembers).toHaveBeenCalledWith(expect.objectContaining({ search: 'mia@example.com' })),
    );
  });

  it("goes from a user's drawer to their run history, and back to every run from the menu", async () => {
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByText('Ada Lovelace'));
    const drawer = await screen.findByRole('dialog', { name: 'Ada Lovelace' });
    await user.click(await within(drawer).findByRole('button', { name: 'See all runs' }));

    expect(await screen.findByRole('heading', { name: 'Run history' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Run history' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('User: Ada Lovelace (usr_001)')).toBeInTheDocument();
    await waitFor(() => expect(listRuns).toHaveBeenLastCalledWith(expect.objectContaining({ userId: 1 })));

    await user.click(screen.getByRole('button', { name: 'Connected users' }));
    await user.click(await screen.findByRole('button', { name: 'Run history' }));
    expect(await screen.findByRole('heading', { name: 'Run history' })).toBeInTheDocument();
    expect(screen.queryByText(/^User: /)).toBeNull();
  });

  it('shows only the pages the role may open', async () => {
    vi.mocked(getAuthState).mockResolvedValue({
      needsSetup: false,
      signedIn: true,
      me: makeMe({
        role: Role.MonitorIntegrations,
        permissions: [Permission.UsersView, Permission.TeamView],
        grantable: [],
      }),
      notice: '',
    });
    renderWithProviders(<App />);
    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Connected users', 'Run history', 'Team']);
  });

  it('tells those who manage settings that mail is stuck, and opens the outbox on it', async () => {
    vi.mocked(getOutboxHealth).mockResolvedValue(makeHealth({ failed: 2 }));
    const failed = makeMail({ status: MailStatus.Failed, subject: 'Salesforce offline for Ada Lovelace' });
    vi.mocked(listOutbox).mockResolvedValue({ mails: [failed], nextCursor: '' });
    const { user } = renderWithProviders(<App />);
    const banner = (await screen.findByText(/2 e-mails could not be delivered/)).closest('[role="alert"]');
    if (!(banner instanceof HTMLElement)) throw new Error('the note is not an alert');
    await user.click(within(banner).getByRole('button', { name: 'See them in the outbox' }));
    expect(await screen.findByRole('heading', { name: 'Outbox' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Outbox' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('radio', { name: 'Failed' })).toBeChecked();
    expect(await screen.findByText('Salesforce offline for Ada Lovelace')).toBeInTheDocument();
    expect(listOutbox).toHaveBeenCalledWith(expect.objectContaining({ status: MailStatus.Failed }));
  });

  it('warns owners above every page when the database failed its integrity check', async () => {
    vi.mocked(getBackupStatus).mockResolvedValue(
      makeBackupStatus({
        check: { at: '2026-11-30T10:00:00Z', ok: false, result: 'row 3 missing from index x' },
      }),
    );
    const { user } = renderWithProviders(<App />);
    const banner = await screen.findByRole('alert', {
      name: 'The database failed its integrity check: changes are blocked',
    });
    await user.click(within(banner).getByRole('button', { name: 'Open the backups in Settings.' }));
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page'),
    );
  });

  it('shows no mail banner, nor asks, to members who do not manage settings', async () => {
    vi.mocked(getOutboxHealth).mockResolvedValue(makeHealth({ configured: false, queued: 4, failed: 2 }));
    vi.mocked(getAuthState).mockResolvedValue({
      needsSetup: false,
      signedIn: true,
      me: makeMe({
        role: Role.ManageAll,
        permissions: [
          Permission.UsersView,
          Permission.UsersManage,
          Permission.AuditView,
          Permission.TeamView,
        ],
        grantable: [],
      }),
      notice: '',
    });
    renderWithProviders(<App />);
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Outbox' })).not.toBeInTheDocument();
    expect(getOutboxHealth).not.toHaveBeenCalled();
    expect(screen.queryByText(/e-mails are waiting/)).not.toBeInTheDocument();
    expect(screen.queryByText(/could not be delivered/)).not.toBeInTheDocument();
  });

  it("opens the desktop File menu's imports on the users page, and its export on the page shown", async () => {
    const listeners: ((c: MenuCommand) => void)[] = [];
    vi.mocked(onMenuCommand).mockImplementation((listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    });
    const menu = (c: MenuCommand) => act(() => listeners.forEach((l) => l(c)));
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByRole('button', { name: 'Audit log' }));
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    menu(MenuCommand.Export);
    expect(await screen.findByRole('dialog', { name: 'Export audit log' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    menu(MenuCommand.ImportUsers);
    expect(await screen.findByRole('dialog', { name: 'Import connected users' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Connected users' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    menu(MenuCommand.ImportEvents);
    expect(await screen.findByRole('dialog', { name: 'Import events' })).toBeInTheDocument();
  });

  it('refetches everything when the backend reports a change', async () => {
    let notify: (() => void) | undefined;
    const unsubscribe = vi.fn();
    vi.mocked(onRosterChanged).mockImplementation((listener) => {
      notify = listener;
      return unsubscribe;
    });
    const { unmount } = renderWithProviders(<App />);
    await screen.findByText('Ada Lovelace');
    expect(onRosterChanged).toHaveBeenCalledTimes(1);
    const listCalls = vi.mocked(listUsers).mock.calls.length;

    notify!();
    await waitFor(() => expect(vi.mocked(listUsers).mock.calls.length).toBeGreaterThan(listCalls));
    expect(getCounts).toHaveBeenCalledTimes(2);

    unmount();
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('returns to sign-in, saying why, when the session ends', async () => {
    const ended = 'Your session ended after 60 minutes without activity. Sign in again.';
    vi.mocked(getInfo).mockRejectedValue(new ApiError(ErrorCode.Unauthenticated, ended));
    vi.mocked(getAuthState)
      .mockResolvedValueOnce({ needsSetup: false, signedIn: true, me, notice: '' })
      .mockResolvedValue({ needsSetup: false, signedIn: false, me: null, notice: '' });
    renderWithProviders(<App />);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(ended)).toBeInTheDocument();
  });
});

describe('signing in', () => {
  it('says why the session ended when the window asks again (e.g. access turned off)', async () => {
    const why = 'An administrator turned off your access to Roster.';
    vi.mocked(getAuthState).mockResolvedValue({ needsSetup: false, signedIn: false, me: null, notice: why });
    renderWithProviders(<App />);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(why)).toBeInTheDocument();
  });

  it('shows the lockout message verbatim and signs in when the password is right', async () => {
    vi.mocked(getAuthState).mockResolvedValue({ needsSetup: false, signedIn: false, me: null, notice: '' });
    const locked = 'Too many failed sign-ins: this account is locked until 10:07:00 UTC on Nov 23.';
    vi.mocked(signIn)
      .mockRejectedValueOnce(new ApiError(ErrorCode.RateLimited, locked))
      .mockResolvedValueOnce(me);
    const { user } = renderWithProviders(<App />);
    await user.type(await screen.findByLabelText(/E-mail/), 'grace@example.com');
    await user.type(screen.getByLabelText(/Password/), 'Correct-horse-9');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(locked);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    expect(signIn).toHaveBeenLastCalledWith('grace@example.com', 'Correct-horse-9');
  });

  it('sets up the owner only once the password meets the rules', async () => {
    vi.mocked(getAuthState).mockResolvedValue({ needsSetup: true, signedIn: false, me: null, notice: '' });
    vi.mocked(setupOwner).mockResolvedValue(me);
    const { user } = renderWithProviders(<App />);
    await user.type(await screen.findByLabelText(/Your name/), 'Grace Hopper');
    await user.type(screen.getByLabelText(/E-mail/), 'grace@example.com');
    const submit = screen.getByRole('button', { name: 'Create the owner and sign in' });
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'alllowercase');
    expect(screen.getAllByLabelText('not met')).toHaveLength(1);
    expect(submit).toBeDisabled();
    await user.clear(screen.getByLabelText(/^Password/, { selector: 'input' }));
    await user.type(screen.getByLabelText(/^Password/, { selector: 'input' }), 'Correct-horse-9');
    await user.type(screen.getByLabelText(/Repeat the password/), 'Correct-horse-9');
    expect(screen.queryAllByLabelText('not met')).toHaveLength(0);
    await user.click(submit);
    expect(vi.mocked(setupOwner).mock.calls[0][0]).toEqual({
      name: 'Grace Hopper',
      email: 'grace@example.com',
      password: 'Correct-horse-9',
    });
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
  });

  it('accepts an invitation with the code, a name and a password typed twice', async () => {
    vi.mocked(getAuthState).mockResolvedValue({ needsSetup: false, signedIn: false, me: null, notice: '' });
    vi.mocked(checkInvitation).mockResolvedValue({
      email: 'ada@example.com',
      role: Role.MonitorIntegrations,
      roleLabel: 'Monitor integrations',
      integrations: [{ id: 10, name: 'Salesforce' }],
      invitedBy: 'Grace Hopper',
      expiresAt: '2099-01-01T00:00:00Z',
    });
    vi.mocked(acceptInvitation).mockResolvedValue(makeMe({ name: 'Ada Lovelace', email: 'ada@example.com' }));
    const { user } = renderWithProviders(<App />);
    await user.click(await screen.findByRole('button', { name: 'I have an invitation' }));
    await user.type(screen.getByLabelText(/E-mail/), 'ada@example.com');
    await user.type(screen.getByLabelText(/Invitation code/), 'the-code');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(checkInvitation).toHaveBeenCalledWith('ada@example.com', 'the-code');
    expect(await screen.findByText(/invited ada@example.com as/)).toHaveTextContent(
      'Grace Hopper invited ada@example.com as Monitor integrations (Salesforce).',
    );

    const accept = screen.getByRole('button', { name: 'Accept and sign in' });
    await user.type(screen.getByLabelText(/Your name/), 'Ada Lovelace');
    await user.type(screen.getByLabelText(/^Choose a password/, { selector: 'input' }), 'Correct-horse-9');
    await user.type(screen.getByLabelText(/Repeat the password/), 'Correct-horse-8');
    expect(screen.getByText('The passwords differ.')).toBeInTheDocument();
    expect(accept).toBeDisabled();
    await user.clear(screen.getByLabelText(/Repeat the password/));
    await user.type(screen.getByLabelText(/Repeat the password/), 'Correct-horse-9');
    await user.click(accept);
    expect(acceptInvitation).toHaveBeenCalledWith({
      email: 'ada@example.com',
      code: 'the-code',
      name: 'Ada Lovelace',
      password: 'Correct-horse-9',
    });
    expect(await screen.findByRole('button', { name: 'Account menu' })).toHaveTextContent('Ada Lovelace');
  });
});
