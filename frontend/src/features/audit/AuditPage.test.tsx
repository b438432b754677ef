import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '../../api/audit';
import { AuditAction, TargetType, type AuditEntry } from '../../api/models';
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
};

const workflowEntry: AuditEntry = {
  ...disableEntry,
  id: 6,
  action: AuditAction.WorkflowDisable,
  targetType: TargetType.Workflow,
  targetId: '1/100',
  targetLabel: 'Sync contacts',
  before: { enabled: true },
  after: { enabled: false },
};

const lastQuery = () => vi.mocked(listAudit).mock.lastCall?.[0];

beforeEach(() => {
  vi.mocked(listAudit).mockResolvedValue({ entries: [disableEntry, workflowEntry], nextCursor: '' });
});

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

    await user.type(screen.getByRole('textbox', { name: 'Target ID' }), '1/100');
    await waitFor(() => expect(lastQuery()).toMatchObject({ targetId: '1/100' }));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByRole('textbox', { name: 'Target ID' })).toHaveValue('');
  });

  it('has an empty state', async () => {
    vi.mocked(listAudit).mockResolvedValue({ entries: [], nextCursor: '' });
    renderWithProviders(<AuditPage />);
    expect(await screen.findByText('No audit entries yet')).toBeInTheDocument();
  });
});
