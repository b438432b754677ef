import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  cancelImport,
  chooseFile,
  importStatus,
  previewImport,
  rollBackImport,
  startImport,
  uploadFile,
} from '../../api/imports';
import {
  ImportField,
  ImportFormat,
  ImportState,
  Mode,
  type ImportJob,
  type ImportPreview,
  type UsersImportReport,
} from '../../api/models';
import { getInfo } from '../../api/system';
import { makeInfo } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { ImportUsersModal } from './ImportUsersModal';

vi.mock('../../api/imports');
vi.mock('../../api/system');

const file = { token: 'tok', name: 'users.csv', size: 2048 };

const preview: ImportPreview = {
  file: 'users.csv',
  size: 2048,
  format: ImportFormat.Csv,
  columns: ['Customer', 'Full name', 'E-mail'],
  rows: [
    { line: 2, cells: ['c1', 'Ada Lovelace', 'ada@example.com'] },
    {
      line: 3,
      cells: ['c2', 'Bob', 'nope'],
      problem: { line: 3, userId: 'c2', field: 'email', reason: '"nope" is not an e-mail address.' },
    },
  ],
  mapping: {
    [ImportField.UserId]: 'Customer',
    [ImportField.Name]: 'Full name',
    [ImportField.Email]: 'E-mail',
  },
};

function report(overrides: Partial<UsersImportReport> = {}): UsersImportReport {
  return {
    importId: 0,
    dryRun: true,
    rows: 2,
    bytes: 2048,
    size: 2048,
    added: 1,
    updated: 0,
    total: 0,
    unchanged: 0,
    skipped: 0,
    rejected: 1,
    uncommitted: false,
    finishing: false,
    seconds: 0.1,
    file: 'users.csv',
    format: ImportFormat.Csv,
    state: ImportState.Done,
    error: '',
    newIntegrations: ['salesforce'],
    newWorkflows: [],
    problems: [{ line: 3, userId: 'c2', field: 'email', reason: '"nope" is not an e-mail address.' }],
    written: 0,
    ...overrides,
  };
}

function job(id: number, overrides: Partial<ImportJob> = {}): ImportJob {
  return {
    id,
    running: false,
    rollingBack: false,
    progress: report().dryRun ? { ...report(), importId: 0 } : report(),
    error: '',
    ...overrides,
  };
}

beforeEach(() => {
  vi.mocked(getInfo).mockResolvedValue(makeInfo({ mode: Mode.Serve }));
  vi.mocked(uploadFile).mockResolvedValue(file);
  vi.mocked(previewImport).mockResolvedValue(preview);
});

async function openWithFile() {
  const onClose = vi.fn();
  const result = renderWithProviders(<ImportUsersModal opened onClose={onClose} />);
  const input = await waitFor(() => {
    const el = document.querySelector<HTMLInputElement>('input[type="file"]');
    if (!el) throw new Error('no file input yet');
    return el;
  });
  await result.user.upload(input, new File(['x'], 'users.csv'));
  await screen.findByRole('table', { name: 'Preview' });
  return { ...result, onClose };
}

describe('ImportUsersModal', () => {
  it('uploads the file in a browser and previews its first rows with the detected mapping', async () => {
    const { user } = await openWithFile();
    expect(uploadFile).toHaveBeenCalled();
    const table = screen.getByRole('table', { name: 'Preview' });
    expect(within(table).getByText('Ada Lovelace')).toBeInTheDocument();
    expect(
      within(table).getByText(/Would be rejected: email: "nope" is not an e-mail address/),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /User ID/ })).toHaveValue('Customer');

    // Choosing another column previews again with the person's mapping.
    await user.click(screen.getByRole('textbox', { name: /^Name/ }));
    await user.click(await screen.findByRole('option', { name: '— not imported —' }));
    await waitFor(() =>
      expect(previewImport).toHaveBeenLastCalledWith('tok', '', {
        [ImportField.UserId]: 'Customer',
        [ImportField.Email]: 'E-mail',
      }),
    );
  });

  it('runs a dry run, shows what it would do and the rejected rows, then imports with progress', async () => {
    vi.mocked(startImport)
      .mockResolvedValueOnce(job(1, { running: true }))
      .mockResolvedValueOnce(job(2, { running: true }));
    vi.mocked(importStatus).mockImplementation((id) =>
      Promise.resolve(
        id === 1
          ? job(1, { report: report() })
          : job(2, { report: report({ dryRun: false, importId: 7, state: ImportState.Done }) }),
      ),
    );
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Dry run' }));
    expect(await screen.findByText('Dry run: nothing was written')).toBeInTheDocument();
    expect(vi.mocked(startImport).mock.calls[0][0]).toMatchObject({
      token: 'tok',
      dryRun: true,
      format: ImportFormat.Csv,
    });
    expect(screen.getByText('Would add')).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Rejected rows' })).getByText(
        '"nope" is not an e-mail address.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('salesforce')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByRole('button', { name: /Roll back this import/ })).toBeInTheDocument();
    expect(vi.mocked(startImport).mock.calls[1][0]).toMatchObject({ dryRun: false });
    expect(screen.getByText('Added')).toBeInTheDocument();
  });

  it('shows progress while a job runs and cancels it', async () => {
    vi.mocked(startImport).mockResolvedValue(job(3, { running: true }));
    vi.mocked(importStatus).mockResolvedValue(
      job(3, {
        running: true,
        progress: {
          ...report(),
          importId: 9,
          dryRun: false,
          rows: 50000,
          bytes: 1024,
          size: 2048,
          seconds: 2,
        },
      }),
    );
    vi.mocked(cancelImport).mockResolvedValue(job(3, { running: true }));
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Import without a dry run' }));
    expect(await screen.findByText(/50,000 rows · 25,000 rows\/s · about 2 s left/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(cancelImport).toHaveBeenCalledWith(3));
  });

  it('says it reads the file until the first rows are written', async () => {
    vi.mocked(startImport).mockResolvedValue(job(4, { running: true }));
    vi.mocked(importStatus).mockResolvedValue(
      job(4, { running: true, progress: { ...report(), dryRun: false, importId: 9, rows: 0, seconds: 0.4 } }),
    );
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Import without a dry run' }));
    expect(await screen.findByText('Reading the file…')).toBeInTheDocument();
    expect(screen.getByText('Importing…')).toBeInTheDocument();
    expect(screen.queryByText(/rows\/s/)).not.toBeInTheDocument();
  });

  it('says a load builds its indexes once every row is written', async () => {
    vi.mocked(startImport).mockResolvedValue(job(5, { running: true }));
    vi.mocked(importStatus).mockResolvedValue(
      job(5, {
        running: true,
        progress: {
          ...report(),
          dryRun: false,
          importId: 9,
          rows: 1000000,
          bytes: 2048,
          uncommitted: true,
          finishing: true,
          seconds: 20,
        },
      }),
    );
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Import without a dry run' }));
    expect(
      await screen.findByText('1,000,000 rows written · building the indexes and the search index…'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/left/)).not.toBeInTheDocument();
  });

  it('offers to resume an import of the same file that stopped', async () => {
    vi.mocked(previewImport).mockResolvedValue({
      ...preview,
      last: {
        id: 4,
        file: 'users.csv',
        format: 'csv',
        size: 2048,
        actorName: 'Olivia',
        state: ImportState.Interrupted,
        startedAt: '2026-11-20T08:00:00Z',
        updatedAt: '2026-11-20T08:01:00Z',
        finishedAt: null,
        rowsDone: 200000,
        bytesDone: 1024,
        added: 200000,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        error: '',
        rolledBackAt: null,
      },
    });
    vi.mocked(startImport).mockResolvedValue(job(5, { running: true }));
    vi.mocked(importStatus).mockResolvedValue(job(5, { running: true }));
    const { user } = await openWithFile();
    expect(screen.getByText(/stopped after 200,000 rows|after 200,000 rows/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    await waitFor(() =>
      expect(vi.mocked(startImport).mock.calls[0][0]).toMatchObject({ resume: true, dryRun: false }),
    );
  });

  it('rolls an import back after confirming', async () => {
    vi.mocked(startImport).mockResolvedValue(job(6, { running: true }));
    const rolling = { ...report(), dryRun: false, importId: 7, seconds: 1 };
    // The rollback's polls, the last one repeated: before it has counted
    // its users, part way, done.
    const rollbackPolls = [
      job(8, { running: true, rollingBack: true, progress: { ...rolling, rows: 0, total: 0 } }),
      job(8, { running: true, rollingBack: true, progress: { ...rolling, rows: 120, total: 480 } }),
      job(8, { rollingBack: true, rollback: { importId: 7, file: 'users.csv', removed: 1, restored: 0 } }),
    ];
    vi.mocked(importStatus).mockImplementation((id) =>
      Promise.resolve(
        id === 6
          ? job(6, { report: report({ dryRun: false, importId: 7, added: 1 }) })
          : rollbackPolls.length > 1
            ? rollbackPolls.shift()!
            : rollbackPolls[0],
      ),
    );
    vi.mocked(rollBackImport).mockResolvedValue(job(8, { running: true, rollingBack: true }));
    const { user } = await openWithFile();
    await user.click(screen.getByRole('button', { name: 'Import without a dry run' }));
    await user.click(await screen.findByRole('button', { name: /Roll back this import/ }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Roll back' }));
    // While it runs it says so, not "Importing…".
    expect(await screen.findByText('Rolling back…')).toBeInTheDocument();
    expect(await screen.findByText('Counting the users to undo…')).toBeInTheDocument();
    // How far it is, of the users it has to undo.
    expect(await screen.findByText('120 of 480 users undone')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Rollback progress' })).toHaveAttribute(
      'aria-valuenow',
      '25',
    );
    // The next poll, half a second on, finds it done.
    expect(await screen.findByText('Rolled back', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(rollBackImport).toHaveBeenCalledWith(7);
  });

  it('uses the desktop dialog in the desktop window', async () => {
    vi.mocked(getInfo).mockResolvedValue(makeInfo({ mode: Mode.Desktop }));
    vi.mocked(chooseFile).mockResolvedValue(file);
    const { user } = renderWithProviders(<ImportUsersModal opened onClose={vi.fn()} />);
    await user.click(await screen.findByRole('button', { name: 'Choose a file…' }));
    expect(await screen.findByRole('table', { name: 'Preview' })).toBeInTheDocument();
    expect(uploadFile).not.toHaveBeenCalled();
  });
});
