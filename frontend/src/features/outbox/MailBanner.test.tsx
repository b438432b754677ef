import { notifications } from '@mantine/notifications';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MailStatus } from '../../api/models';
import { getOutboxHealth, retryAllMail } from '../../api/outbox';
import { makeHealth } from '../../test/fixtures';
import { queryKeys } from '../../queryKeys';
import { renderWithProviders } from '../../test/render';
import { MailBanner } from './MailBanner';

vi.mock('../../api/outbox');

const inTenMinutes = new Date(Date.now() + 10 * 60 * 1000).toISOString();

function renderBanner() {
  const onOpenOutbox = vi.fn();
  const onOpenSettings = vi.fn();
  const result = renderWithProviders(
    <MailBanner onOpenOutbox={onOpenOutbox} onOpenSettings={onOpenSettings} />,
  );
  return { ...result, onOpenOutbox, onOpenSettings };
}

beforeEach(() => {
  // Toasts are app-wide: one left by another test is an alert too.
  notifications.clean();
  vi.mocked(getOutboxHealth).mockResolvedValue(makeHealth());
});

describe('MailBanner', () => {
  it('says nothing when no mail is stuck', async () => {
    vi.mocked(getOutboxHealth).mockResolvedValue(makeHealth({ queued: 2 })); // on its way
    const { client } = renderBanner();
    // The answer has arrived and been rendered before asserting that nothing shows.
    await waitFor(() => expect(client.getQueryState(queryKeys.outboxHealth)?.status).toBe('success'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says mail waits for a mail server, and leads to the settings', async () => {
    vi.mocked(getOutboxHealth).mockResolvedValue(makeHealth({ configured: false, queued: 3 }));
    const { user, onOpenSettings } = renderBanner();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      '3 e-mails are waiting: no mail server is set up. Set one up in Settings.',
    );
    await user.click(within(alert).getByRole('button', { name: 'Set one up in Settings.' }));
    expect(onOpenSettings).toHaveBeenCalled();
  });

  it('says why mail waits on an unreachable server; Retry now sends every waiting mail', async () => {
    vi.mocked(getOutboxHealth).mockResolvedValue(
      makeHealth({
        queued: 2,
        retrying: 2,
        lastError: 'dial tcp 10.0.0.5:587: connect: connection refused',
        nextAttemptAt: inTenMinutes,
      }),
    );
    vi.mocked(retryAllMail).mockResolvedValue(2);
    const { user, onOpenOutbox } = renderBanner();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      '2 e-mails are waiting because the mail server cannot be reached: dial tcp 10.0.0.5:587: connect: connection refused. Next attempt in 10 minutes.',
    );

    await user.click(within(alert).getByRole('button', { name: 'Open outbox' }));
    expect(onOpenOutbox).toHaveBeenCalledWith();

    await user.click(within(alert).getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(retryAllMail).toHaveBeenCalledTimes(1));
    expect(await screen.findByText('Trying 2 e-mails again now')).toBeInTheDocument();
  });

  it('notes undelivered mail, links to the failed ones, and can be dismissed', async () => {
    vi.mocked(getOutboxHealth).mockResolvedValue(makeHealth({ failed: 1 }));
    const { user, onOpenOutbox } = renderBanner();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('1 e-mail could not be delivered. See it in the outbox');
    await user.click(within(alert).getByRole('button', { name: 'See it in the outbox' }));
    expect(onOpenOutbox).toHaveBeenCalledWith(MailStatus.Failed);
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });
});
