import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  backUpNow,
  getBackupStatus,
  listBackups,
  restoreBackup,
  updateBackupSettings,
} from '../../api/backups';
import { ApiError } from '../../api/errors';
import { BackupKind, ErrorCode } from '../../api/models';
import { makeBackup, makeBackupStatus } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { BackupsSection } from './BackupsSection';

vi.mock('../../api/backups');

const manual = makeBackup();
const auto = makeBackup({
  name: 'roster-auto-20261202-100000.db',
  at: '2026-12-02T10:00:00Z',
  kind: BackupKind.Auto,
  bytes: 512,
});

beforeEach(() => {
  notifications.clean();
  vi.mocked(getBackupStatus).mockResolvedValue(makeBackupStatus());
  vi.mocked(listBackups).mockResolvedValue([auto, manual]);
});

async function renderSection() {
  const result = renderWithProviders(<BackupsSection />);
  await screen.findByRole('table', { name: 'Backups' });
  return result;
}

describe('BackupsSection', () => {
  it('lists the backups, newest first, with their kind and size', async () => {
    await renderSection();
    const rows = within(screen.getByRole('table', { name: 'Backups' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual([auto.name, manual.name]);
    expect(rows[0]).toHaveTextContent('Automatic');
    expect(rows[0]).toHaveTextContent('512 B');
    expect(rows[1]).toHaveTextContent('Manual');
    expect(rows[1]).toHaveTextContent('3.0 MB');
    expect(screen.getByText(/in \/tmp\/backups/)).toBeInTheDocument();
  });

  it('backs up now, says which file it made and how big, and lists it', async () => {
    const made = makeBackup({ name: 'roster-20261203-090000.db', bytes: 2 * 1024 * 1024 });
    vi.mocked(backUpNow).mockResolvedValue(made);
    const { user } = await renderSection();
    vi.mocked(listBackups).mockResolvedValue([made, auto, manual]);
    await user.click(screen.getByRole('button', { name: 'Back up now' }));
    const done = await screen.findByRole('alert', { name: 'Backup made' });
    expect(done).toHaveTextContent('roster-20261203-090000.db (2.0 MB)');
    expect(await screen.findByRole('cell', { name: made.name })).toBeInTheDocument();
  });

  it('restores only after a confirmation that says what will happen', async () => {
    vi.mocked(restoreBackup).mockResolvedValue({
      restored: manual.name,
      keptAs: 'roster-before-restore-20261203-090000.db',
      upgradedFrom: 0,
      schemaVersion: 15,
    });
    const { user } = await renderSection();
    await user.click(screen.getByRole('button', { name: `Restore ${manual.name}` }));
    const dialog = await screen.findByRole('dialog', { name: `Restore ${manual.name}?` });
    expect(dialog).toHaveTextContent(/copied aside into the backups folder/);
    expect(dialog).toHaveTextContent(/Every open window then reloads its data/);
    expect(dialog).toHaveTextContent(/Changes made since then are undone/);
    expect(restoreBackup).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    expect(restoreBackup).toHaveBeenCalledWith(manual.name);
    const done = await screen.findByRole('alert', { name: 'Backup restored' });
    expect(done).toHaveTextContent(/kept as roster-before-restore-20261203-090000.db/);
    expect(done).not.toHaveTextContent(/older Roster/);
  });

  it('keeps the dialog open, and says what happens, until a restore ends', async () => {
    let finish: (r: Awaited<ReturnType<typeof restoreBackup>>) => void = () => {};
    vi.mocked(restoreBackup).mockReturnValue(new Promise((ok) => (finish = ok)));
    const { user } = await renderSection();
    await user.click(screen.getByRole('button', { name: `Restore ${manual.name}` }));
    const dialog = await screen.findByRole('dialog', { name: `Restore ${manual.name}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    expect(await within(dialog).findByRole('status')).toHaveTextContent(
      /Checking the backup, copying the database aside/,
    );
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog', { name: `Restore ${manual.name}?` })).toBeInTheDocument();
    finish({
      restored: manual.name,
      keptAs: 'roster-before-restore-20261203-090000.db',
      upgradedFrom: 0,
      schemaVersion: 15,
    });
    expect(await screen.findByRole('alert', { name: 'Backup restored' })).toBeInTheDocument();
  });

  it('says when the restored backup came from an older Roster and was upgraded', async () => {
    vi.mocked(restoreBackup).mockResolvedValue({
      restored: manual.name,
      keptAs: 'roster-before-restore-20261203-090000.db',
      upgradedFrom: 9,
      schemaVersion: 15,
    });
    const { user } = await renderSection();
    await user.click(screen.getByRole('button', { name: `Restore ${manual.name}` }));
    const dialog = await screen.findByRole('dialog', { name: `Restore ${manual.name}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    const done = await screen.findByRole('alert', { name: 'Backup restored' });
    expect(done).toHaveTextContent(/made by an older Roster and has been upgraded \(schema version 9 → 15\)/);
    expect(done).toHaveTextContent(/kept as roster-before-restore-20261203-090000.db/);
  });

  it('says in the dialog why a restore was refused', async () => {
    vi.mocked(restoreBackup).mockRejectedValue(
      new ApiError(
        ErrorCode.Conflict,
        'An import of users.csv is running; wait for it to end (or cancel it) before restoring a backup.',
      ),
    );
    const { user } = await renderSection();
    await user.click(screen.getByRole('button', { name: `Restore ${auto.name}` }));
    const dialog = await screen.findByRole('dialog', { name: `Restore ${auto.name}?` });
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    expect(await within(dialog).findByText(/An import of users.csv is running/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('saves the automatic-backup settings, and shows a refused number on its field', async () => {
    vi.mocked(updateBackupSettings)
      .mockRejectedValueOnce(
        new ApiError(ErrorCode.Invalid, 'Keep between 1 and 365 automatic backups.', 'keep'),
      )
      .mockImplementation((settings) => Promise.resolve(makeBackupStatus({ settings })));
    const { user } = await renderSection();
    const save = screen.getByRole('button', { name: 'Save backup settings' });
    expect(save).toBeDisabled();
    await user.click(screen.getByRole('switch', { name: /Back up automatically every day/ }));
    const keep = screen.getByLabelText('Automatic backups to keep');
    await user.clear(keep);
    await user.type(keep, '400');
    await user.click(save);
    await waitFor(() => expect(keep).toHaveAccessibleDescription(/Keep between 1 and 365 automatic backups/));
    await user.clear(keep);
    await user.type(keep, '30');
    await user.click(save);
    await waitFor(() => expect(updateBackupSettings).toHaveBeenLastCalledWith({ auto: false, keep: 30 }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Save backup settings' })).toBeDisabled());
    expect(screen.getByRole('switch', { name: /Back up automatically every day/ })).not.toBeChecked();
  });

  it('shows the last integrity check, and what it found', async () => {
    vi.mocked(getBackupStatus).mockResolvedValue(
      makeBackupStatus({
        check: {
          at: '2026-11-30T10:00:00Z',
          ok: false,
          result: 'Page 7: btreeInitPage() returns error code 11',
        },
        lastAutoError: 'backups: automatic backup: disk full',
      }),
    );
    await renderSection();
    expect(
      screen.getByText(/problems found: Page 7: btreeInitPage\(\) returns error code 11/),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert', { name: 'The last automatic backup failed' })).toHaveTextContent(
      /disk full/,
    );
  });

  it('says when nothing has been checked or backed up yet', async () => {
    vi.mocked(getBackupStatus).mockResolvedValue(
      makeBackupStatus({ check: { at: null, ok: false, result: '' }, lastAutoAt: null }),
    );
    vi.mocked(listBackups).mockResolvedValue([]);
    renderWithProviders(<BackupsSection />);
    expect(await screen.findByText('No backups yet.')).toBeInTheDocument();
    expect(screen.getByText(/Last integrity check/)).toHaveTextContent(
      'Last integrity check (weekly): Never',
    );
    expect(screen.getByText(/Last automatic backup/)).toHaveTextContent('Last automatic backup: Never');
  });
});
