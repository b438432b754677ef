import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MailKind, MailStatus } from '../../api/models';
import { getOutboxHealth, listOutbox, retryMail } from '../../api/outbox';
import { makeHealth, makeMail } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { OutboxPage } from './OutboxPage';

vi.mock('../../api/outbox');

const inAnHour = new Date(Date.now() + 60 * 60 * 1000).toISOString();

const sent = makeMail();
const retrying = makeMail({
  id: 2,
  kind: MailKind.ConnectionOffline,
  subject: 'Salesforce offline for Ada Lovelace',
  status: MailStatus.Retrying,
  attempts: 3,
  sentAt: null,
  nextAttemptAt: inAnHour,
  lastError: 'dial tcp 10.0.0.5:587: connect: connection refused',
  retryable: true,
});
const failedInvitation = makeMail({
  id: 3,
  kind: MailKind.Invitation,
  recipient: 'ada@example.com',
  subject: 'Grace Hopper invited you to Roster',
  status: MailStatus.Failed,
  attempts: 1,
  sentAt: null,
  failedAt: '2026-11-20T09:20:00Z',
  lastError: '550 5.1.1 mailbox unavailable',
  retryable: false,
});

const lastQuery = () => vi.mocked(listOutbox).mock.lastCall?.[0];

/** The page as the console holds it: the filter is the console's state. */
function Page({ onOpenSettings = () => {} }: { onOpenSettings?: () => void }) {
  const [status, setStatus] = useState<MailStatus | undefined>();
  return <OutboxPage status={status} onStatusChange={setStatus} onOpenSettings={onOpenSettings} />;
}

function rowOf(text: string): HTMLElement {
  const row = screen.getByText(text).closest('[role="row"]');
  if (!(row instanceof HTMLElement)) throw new Error(`no row holds ${text}`);
  return row;
}

beforeEach(() => {
  vi.mocked(listOutbox).mockResolvedValue({ mails: [retrying, failedInvitation, sent], nextCursor: '' });
  vi.mocked(getOutboxHealth).mockResolvedValue(
    makeHealth({ queued: 1, retrying: 1, failed: 1, giveUpDays: 7 }),
  );
});

describe('OutboxPage', () => {
  it('lists mails newest first with kind, status, attempts and the last SMTP error', async () => {
    renderWithProviders(<Page />);
    const grid = await screen.findByRole('grid', { name: 'Outbox' });
    await within(grid).findByText('Salesforce offline for Ada Lovelace');
    expect(listOutbox).toHaveBeenCalledWith({ cursor: '', limit: 100, status: undefined });

    const waiting = rowOf('Salesforce offline for Ada Lovelace');
    expect(within(waiting).getByText('Connection offline')).toBeInTheDocument();
    expect(within(waiting).getByText('Retrying')).toBeInTheDocument();
    expect(within(waiting).getByText(/next attempt/)).toHaveTextContent('next attempt in an hour');
    expect(within(waiting).getByText('3')).toBeInTheDocument();
    expect(
      within(waiting).getByText('dial tcp 10.0.0.5:587: connect: connection refused'),
    ).toBeInTheDocument();
    expect(within(waiting).getByRole('button', { name: 'Retry now' })).toBeInTheDocument();

    const invitation = rowOf('Grace Hopper invited you to Roster');
    expect(within(invitation).getByText('Failed')).toBeInTheDocument();
    expect(within(invitation).queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();
    expect(within(invitation).getByText('Resend from the Team page')).toBeInTheDocument();

    const done = rowOf(sent.subject);
    expect(within(done).getByText('Workflow failed')).toBeInTheDocument();
    expect(within(done).getByText('Sent')).toBeInTheDocument();
    expect(within(done).queryByRole('button', { name: 'Retry now' })).not.toBeInTheDocument();

    expect(screen.getByTestId('outbox-summary')).toHaveTextContent(
      '1 waiting (1 retrying) · 1 failed. Roster gives up on a mail after 7 days (Settings).',
    );
  });

  it('filters by status', async () => {
    const { user } = renderWithProviders(<Page />);
    await screen.findByText('Salesforce offline for Ada Lovelace');
    vi.mocked(listOutbox).mockResolvedValue({ mails: [failedInvitation], nextCursor: '' });
    await user.click(screen.getByRole('radio', { name: 'Failed' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ status: MailStatus.Failed }));
    await waitFor(() =>
      expect(screen.queryByText('Salesforce offline for Ada Lovelace')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Grace Hopper invited you to Roster')).toBeInTheDocument();

    vi.mocked(listOutbox).mockResolvedValue({ mails: [], nextCursor: '' });
    await user.click(screen.getByRole('radio', { name: 'Cancelled' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ status: MailStatus.Cancelled }));
    expect(await screen.findByText('No cancelled e-mails')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Show all e-mails' }));
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
    expect(await screen.findByText('Salesforce offline for Ada Lovelace')).toBeInTheDocument();
  });

  it('sends a waiting mail now and refreshes the list', async () => {
    vi.mocked(retryMail).mockResolvedValue({ ...retrying, status: MailStatus.Queued });
    const { user } = renderWithProviders(<Page />);
    await screen.findByText('Salesforce offline for Ada Lovelace');
    const calls = vi.mocked(listOutbox).mock.calls.length;
    await user.click(
      within(rowOf('Salesforce offline for Ada Lovelace')).getByRole('button', { name: 'Retry now' }),
    );
    await waitFor(() => expect(retryMail).toHaveBeenCalledWith(2));
    expect(
      await screen.findByText('Sending “Salesforce offline for Ada Lovelace” to grace@example.com now'),
    ).toBeInTheDocument();
    await waitFor(() => expect(vi.mocked(listOutbox).mock.calls.length).toBeGreaterThan(calls));
  });

  it('links the give-up period to the settings', async () => {
    const onOpenSettings = vi.fn();
    const { user } = renderWithProviders(<Page onOpenSettings={onOpenSettings} />);
    await user.click(await screen.findByRole('button', { name: 'Settings' }));
    expect(onOpenSettings).toHaveBeenCalled();
  });

  it('has an empty state', async () => {
    vi.mocked(listOutbox).mockResolvedValue({ mails: [], nextCursor: '' });
    renderWithProviders(<Page />);
    expect(await screen.findByText('No e-mails yet')).toBeInTheDocument();
  });
});
