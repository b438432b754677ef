import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getBackupStatus } from '../../api/backups';
import { queryKeys } from '../../queryKeys';
import { makeBackupStatus } from '../../test/fixtures';
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
    const alert = await screen.findByRole('alert', { name: 'The database failed its integrity check' });
    expect(alert).toHaveTextContent(/reported: row 3 missing from index x/);
    await user.click(screen.getByRole('button', { name: 'Open the backups in Settings.' }));
    expect(onOpenSettings).toHaveBeenCalled();
  });
});
