import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit, listAuditActors } from '../../api/audit';
import { AuditAction, TargetType, type AuditEntry, type AuditSubject } from '../../api/models';
import { renderWithProviders } from '../../test/render';
import { AuditPage } from './AuditPage';

vi.mock('../../api/audit');

const disableEntry: AuditEntry = {
  id: 7,
  at: '2026-03-20T09:00:00Z',
  actorId: 'admin-1',
  actorName: 'Grace Hopper',
  action: AuditAction.UserDisable,
  targetType: TargetType.User,
  targetId: '1',
  targetLabel: 'Ada Lovelace',
  before: { status: 'connected', disabledReason: '' },
  after: { status: 'disabled', disabledReason: 'Left' },
  actorEmail: '',
};

const workflowEntry: AuditEntry = {
  ...disableEntry,
  id: 6,
  action: AuditAction.WorkflowDisable,
  targetType: TargetType.Workflow,
  targetId: '1',
  targetLabel: 'Ada Lovelace · Salesforce · Sync contacts',
  before: { enabled: true },
  after: { enabled: false },
};

const lastQuery = () => vi.mocked(listAudit).mock.lastCall?.[0];

beforeEach(() => {
  vi.mocked(listAudit).mockResolvedValue({ entries: [disableEntry, workflowEntry], nextCursor: '' });
  vi.mocked(listAuditActors).mockResolvedValue([
    { id: '3', name: 'Mia Admin', email: 'mia@example.com' },
    { id: 'cli', name: 'Roster command line', email: '' },
  ]);
});

const ada: AuditSubject = {
  kind: 'user',
  id: 41,
  key: 'ada-001',
  name: 'Ada Lovelace',
  deleted: false,
  text: 'ada-001 · Ada Lovelace',
};
const mia: AuditSubject = {
  kind: 'member',
  id: 3,
  key: 'mia@example.com',
  name: 'Mia Admin',
  deleted: false,
  text: 'mia@example.com',
};
const named: AuditEntry[] = [
  { ...disableEntry, id: 10, targetId: '41', subject: ada, actorId: '3', actorEmail: 'mia@example.com' },
  {
    ...disableEntry,
    id: 11,
    action: AuditAction.MemberRole,
    targetType: TargetType.Member,
    targetId: '3',
    targetLabel: 'Mia Admin <mia@example.com>',
    subject: mia,
  },
  {
    ...disableEntry,
    id: 12,
    targetId: '77',
    targetLabel: 'Bob Builder',
    subject: {
      kind: 'user',
      id: 77,
      key: '',
      name: 'Bob Builder',
      deleted: true,
      text: 'Bob Builder (deleted user)',
    },
  },
];

const rowOf = async (text: string) =>
  (await within(await screen.findByRole('grid', { name: 'Audit log' })).findByText(text)).closest(
    '[role="row"]',
  ) as HTMLElement;

/** The local time and offset of iso, computed apart from the page's code. */
function localWithOffset(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ` +
    `UTC${offset < 0 ? '-' : '+'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

describe('AuditPage', () => {
  it('lists entries with actor, action, target and a compact diff', async () => {
    renderWithProviders(<AuditPage />);
    const grid = await screen.findByRole('grid', { name: 'Audit log' });
    const row = (await within(grid).findByText('Disabled user')).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Grace Hopper')).toBeInTheDocument();
    expect(within(row).getByText('user.disable')).toBeInTheDocument();
    expect(within(row).getByText('User · Ada Lovelace')).toBeInTheDocument();
    expect(within(row).getByText('status: connected → disabled')).toBeInTheDocument();
    expect(within(row).getByText('disabledReason: "" → Left')).toBeInTheDocument();
    expect(within(grid).getByText('enabled: true → false')).toBeInTheDocument();
    expect(listAudit).toHaveBeenCalledWith(expect.objectContaining({ cursor: '', limit: 100 }));
  });

  it('shows the full before and after JSON on request', async () => {
    const { user } = renderWithProviders(<AuditPage />);
    await user.click(await screen.findByRole('button', { name: 'Show before and after for entry 7' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Before')).toBeInTheDocument();
    expect(dialog).toHaveTextContent('"status": "connected"');
    expect(dialog).toHaveTextContent('"status": "disabled"');
  });

  it('filters by action and target', async () => {
    const { user } = renderWithProviders(<AuditPage />);
    await screen.findByText('Disabled user');

    await user.click(screen.getByRole('textbox', { name: 'Action' }));
    await user.click(await screen.findByRole('option', { name: 'Disabled workflow' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ action: 'workflow.disable' }));

    await user.click(screen.getByRole('textbox', { name: 'Target type' }));
    await user.click(await screen.findByRole('option', { name: 'Workflow' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ targetType: 'workflow' }));

    await user.type(screen.getByRole('textbox', { name: 'Target' }), 'ada-001');
    await waitFor(() => expect(lastQuery()).toMatchObject({ target: 'ada-001' }));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('textbox', { name: 'Target' })).toHaveValue('');
  });

  it('filters by actor, chosen by name among those who acted', async () => {
    const { user } = renderWithProviders(<AuditPage />);
    await screen.findByText('Disabled user');
    await user.click(screen.getByRole('textbox', { name: 'Actor' }));
    await user.click(await screen.findByRole('option', { name: 'Mia Admin (mia@example.com)' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ actor: '3' }));
    await user.click(screen.getByRole('textbox', { name: 'Actor' }));
    expect(await screen.findByRole('option', { name: 'Roster command line' })).toBeInTheDocument();
  });

  it('names targets: a user by external id and name, a member by e-mail, never the row id', async () => {
    vi.mocked(listAudit).mockResolvedValue({ entries: named, nextCursor: '' });
    renderWithProviders(<AuditPage />);
    const user = await rowOf('ada-001 · Ada Lovelace');
    expect(within(user).queryByText('41')).not.toBeInTheDocument();
    expect(within(user).getByText('mia@example.com')).toBeInTheDocument(); // the actor, by e-mail too

    const member = await rowOf('Changed role');
    expect(within(member).getByText('mia@example.com')).toBeInTheDocument();
    expect(within(member).queryByText('3')).not.toBeInTheDocument();

    const gone = await rowOf('Bob Builder (deleted user)');
    expect(within(gone).queryByText('77')).not.toBeInTheDocument();
  });

  it('shows the exact time with its UTC offset beside the relative one', async () => {
    renderWithProviders(<AuditPage />);
    const row = await rowOf('Disabled user');
    expect(within(row).getByText(localWithOffset(disableEntry.at))).toBeInTheDocument();
    expect(within(row).getByText(/ago$/)).toBeInTheDocument();
  });

  it('links an entry to the user or member it concerns, where the role may go', async () => {
    vi.mocked(listAudit).mockResolvedValue({ entries: named, nextCursor: '' });
    const links = { user: vi.fn() };
    const { user } = renderWithProviders(<AuditPage links={links} />);
    await user.click(await screen.findByRole('button', { name: 'ada-001 · Ada Lovelace' }));
    expect(links.user).toHaveBeenCalledWith(ada);
    // No member link given (the role cannot see the team), and a deleted user leads nowhere.
    expect(screen.queryByRole('button', { name: 'mia@example.com' })).not.toBeInTheDocument();
    expect(screen.getByText('Bob Builder (deleted user)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Bob Builder (deleted user)' })).not.toBeInTheDocument();
  });

  it('has an empty state', async () => {
    vi.mocked(listAudit).mockResolvedValue({ entries: [], nextCursor: '' });
    renderWithProviders(<AuditPage />);
    expect(await screen.findByText('No audit entries yet')).toBeInTheDocument();
  });
});
