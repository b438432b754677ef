import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { cancelExport, exportDownloadURL, exportStatus, startExport } from '../../api/exports';
import { ErrorCode, ExportWhat, ImportFormat, type ExportJob } from '../../api/models';
import { renderWithProviders } from '../../test/render';
import type { PageExport } from './ExportContext';
import { ExportModal } from './ExportModal';

vi.mock('../../api/exports', async (actual) => ({
  ...(await actual<typeof import('../../api/exports')>()),
  startExport: vi.fn(),
  exportStatus: vi.fn(),
  cancelExport: vi.fn(),
}));

const page: PageExport = {
  view: { what: ExportWhat.Users, users: { status: 'account_errors' as never, search: 'globex' } },
  description: 'Exports the 1,000 users this list shows.',
};

function job(overrides: Partial<ExportJob> = {}): ExportJob {
  return {
    id: 7,
    what: ExportWhat.Users,
    running: false,
    progress: { rows: 1000, total: 1000, totalCapped: false, seconds: 2 },
    name: 'roster-users-20261204-1130.json',
    path: '',
    done: true,
    cancelled: false,
    error: '',
    ...overrides,
  };
}

describe('ExportModal', () => {
  beforeEach(() => {
    vi.mocked(startExport).mockResolvedValue(job({ running: true, done: false }));
  });

  it('exports the view in the chosen format with progress, then offers the download', async () => {
    vi.mocked(exportStatus)
      .mockResolvedValueOnce(
        job({
          running: true,
          done: false,
          progress: { rows: 500, total: 1000, totalCapped: false, seconds: 1 },
        }),
      )
      .mockResolvedValue(job());
    const { user } = renderWithProviders(<ExportModal opened onClose={() => {}} page={page} />);
    expect(screen.getByRole('dialog', { name: 'Export connected users' })).toBeInTheDocument();
    expect(screen.getByText(page.description)).toBeInTheDocument();
    await user.click(screen.getByText('JSON array'));
    expect(screen.getByText(/keeps every field, workflow states included/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(startExport).toHaveBeenCalledWith(page.view, ImportFormat.Json);
    expect(await screen.findByText('500 of 1,000 rows · 500 rows/s · about 1 s left')).toBeInTheDocument();
    expect(
      await screen.findByText(/1,000 users written to roster-users-20261204-1130.json/),
    ).toBeInTheDocument();
    const again = screen.getByRole('link', { name: 'Download again' });
    expect(again).toHaveAttribute('href', exportDownloadURL(7));
    expect(again).toHaveAttribute('download', 'roster-users-20261204-1130.json');
  });

  it('says where the desktop saved the file', async () => {
    vi.mocked(exportStatus).mockResolvedValue(job({ path: '/home/ada/users.csv', name: 'users.csv' }));
    const { user } = renderWithProviders(<ExportModal opened onClose={() => {}} page={page} />);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('1,000 users saved to /home/ada/users.csv.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Download again' })).toBeNull();
  });

  it('stays on the format when the save dialog was closed', async () => {
    vi.mocked(startExport).mockResolvedValue(job({ id: 0, done: false }));
    const { user } = renderWithProviders(<ExportModal opened onClose={() => {}} page={page} />);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await waitFor(() => expect(startExport).toHaveBeenCalled());
    expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled();
    expect(exportStatus).not.toHaveBeenCalled();
  });

  it('cancels a running export and says nothing was written', async () => {
    vi.mocked(exportStatus).mockResolvedValue(
      job({ running: true, done: false, progress: { rows: 10, total: 1000, totalCapped: true, seconds: 1 } }),
    );
    vi.mocked(cancelExport).mockImplementation(() => {
      vi.mocked(exportStatus).mockResolvedValue(job({ done: false, cancelled: true }));
      return Promise.resolve(job({ done: false, cancelled: true }));
    });
    const { user } = renderWithProviders(<ExportModal opened onClose={() => {}} page={page} />);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    // A capped count is no total: rows and rate only.
    expect(await screen.findByText('10 rows · 10 rows/s')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel export' }));
    expect(cancelExport).toHaveBeenCalledWith(7);
    expect(await screen.findByText('Export cancelled')).toBeInTheDocument();
    expect(screen.getByText('No file was written.')).toBeInTheDocument();
  });

  it('shows why Roster refused', async () => {
    vi.mocked(startExport).mockRejectedValue(
      new ApiError(ErrorCode.Forbidden, 'Your role (Monitor integrations) does not allow viewing users.'),
    );
    const { user } = renderWithProviders(<ExportModal opened onClose={() => {}} page={page} />);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText(/does not allow viewing users/)).toBeInTheDocument();
  });

  it('says when the page has nothing to export', () => {
    renderWithProviders(<ExportModal opened onClose={() => {}} page={null} />);
    expect(screen.getByText(/This page has nothing to export/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Export' })).toBeNull();
  });
});
