import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { importEvents } from '../../api/ingest';
import { listIntegrations } from '../../api/integrations';
import { ErrorCode, ImportOutcome, Permission, Role } from '../../api/models';
import { getInfo } from '../../api/system';
import { getCounts, listUsers } from '../../api/users';
import { makeCounts, makeImportReport, makeInfo, makeMe, makePage, makeUserRow } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { ImportEventsModal } from './ImportEventsModal';
import { UsersPage } from './UsersPage';

vi.mock('../../api/ingest');
vi.mock('../../api/users');
vi.mock('../../api/system');
vi.mock('../../api/integrations');
vi.mock('../../api/events');

const CONTENT = [
  '{"id":"evt_1","type":"user.upserted","at":"2026-11-20T08:05:00Z","data":{"user":"cus_1","name":"Ada"}}',
  '{"id":"evt_2","type":"workflow.run","at":"2026-11-20T09:00:00Z","data":{}}',
  'not json',
].join('\n');

const report = makeImportReport({
  accepted: 48,
  duplicates: 2,
  rejected: 2,
  mailQueued: 3,
  lines: [
    {
      line: 2,
      id: 'evt_2',
      outcome: ImportOutcome.Rejected,
      field: 'user',
      reason: 'Give the user: their external id.',
    },
    { line: 3, id: '', outcome: ImportOutcome.Rejected, reason: 'The line is not JSON.' },
  ],
});

function eventsFile(content = CONTENT, name = 'events.jsonl') {
  return new File([content], name, { type: '' });
}

const fileInput = () => document.querySelector<HTMLInputElement>('input[type="file"]')!;

async function openModal() {
  const onClose = vi.fn();
  const result = renderWithProviders(<ImportEventsModal opened onClose={onClose} />);
  const dialog = await screen.findByRole('dialog', { name: 'Import events' });
  return { ...result, dialog, onClose };
}

beforeEach(() => {
  vi.mocked(importEvents).mockResolvedValue(report);
});

describe('ImportEventsModal', () => {
  it('explains the format and waits for a file', async () => {
    const { dialog } = await openModal();
    expect(within(dialog).getByText('docs/examples/events.jsonl')).toBeInTheDocument();
    expect(fileInput()).toHaveAttribute('accept', '.jsonl,.ndjson,.json,.txt');
    expect(within(dialog).getByRole('button', { name: 'Import' })).toBeDisabled();
  });

  it('reads the file, imports it and reports counts and rejected lines', async () => {
    let finish: (r: typeof report) => void = () => {};
    vi.mocked(importEvents).mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    const { user, dialog, client } = await openModal();
    const invalidate = vi.spyOn(client, 'invalidateQueries');

    await user.upload(fileInput(), eventsFile());
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(importEvents).toHaveBeenCalledWith('events.jsonl', CONTENT));
    // Pending: the button shows it is busy and nothing else can start.
    expect(within(dialog).getByRole('button', { name: 'Import' })).toHaveAttribute('data-loading', 'true');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toBeDisabled();

    finish(report);
    const summary = await within(dialog).findByRole('list', { name: 'Import summary' });
    expect(within(summary).getByRole('listitem', { name: 'Accepted: 48' })).toBeInTheDocument();
    expect(within(summary).getByRole('listitem', { name: 'Duplicates: 2' })).toBeInTheDocument();
    expect(within(summary).getByRole('listitem', { name: 'Rejected: 2' })).toBeInTheDocument();
    expect(within(summary).getByRole('listitem', { name: 'Mail queued: 3' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('52 events read from events.jsonl.');

    const table = within(dialog).getByRole('table', { name: 'Rejected lines' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3); // header + 2 lines
    expect(rows[1]).toHaveTextContent('2evt_2userGive the user: their external id.');
    expect(rows[2]).toHaveTextContent('3——The line is not JSON.');
    // Users, runs and the rest may have changed.
    expect(invalidate).toHaveBeenCalledWith();
  });

  it('says how many rejected lines it leaves out', async () => {
    vi.mocked(importEvents).mockResolvedValue({ ...report, rejected: 1500 });
    const { user, dialog } = await openModal();
    await user.upload(fileInput(), eventsFile());
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByText('The first 2 of 1,500 rejected lines.')).toBeInTheDocument();
  });

  it('shows no table when nothing was rejected, and starts again on request', async () => {
    vi.mocked(importEvents).mockResolvedValue(makeImportReport({ accepted: 3 }));
    const { user, dialog, onClose } = await openModal();
    await user.upload(fileInput(), eventsFile());
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByRole('listitem', { name: 'Accepted: 3' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('table', { name: 'Rejected lines' })).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Import another file' }));
    expect(await within(dialog).findByRole('button', { name: 'Import' })).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalled();
  });

  it('shows an error about the file under the file field', async () => {
    vi.mocked(importEvents).mockRejectedValue(
      new ApiError(
        ErrorCode.Invalid,
        'The file is empty: it should hold one JSON event per line.',
        'content',
      ),
    );
    const { user, dialog } = await openModal();
    await user.upload(fileInput(), eventsFile(' '));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(
      await within(dialog).findByText('The file is empty: it should hold one JSON event per line.'),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('list', { name: 'Import summary' })).toBeNull();
  });

  it('shows any other error as a notification', async () => {
    vi.mocked(importEvents).mockRejectedValue(
      new ApiError(ErrorCode.Forbidden, 'You may not import events.'),
    );
    const { user, dialog } = await openModal();
    await user.upload(fileInput(), eventsFile());
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('You may not import events.')).toBeInTheDocument();
    // The file stays chosen, to try again.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Import' })).toBeEnabled());
    expect(within(dialog).queryByRole('list', { name: 'Import summary' })).toBeNull();
  });
});

describe('Import events… on Connected users', () => {
  beforeEach(() => {
    vi.mocked(getInfo).mockResolvedValue(makeInfo());
    vi.mocked(getCounts).mockResolvedValue(makeCounts());
    vi.mocked(listIntegrations).mockResolvedValue([]);
    vi.mocked(listUsers).mockResolvedValue(makePage([makeUserRow()]));
  });

  it('opens the import for a workspace manager', async () => {
    const { user } = renderWithProviders(<UsersPage />);
    await user.click(await screen.findByRole('button', { name: 'Import' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Events…' }));
    expect(await screen.findByRole('dialog', { name: 'Import events' })).toBeInTheDocument();
  });

  it('is not offered without workspace.manage', async () => {
    renderWithProviders(<UsersPage />, {
      me: makeMe({ role: Role.ManageAll, permissions: [Permission.UsersView, Permission.UsersManage] }),
    });
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });
});
