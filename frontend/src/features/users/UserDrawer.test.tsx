import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { listRuns } from '../../api/runs';
import { getInfo } from '../../api/system';
import { disableUser, enableUser, getUser, setWorkflowEnabled, uninstallIntegration } from '../../api/users';
import {
  makeConnection,
  makeInfo,
  makeMe,
  makeRun,
  makeRunPage,
  makeUserDetail,
  makeWorkflow,
} from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { UserDrawer } from './UserDrawer';
import {
  ChangedBy,
  ConnectionStatus,
  CredentialError,
  ErrorCode,
  Permission,
  Role,
  RunStatus,
  UserStatus,
} from '../../api/models';

vi.mock('../../api/users');
vi.mock('../../api/system');
vi.mock('../../api/runs');

const hubspot = makeConnection({
  integration: { id: 11, key: 'hubspot', name: 'HubSpot', category: 'Marketing', users: 120 },
  status: ConnectionStatus.Error,
  errorReason: CredentialError.Expired,
  errorMessage: 'Token expired: reconnect required',
  statusChangedAt: '2026-03-20T07:00:00Z',
  workflows: [
    makeWorkflow({
      id: 200,
      key: 'sync-leads',
      name: 'Sync leads',
      enabled: false,
      changedBy: ChangedBy.Admin,
      changedByName: 'Grace Admin',
    }),
  ],
});
const ada = makeUserDetail({ connections: [makeConnection(), hubspot] });

const failedRun = makeRun({
  id: 502,
  integration: { id: 11, key: 'hubspot', name: 'HubSpot' },
  workflow: { id: 200, key: 'sync-leads', name: 'Sync leads' },
  status: RunStatus.Failed,
  durationMs: 850,
  error: 'HubSpot returned 401: the token expired',
});

beforeEach(() => {
  vi.mocked(getInfo).mockResolvedValue(makeInfo());
  vi.mocked(getUser).mockResolvedValue(ada);
  vi.mocked(listRuns).mockResolvedValue(makeRunPage([failedRun, makeRun()]));
});

async function renderDrawer(me = makeMe(), onShowRuns?: () => void) {
  const onClose = vi.fn();
  const result = renderWithProviders(<UserDrawer userId={1} onClose={onClose} onShowRuns={onShowRuns} />, {
    me,
  });
  const drawer = await screen.findByRole('dialog', { name: 'Ada Lovelace' });
  await within(drawer).findByText('Salesforce');
  return { ...result, drawer, onClose };
}

const card = (name: string) => screen.getByRole('region', { name });

describe('UserDrawer', () => {
  it('shows the user, their connections, errors, workflows and metadata', async () => {
    const { drawer } = await renderDrawer();
    expect(within(drawer).getByText('usr_001')).toBeInTheDocument();
    expect(within(drawer).getByText('ada@example.com')).toBeInTheDocument();

    const salesforce = card('Salesforce');
    expect(within(salesforce).getByText('CRM')).toBeInTheDocument();
    expect(within(salesforce).getByText('Connected')).toBeInTheDocument();
    expect(within(salesforce).getByRole('switch', { name: 'Sync contacts (Salesforce)' })).toBeChecked();
    expect(within(salesforce).getByRole('switch', { name: 'Sync deals (Salesforce)' })).not.toBeChecked();
    expect(within(salesforce).getByText('Copies new contacts every hour')).toBeInTheDocument();

    const hubspotCard = card('HubSpot');
    expect(within(hubspotCard).getByText('Error')).toBeInTheDocument();
    // An admin's change names the member; the user's own change says so.
    expect(within(hubspotCard).getByText(/Changed by Grace Admin/)).toBeInTheDocument();
    expect(within(salesforce).getAllByText(/Changed by the user/)).toHaveLength(2);

    const metadata = within(drawer).getByRole('table', { name: 'Metadata' });
    expect(within(metadata).getByText('enterprise')).toBeInTheDocument();
    expect(within(metadata).getByText('12')).toBeInTheDocument();
  });

  it('says why a connection is in error, since when, and its message', async () => {
    await renderDrawer();
    const hubspotCard = card('HubSpot');
    const alert = within(hubspotCard).getByRole('alert');
    expect(alert).toHaveTextContent(/^Credential expired since .+ ago/);
    expect(within(alert).getByRole('time')).toHaveAttribute('datetime', '2026-03-20T07:00:00Z');
    expect(within(alert).getByText('Token expired: reconnect required')).toBeInTheDocument();
    // A healthy connection has no alert.
    expect(within(card('Salesforce')).queryByRole('alert')).toBeNull();
  });

  it('names the status when an error gives no reason', async () => {
    vi.mocked(getUser).mockResolvedValue(
      makeUserDetail({ connections: [{ ...hubspot, errorReason: undefined, errorMessage: '' }] }),
    );
    renderWithProviders(<UserDrawer userId={1} onClose={vi.fn()} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Error since .+ ago$/);
  });

  it("lists the user's recent runs", async () => {
    const { drawer } = await renderDrawer();
    const table = await within(drawer).findByRole('table', { name: 'Recent runs' });
    expect(listRuns).toHaveBeenCalledWith({ userId: 1, limit: 10 });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2 runs
    expect(within(rows[1]).getByText('Failed')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Sync leads')).toBeInTheDocument();
    expect(within(rows[1]).getByText('HubSpot')).toBeInTheDocument();
    expect(within(rows[1]).getByText('850 ms')).toBeInTheDocument();
    expect(within(rows[1]).getByText('HubSpot returned 401: the token expired')).toBeInTheDocument();
    expect(within(rows[1]).getByRole('time')).toHaveAttribute('datetime', '2026-03-20T09:00:00Z');
    expect(within(rows[2]).getByText('Succeeded')).toBeInTheDocument();
    expect(within(rows[2]).getByText('Sync contacts')).toBeInTheDocument();
    expect(within(rows[2]).getByText('1.2 s')).toBeInTheDocument();
  });

  it('says when the user has no runs yet', async () => {
    vi.mocked(listRuns).mockResolvedValue(makeRunPage([]));
    const { drawer } = await renderDrawer();
    expect(await within(drawer).findByText('No runs recorded yet')).toBeInTheDocument();
  });

  it('opens the run history on this user', async () => {
    const onShowRuns = vi.fn();
    const { user, drawer } = await renderDrawer(makeMe(), onShowRuns);
    await user.click(within(drawer).getByRole('button', { name: 'See all runs' }));
    expect(onShowRuns).toHaveBeenCalledWith({ id: 1, key: 'usr_001', name: 'Ada Lovelace' });
  });

  it('offers See all runs only where the run history can open', async () => {
    const { drawer } = await renderDrawer();
    await within(drawer).findByRole('table', { name: 'Recent runs' });
    expect(within(drawer).queryByRole('button', { name: 'See all runs' })).toBeNull();
  });

  it('turns a workflow off', async () => {
    vi.mocked(setWorkflowEnabled).mockResolvedValue(ada);
    const { user } = await renderDrawer();
    await user.click(screen.getByRole('switch', { name: 'Sync contacts (Salesforce)' }));
    expect(setWorkflowEnabled).toHaveBeenCalledWith(1, 100, false);
    expect(await screen.findByText('Sync contacts disabled for Ada Lovelace')).toBeInTheDocument();
  });

  it('switches a workflow from its own ⋯ menu', async () => {
    vi.mocked(setWorkflowEnabled).mockResolvedValue(ada);
    const { user } = await renderDrawer();
    await user.click(screen.getByRole('button', { name: 'Actions for Sync contacts (Salesforce)' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Disable workflow for user' }));
    expect(setWorkflowEnabled).toHaveBeenCalledWith(1, 100, false);

    await user.click(screen.getByRole('button', { name: 'Actions for Sync leads (HubSpot)' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Enable workflow for user' }));
    expect(setWorkflowEnabled).toHaveBeenCalledWith(1, 200, true);
  });

  it('says the user can re-enable a workflow an admin disabled', async () => {
    await renderDrawer();
    expect(
      within(card('HubSpot')).getByText('Ada Lovelace can re-enable it in the Connect Portal.'),
    ).toBeInTheDocument();
    // Sync deals is off, but the user turned it off.
    expect(within(card('Salesforce')).queryByText(/can re-enable it/)).toBeNull();
  });

  it('uninstalls an integration only after confirming', async () => {
    vi.mocked(uninstallIntegration).mockResolvedValue(makeUserDetail({ connections: [hubspot] }));
    const { user } = await renderDrawer();

    await user.click(within(card('Salesforce')).getByRole('button', { name: 'Uninstall Salesforce' }));
    let dialog = await screen.findByRole('dialog', { name: 'Uninstall Salesforce?' });
    expect(dialog).toHaveTextContent(
      'Salesforce will be removed for Ada Lovelace. Their 2 workflows for it stop.',
    );
    expect(within(dialog).getByRole('alert')).toHaveTextContent(
      'This is permanentThe removal cannot be undone. To use Salesforce again, Ada Lovelace must revisit the Connect Portal and reconnect it.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Uninstall Salesforce?' })).toBeNull());
    expect(uninstallIntegration).not.toHaveBeenCalled();

    await user.click(within(card('Salesforce')).getByRole('button', { name: 'Uninstall Salesforce' }));
    dialog = await screen.findByRole('dialog', { name: 'Uninstall Salesforce?' });
    await user.click(within(dialog).getByRole('button', { name: 'Uninstall' }));
    expect(uninstallIntegration).toHaveBeenCalledWith(1, 10);
    expect(await screen.findByText('Salesforce uninstalled for Ada Lovelace')).toBeInTheDocument();
    // The drawer shows the returned user without waiting for a refetch.
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Salesforce' })).toBeNull());
    expect(getUser).toHaveBeenCalledTimes(1);
  });

  it('uses the singular for a single workflow', async () => {
    const { user } = await renderDrawer();
    await user.click(within(card('HubSpot')).getByRole('button', { name: 'Uninstall HubSpot' }));
    expect(await screen.findByRole('dialog', { name: 'Uninstall HubSpot?' })).toHaveTextContent(
      'HubSpot will be removed for Ada Lovelace. Their 1 workflow for it stops.',
    );
  });

  it('disables the user with a reason', async () => {
    vi.mocked(disableUser).mockResolvedValue(makeUserDetail({ status: UserStatus.Disabled }));
    const { user, drawer } = await renderDrawer();
    await user.click(within(drawer).getByRole('button', { name: 'Disable user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable user?' });
    expect(dialog).toHaveTextContent(
      'Ada Lovelace will be disabled. Their workflows stop running, and they cannot use the Connect Portal, until you re-enable them.',
    );
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    await user.type(reason, 'Contract ended');
    expect(within(dialog).getByText('Optional. 14/500')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Disable user' }));
    expect(disableUser).toHaveBeenCalledWith(1, 'Contract ended');
    expect(await screen.findByText('Ada Lovelace disabled')).toBeInTheDocument();
  });

  it('shows a reason error next to the field', async () => {
    vi.mocked(disableUser).mockRejectedValue(new ApiError(ErrorCode.Invalid, 'Reason is too long', 'reason'));
    const { user, drawer } = await renderDrawer();
    await user.click(within(drawer).getByRole('button', { name: 'Disable user' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable user?' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason' }), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Disable user' }));
    expect(await within(dialog).findByText('Reason is too long')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Reason' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows the message of a failed mutation', async () => {
    vi.mocked(setWorkflowEnabled).mockRejectedValue(
      new ApiError(ErrorCode.Conflict, 'User is disabled: re-enable them first'),
    );
    const { user } = await renderDrawer();
    await user.click(screen.getByRole('switch', { name: 'Sync contacts (Salesforce)' }));
    expect(await screen.findByText('User is disabled: re-enable them first')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: 'Sync contacts (Salesforce)' })).toBeChecked();
  });

  describe('for a disabled user', () => {
    beforeEach(() => {
      vi.mocked(getUser).mockResolvedValue(
        makeUserDetail({
          status: UserStatus.Disabled,
          disabledAt: '2026-03-18T09:00:00Z',
          disabledReason: 'Left the company',
        }),
      );
    });

    it('explains why and locks every change control except Enable', async () => {
      const { user, drawer } = await renderDrawer();
      expect(within(drawer).getByText(/reason: Left the company/)).toBeInTheDocument();
      expect(within(drawer).getByText(/they cannot use the Connect Portal/)).toBeInTheDocument();
      await user.click(
        within(drawer).getByRole('button', { name: 'Actions for Sync contacts (Salesforce)' }),
      );
      expect(await screen.findByRole('menuitem', { name: 'Disable workflow for user' })).toBeDisabled();
      expect(within(drawer).queryByRole('button', { name: 'Disable user' })).toBeNull();
      expect(within(drawer).getByRole('button', { name: 'Enable user' })).toBeEnabled();
      expect(within(drawer).getByRole('button', { name: 'Uninstall Salesforce' })).toBeDisabled();
      for (const toggle of within(drawer).getAllByRole('switch')) expect(toggle).toBeDisabled();
    });

    it('marks enabled workflows as stopped, and only those', async () => {
      const { drawer } = await renderDrawer();
      const enabled = within(drawer)
        .getAllByRole('switch')
        .filter((s) => (s as HTMLInputElement).checked);
      expect(enabled.length).toBeGreaterThan(0);
      expect(within(drawer).getAllByText('Stopped: user disabled')).toHaveLength(enabled.length);
    });

    it('explains the lock on hover', async () => {
      const { user, drawer } = await renderDrawer();
      await user.hover(within(drawer).getByRole('button', { name: 'Uninstall Salesforce' }).parentElement!);
      expect(await screen.findByText('Re-enable the user first')).toBeInTheDocument();
    });

    it('enables the user', async () => {
      vi.mocked(enableUser).mockResolvedValue(makeUserDetail());
      const { user, drawer } = await renderDrawer();
      await user.click(within(drawer).getByRole('button', { name: 'Enable user' }));
      expect(enableUser).toHaveBeenCalledWith(1);
      expect(await within(drawer).findByRole('button', { name: 'Disable user' })).toBeInTheDocument();
    });
  });

  it('lets an actor without users.manage look but not change', async () => {
    const { drawer } = await renderDrawer(
      makeMe({ role: Role.MonitorAll, permissions: [Permission.UsersView] }),
    );
    expect(within(drawer).queryByRole('button', { name: 'Disable user' })).toBeNull();
    expect(within(drawer).queryByRole('button', { name: 'Uninstall Salesforce' })).toBeNull();
    expect(within(drawer).queryByRole('button', { name: /^Actions for/ })).toBeNull();
    for (const toggle of within(drawer).getAllByRole('switch')) expect(toggle).toBeDisabled();
  });

  it('closes on Escape', async () => {
    const { user, onClose } = await renderDrawer();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalled();
  });
});
