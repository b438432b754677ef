import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getBackupStatus, restoreBackup } from '../../api/backups';
import { queryKeys } from '../../queryKeys';
import { makeBackup, makeBackupStatus } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { IntegrityBanner } from './IntegrityBanner';

vi.mock('../../api/backups');

beforeEach(() => {
  vi.mocked(getBackupStatus).mockResolvedValue(makeBackupStatus());
});

describe('IntegrityBanner', () => {
  it.each([
    ['the last check passed', makeBackupStatus()],
    ['nothing was checked yet', makeBackupStatus({ check: { at: null, ok: false, result: '' } })],
  ])('says nothing when %s', async (_, status) => {
    vi.mocked(getBackupStatus).mockResolvedValue(status);
    const { client } = renderWithProviders(<IntegrityBanner onOpenSettings={vi.fn()} />);
    await waitFor(() => expect(client.getQueryState(queryKeys.backupStatus)?.status).toBe('success'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says the last check failed, what it found, and leads to the backups', async () => {
    vi.mocked(getBackupStatus).mockResolvedValue(
      makeBackupStatus({
        check: { at: '2026-11-30T10:00:00Z', ok: false, result: 'row 3 missing from index x' },
      }),
    );
    const onOpenSettings = vi.fn();
    const { user } = renderWithProviders(<IntegrityBanner onOpenSettings={onOpenSettings} />);
    const alert = await screen.findByRole('alert', {
      name: 'The database failed its integrity check: changes are blocked',
    });
    expect(alert).toHaveTextContent(/row 3 missing from index x/);
    expect(alert).toHaveTextContent(/There is no backup to restore/);
    await user.click(screen.getByRole('button', { name: 'Open the backups in Settings.' }));
    expect(onOpenSettings).toHaveBeenCalled();
  });

  it('offers the newest backup and restores it after asking', async () => {
    const good = makeBackup({ name: 'roster-auto-20261129-100000.db', at: '2026-11-29T10:00:00Z' });
    vi.mocked(getBackupStatus).mockResolvedValue(
      makeBackupStatus({
        check: { at: '2026-11-30T10:00:00Z', ok: false, result: 'page 5 broken' },
        lastGood: good,
      }),
    );
    vi.mocked(restoreBackup).mockResolvedValue({
      restored: good.name,
      keptAs: 'roster-damaged-20261130-100000.db',
      upgradedFrom: 0,
      schemaVersion: 15,
    });
    const { user } = renderWithProviders(<IntegrityBanner onOpenSettings={vi.fn()} />);
    const alert = await screen.findByRole('alert', {
      name: 'The database failed its integrity check: changes are blocked',
    });
    expect(alert).toHaveTextContent(/The newest backup, roster-auto-20261129-100000.db/);
    await user.click(within(alert).getByRole('button', { name: `Restore ${good.name}…` }));
    const dialog = await screen.findByRole('dialog', { name: `Restore ${good.name}?` });
    expect(restoreBackup).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(restoreBackup).toHaveBeenCalledWith(good.name));
  });
});
