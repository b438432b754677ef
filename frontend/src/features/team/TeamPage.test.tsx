import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { listIntegrations } from '../../api/integrations';
import {
  changeRole,
  inviteMembers,
  listMembers,
  revokeInvitation,
  setMemberEnabled,
  unlockSignIn,
} from '../../api/team';
import { Delivery, ErrorCode, InviteOutcome, MemberStatus, Permission, Role } from '../../api/models';
import { formatExactTime } from '../../lib/format';
import { getInfo } from '../../api/system';
import { makeInfo, makeMe, makeMember, NO_RIGHTS } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { TeamPage } from './TeamPage';

vi.mock('../../api/team');
vi.mock('../../api/integrations');
vi.mock('../../api/system');

// The rows carry the rights Go computes for the member asking (team.rights):
// here the owner's, unless a test says otherwise.
const me = makeMe(); // Grace Hopper, the owner, id 1
const owner = makeMember({
  id: 1,
  name: 'Grace Hopper',
  email: 'grace@example.com',
  role: Role.Owner,
  version: 1,
  rights: { ...NO_RIGHTS, notifications: true }, // their own row
});
const ada = makeMember(); // an accepted administrator: every membership action
const pending = makeMember({
  id: 3,
  name: '',
  email: 'new@example.com',
  role: Role.MonitorIntegrations,
  integrations: [{ id: 10, name: 'Salesforce' }],
  status: MemberStatus.Pending,
  lastSignInAt: null,
  invitationExpiresAt: '2099-01-01T00:00:00Z',
  delivery: Delivery.Failed,
  deliveryError: '550 No such user',
  rights: {
    ...NO_RIGHTS,
    changeRole: true,
    resend: true,
    newCode: true,
    revoke: true,
  },
});

beforeEach(() => {
  vi.mocked(getInfo).mockResolvedValue(makeInfo());
  vi.mocked(listMembers).mockResolvedValue([owner, ada, pending]);
  vi.mocked(listIntegrations).mockResolvedValue([
    { id: 10, key: 'salesforce', name: 'Salesforce', category: 'CRM', users: 340 },
    { id: 11, key: 'slack', name: 'Slack', category: 'Chat', users: 12 },
  ]);
});

async function renderPage(who = me) {
  const result = renderWithProviders(<TeamPage />, { me: who });
  await screen.findByText('ada@example.com');
  return result;
}

const row = (email: string) => screen.getByRole('row', { name: new RegExp(email) });

describe('TeamPage', () => {
  it('says where invitation links lead: the public address, or a code on the desktop', async () => {
    vi.mocked(getInfo).mockResolvedValue(makeInfo({ linkBase: 'https://roster.example.com' }));
    await renderPage();
    expect(
      await screen.findByText(/Invitation e-mails link to https:\/\/roster\.example\.com/),
    ).toBeInTheDocument();
  });

  it('shows a sign-in lock and lifts it for whoever may turn access off', async () => {
    const locked = { ...ada, lockedUntil: '2099-01-01T00:00:00Z' };
    vi.mocked(listMembers).mockResolvedValue([owner, locked, pending]);
    vi.mocked(unlockSignIn).mockResolvedValue({ ...ada, lockedUntil: null });
    const { user } = await renderPage();
    expect(screen.getByText(/Locked after failed sign-ins/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(unlockSignIn).toHaveBeenCalledWith(ada.id);
    expect(await screen.findByText(/can sign in again from anywhere/)).toBeInTheDocument();
  });

  it('says a desktop invitation carries a code', async () => {
    await renderPage();
    expect(await screen.findByText(/carry a code to type in/)).toBeInTheDocument();
  });

  it('shows each member with role, status, switches and last sign-in', async () => {
    await renderPage();
    expect(within(row('new@example.com')).getByText('Not accepted yet')).toBeInTheDocument();
    expect(within(row('new@example.com')).getByText('Monitor integrations')).toBeInTheDocument();
    expect(within(row('new@example.com')).getByText('Salesforce')).toBeInTheDocument();
    expect(within(row('new@example.com')).getByText('Pending')).toBeInTheDocument();
    expect(within(row('new@example.com')).getByText('E-mail not delivered')).toBeInTheDocument();
    expect(within(row('new@example.com')).getByText('Never')).toBeInTheDocument();
    expect(within(row('grace@example.com')).getByText('You')).toBeInTheDocument();
    // Nobody switches off the owner, nor themselves.
    expect(screen.getByRole('switch', { name: 'Enable Grace Hopper' })).toBeDisabled();
    expect(screen.getByRole('switch', { name: 'Enable Ada Lovelace' })).toBeEnabled();
  });

  it('offers invitation actions for a pending member and membership actions for an accepted one', async () => {
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Actions for new@example.com' }));
    const menu = await screen.findByRole('menu');
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Change role…', 'Resend invitation', 'Copy invitation code/link…', 'Revoke invitation…']);
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace' }));
    const second = await screen.findByRole('menu');
    expect(
      within(second)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Change role…', 'Transfer ownership…', 'Remove member…']);
    // The owner's own row has no menu.
    expect(screen.queryByRole('button', { name: 'Actions for Grace Hopper' })).toBeNull();
  });

  it('shows a Monitor the team but nothing to change', async () => {
    const monitor = makeMe({
      id: 2,
      name: 'Ada Lovelace',
      role: Role.MonitorAll,
      permissions: [Permission.UsersView, Permission.AuditView, Permission.TeamView],
      grantable: [],
    });
    // As Go answers a monitor: nothing to change but their own notifications.
    vi.mocked(listMembers).mockResolvedValue([
      { ...owner, rights: NO_RIGHTS },
      makeMember({ role: Role.MonitorAll, rights: { ...NO_RIGHTS, notifications: true } }),
      { ...pending, rights: NO_RIGHTS },
    ]);
    await renderPage(monitor);
    expect(screen.queryByRole('button', { name: 'Invite members' })).toBeNull();
    expect(screen.queryAllByRole('button', { name: /^Actions for/ })).toHaveLength(0);
    for (const s of screen.getAllByRole('switch', { name: /^Enable / })) expect(s).toBeDisabled();
    // Their own notifications are theirs to switch.
    expect(screen.getByRole('switch', { name: 'Notifications for Ada Lovelace' })).toBeEnabled();
    expect(screen.getByRole('switch', { name: 'Notifications for Grace Hopper' })).toBeDisabled();
  });

  it('turns a member off with the switch', async () => {
    vi.mocked(setMemberEnabled).mockResolvedValue({ ...ada, enabled: false });
    const { user } = await renderPage();
    await user.click(screen.getByRole('switch', { name: 'Enable Ada Lovelace' }));
    expect(setMemberEnabled).toHaveBeenCalledWith(2, false);
    expect(await screen.findByText('Ada Lovelace is signed out and cannot sign in')).toBeInTheDocument();
  });

  it('filters by role and status', async () => {
    const { user } = await renderPage();
    await user.click(screen.getByRole('textbox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Expired' }));
    await waitFor(() =>
      expect(listMembers).toHaveBeenLastCalledWith({ search: '', role: undefined, status: 'expired' }),
    );
    await user.click(screen.getByRole('textbox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: 'Administrator' }));
    await waitFor(() =>
      expect(listMembers).toHaveBeenLastCalledWith({ search: '', role: 'admin', status: 'expired' }),
    );
  });

  it('invites by e-mail and shows the codes when e-mail is not set up', async () => {
    vi.mocked(inviteMembers).mockResolvedValue({
      invited: [{ member: pending, code: 'CODE-123', link: 'http://127.0.0.1:8080/#accept?code=CODE-123' }],
      addresses: [
        { email: 'new@example.com', outcome: InviteOutcome.Invited, reason: '' },
        {
          email: 'ada@example.com',
          outcome: InviteOutcome.AlreadyMember,
          reason: 'Already a member of the team: not invited again.',
        },
      ],
      emailed: false,
    });
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Invite members' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite members' });
    // Pasted, as address lists usually arrive: typing 47 characters re-renders the form 47 times.
    await user.click(within(dialog).getByLabelText('E-mail addresses'));
    await user.paste('new@example.com, NEW@example.com ada@example.com');
    expect(within(dialog).getByText('2 addresses')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('textbox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: /^Monitor integrations/ }));
    // A per-integration role needs its integrations first.
    expect(within(dialog).getByRole('button', { name: 'Invite 2 people' })).toBeDisabled();
    await user.click(within(dialog).getByRole('textbox', { name: 'Integrations' }));
    await user.click(await screen.findByRole('option', { name: 'Salesforce' }));
    await user.click(within(dialog).getByRole('button', { name: 'Invite 2 people' }));

    expect(inviteMembers).toHaveBeenCalledWith({
      emails: 'new@example.com, NEW@example.com ada@example.com',
      role: 'monitor_integrations',
      integrations: [10],
    });
    const result = await screen.findByRole('dialog', { name: '1 invitation made' });
    expect(within(result).getByText('CODE-123')).toBeInTheDocument();
    expect(within(result).getByText('http://127.0.0.1:8080/#accept?code=CODE-123')).toBeInTheDocument();
    const report = within(result).getByRole('table', { name: 'What happened to each address' });
    expect(
      within(report).getByRole('row', { name: /new@example.com Invited Hand over the code below/ }),
    ).toBeInTheDocument();
    expect(
      within(report).getByRole('row', {
        name: /ada@example.com Already a member Already a member of the team: not invited again./,
      }),
    ).toBeInTheDocument();
  });

  it('invites the good addresses, reports each one and keeps only the bad entries in the field', async () => {
    const a = makeMember({ id: 7, name: '', email: 'a@x.com', status: MemberStatus.Pending });
    const b = makeMember({ id: 8, name: '', email: 'b@x.com', status: MemberStatus.Pending });
    vi.mocked(inviteMembers).mockResolvedValue({
      invited: [
        { member: a, code: 'A', link: '' },
        { member: b, code: 'B', link: '' },
      ],
      addresses: [
        { email: 'a@x.com', outcome: InviteOutcome.Invited, reason: '' },
        {
          email: 'not-an-address',
          outcome: InviteOutcome.Invalid,
          reason: 'No @: an address reads like name@example.com.',
        },
        { email: 'b@x.com', outcome: InviteOutcome.Invited, reason: '' },
      ],
      emailed: true,
    });
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Invite members' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite members' });
    await user.click(within(dialog).getByLabelText('E-mail addresses'));
    await user.paste('a@x.com, not-an-address, b@x.com');
    await user.click(within(dialog).getByRole('button', { name: 'Invite 3 people' }));

    const report = await within(dialog).findByRole('table', { name: 'What happened to each address' });
    expect(
      within(report).getByRole('row', { name: /a@x.com Sent Invitation e-mail on its way/ }),
    ).toBeInTheDocument();
    expect(within(report).getByRole('row', { name: /b@x.com Sent/ })).toBeInTheDocument();
    expect(
      within(report).getByRole('row', { name: /not-an-address Invalid No @: an address reads like/ }),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('E-mail addresses')).toHaveValue('not-an-address');
    expect(within(dialog).getByText(/Not sent: this is not an e-mail address/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close' })).toBeInTheDocument();
  });

  it('shows a form error next to the field and keeps the form', async () => {
    vi.mocked(inviteMembers).mockRejectedValue(
      new ApiError(ErrorCode.Invalid, 'Invite at most 50 people at once (this has 51).', 'emails'),
    );
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Invite members' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite members' });
    await user.type(within(dialog).getByLabelText('E-mail addresses'), 'bob@x.com');
    await user.click(within(dialog).getByRole('button', { name: 'Invite' }));
    expect(
      await within(dialog).findByText('Invite at most 50 people at once (this has 51).'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('E-mail addresses')).toHaveValue('bob@x.com');
  });

  it('shows an invitee no access or notification switch, and what is true instead', async () => {
    const dismissed = makeMember({
      ...pending,
      id: 4,
      email: 'gone@example.com',
      status: MemberStatus.Dismissed,
      invitationExpiresAt: null,
      delivery: Delivery.Sent,
    });
    const expired = makeMember({
      ...pending,
      id: 5,
      email: 'late@example.com',
      status: MemberStatus.Expired,
      invitationExpiresAt: '2020-01-01T00:00:00Z',
      delivery: Delivery.Sent,
    });
    vi.mocked(listMembers).mockResolvedValue([owner, ada, pending, dismissed, expired]);
    await renderPage();
    for (const [email, state] of [
      ['new@example.com', 'Invitation pending'],
      ['gone@example.com', 'They declined the invitation'],
      ['late@example.com', 'Invitation expired'],
    ]) {
      expect(within(row(email)).queryByRole('switch')).toBeNull();
      expect(within(row(email)).getByText('Not a member yet')).toBeInTheDocument();
      expect(within(row(email)).getByText(state)).toBeInTheDocument();
      expect(within(row(email)).getByTitle('None until they accept the invitation')).toHaveTextContent('—');
    }
    expect(row('late@example.com')).toHaveTextContent(/Expired \d+ years ago/);
    expect(within(row('ada@example.com')).getAllByRole('switch')).toHaveLength(2);
  });

  it('shows the exact time of the last sign-in, with its UTC offset, on hover', async () => {
    vi.mocked(listMembers).mockResolvedValue([
      owner,
      { ...ada, lastSignInAt: '2026-03-12T09:41:07Z' },
      pending,
    ]);
    const { user } = await renderPage();
    const time = within(row('ada@example.com')).getByText(/ago$/);
    await user.hover(time);
    expect(await screen.findByText(formatExactTime('2026-03-12T09:41:07Z'))).toBeInTheDocument();
    expect(formatExactTime('2026-03-12T09:41:07Z')).toMatch(/^2026-03-1[12] \d\d:41:07 UTC[+-]\d\d:\d\d$/);
  });

  it('changes a role with the version it showed', async () => {
    vi.mocked(changeRole).mockResolvedValue({ ...ada, role: Role.ManageAll, version: 4 });
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Actions for Ada Lovelace' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Change role…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change role' });
    await user.click(within(dialog).getByRole('textbox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: /^Manage all integrations/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Save role' }));
    expect(changeRole).toHaveBeenCalledWith({
      memberId: 2,
      version: 3,
      role: 'manage_all',
      integrations: [],
    });
    expect(await screen.findByText('Ada Lovelace is now Manage all integrations')).toBeInTheDocument();
  });

  it('revokes an invitation only after confirming', async () => {
    vi.mocked(revokeInvitation).mockResolvedValue();
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Actions for new@example.com' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Revoke invitation…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke invitation?' });
    expect(revokeInvitation).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Revoke invitation' }));
    expect(revokeInvitation).toHaveBeenCalledWith(3);
  });
});
