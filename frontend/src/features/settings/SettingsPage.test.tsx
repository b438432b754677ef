import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getBackupStatus, listBackups } from '../../api/backups';
import { ApiError } from '../../api/errors';
import { listIngestKeys } from '../../api/ingestKeys';
import { getSettings, sendTestEmail, updateSettings } from '../../api/settings';
import { getInfo } from '../../api/system';
import { ErrorCode, SmtpSecurity, type Settings } from '../../api/models';
import { makeBackupStatus, makeInfo } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { SettingsPage } from './SettingsPage';

vi.mock('../../api/settings');
vi.mock('../../api/backups');
vi.mock('../../api/ingestKeys');
vi.mock('../../api/system');

const stored: Settings = {
  smtp: {
    host: 'smtp.example.com',
    port: 587,
    security: SmtpSecurity.Starttls,
    username: 'roster',
    passwordSet: true,
    from: 'roster@example.com',
  },
  invitationsOpen: false,
  invitationDays: 7,
  idleMinutes: 60,
  publicUrl: '',
  policy: { digestMinutes: 15, cooldownMinutes: 10, retentionDays: 90, giveUpDays: 5 },
  mailQueued: 2,
  mailFailed: 0,
  mailLastError: 'dial tcp: connection refused',
};

beforeEach(() => {
  vi.mocked(getSettings).mockResolvedValue(stored);
  vi.mocked(listIngestKeys).mockResolvedValue([]);
  vi.mocked(getInfo).mockResolvedValue(makeInfo());
  vi.mocked(getBackupStatus).mockResolvedValue(makeBackupStatus());
  vi.mocked(listBackups).mockResolvedValue([]);
});

async function renderPage() {
  const result = renderWithProviders(<SettingsPage />);
  await screen.findByDisplayValue('smtp.example.com');
  return result;
}

describe('SettingsPage', () => {
  it('never shows the stored password and keeps it unless a new one is typed', async () => {
    vi.mocked(updateSettings).mockResolvedValue({ ...stored, idleMinutes: 30 });
    const { user } = await renderPage();
    const password = screen.getByLabelText('Password');
    expect(password).toHaveValue('');
    expect(screen.getByText('A password is stored. Leave empty to keep it.')).toBeInTheDocument();
    expect(screen.getByText('2 e-mails waiting to be sent.')).toBeInTheDocument();

    const idle = screen.getByLabelText('Sign out after this many idle minutes');
    await user.clear(idle);
    await user.type(idle, '30');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(updateSettings).toHaveBeenCalledWith({
      smtp: {
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls',
        username: 'roster',
        password: '',
        clearPassword: false,
        from: 'roster@example.com',
      },
      invitationsOpen: false,
      invitationDays: 7,
      idleMinutes: 30,
      publicUrl: '',
      policy: { digestMinutes: 15, cooldownMinutes: 10, retentionDays: 90, giveUpDays: 5 },
    });
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
  });

  it('offers Save and Discard only while the form differs from what is stored', async () => {
    vi.mocked(updateSettings).mockResolvedValue(stored); // for the save that Enter makes below
    const { user } = await renderPage();
    const save = screen.getByRole('button', { name: 'Save settings' });
    const discard = screen.getByRole('button', { name: 'Discard changes' });
    expect(save).toBeDisabled();
    expect(discard).toBeDisabled();
    const host = screen.getByLabelText('Host');
    await user.type(host, 'x');
    expect(save).toBeEnabled();
    expect(discard).toBeEnabled();
    // Typed back to what is stored: nothing to save.
    await user.type(host, '{Backspace}');
    expect(save).toBeDisabled();
    await user.type(host, 'x{Enter}'); // Enter submits the form
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    await user.click(discard);
    expect(host).toHaveValue('smtp.example.com');
    expect(save).toBeDisabled();
    await user.type(host, '{Enter}');
    expect(updateSettings).toHaveBeenCalledTimes(1);
  });

  it('takes a display name in From and saves it as typed', async () => {
    vi.mocked(updateSettings).mockResolvedValue(stored);
    const { user } = await renderPage();
    const from = screen.getByRole('textbox', { name: 'From address' });
    expect(screen.getByText(/Or a name and an address/)).toBeInTheDocument();
    await user.clear(from);
    await user.type(from, 'Roster Admin <admin@example.com>');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(updateSettings).toHaveBeenCalledWith(
      expect.objectContaining({
        smtp: expect.objectContaining({ from: 'Roster Admin <admin@example.com>' }) as unknown,
      }),
    );
  });

  it('saves the public address that links in mail open, and shows its refusal on the field', async () => {
    vi.mocked(updateSettings).mockRejectedValueOnce(
      new ApiError(ErrorCode.Invalid, 'Give the address people open Roster at.', 'publicUrl'),
    );
    const { user } = await renderPage();
    const field = screen.getByRole('textbox', { name: 'Public address' });
    await user.type(field, 'roster.corp');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Give the address people open Roster at.')).toBeInTheDocument();
    vi.mocked(updateSettings).mockResolvedValue({ ...stored, publicUrl: 'https://roster.corp' });
    await user.clear(field);
    await user.type(field, 'https://roster.corp');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(updateSettings).toHaveBeenLastCalledWith(
        expect.objectContaining({ publicUrl: 'https://roster.corp' }),
      ),
    );
  });

  it('follows the usual port when the security changes', async () => {
    const { user } = await renderPage();
    await user.click(screen.getByRole('textbox', { name: 'Security' }));
    await user.click(await screen.findByRole('option', { name: 'Implicit TLS' }));
    expect(screen.getByLabelText('Port')).toHaveValue('465');
  });

  it('says which stage a test e-mail failed at', async () => {
    vi.mocked(sendTestEmail).mockResolvedValue({
      ok: false,
      stage: 'auth',
      title: 'Sign-in to the mail server failed',
      message: 'The server refused the username or password: 535 Authentication credentials invalid',
    });
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Send test e-mail' }));
    const alert = await screen.findByRole('alert', { name: /Sign-in to the mail server failed/ });
    expect(within(alert).getByText(/535 Authentication credentials invalid/)).toBeInTheDocument();
    expect(sendTestEmail).toHaveBeenCalledWith(
      expect.objectContaining({ host: 'smtp.example.com', password: '' }),
      'grace@example.com',
    );
  });

  it('shows a refused field next to it and keeps what was typed', async () => {
    vi.mocked(updateSettings).mockRejectedValue(
      new ApiError(
        ErrorCode.Invalid,
        'The port is a number from 1 to 65535 (usually 587, or 465 for TLS).',
        'smtp.port',
      ),
    );
    const { user } = await renderPage();
    const host = screen.getByLabelText('Host');
    await user.clear(host);
    await user.type(host, 'mail.example.org');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/The port is a number from 1 to 65535/)).toBeInTheDocument();
    expect(screen.getByLabelText('Host')).toHaveValue('mail.example.org');
  });

  it('saves the notification and history policy with the rest of the form', async () => {
    vi.mocked(updateSettings).mockImplementation((input) =>
      Promise.resolve({ ...stored, policy: input.policy ?? stored.policy }),
    );
    const { user } = await renderPage();
    expect(screen.getByRole('heading', { name: 'Notifications & history' })).toBeInTheDocument();
    const digest = screen.getByLabelText('Failure summary every (minutes)');
    expect(digest).toHaveValue('15');
    await user.clear(digest);
    await user.type(digest, '30');
    const cooldown = screen.getByLabelText('Offline cooldown (minutes)');
    await user.clear(cooldown);
    await user.type(cooldown, '0');
    const retention = screen.getByLabelText('Keep run history (days)');
    await user.clear(retention);
    await user.type(retention, '365');
    const giveUp = screen.getByLabelText('Give up on an e-mail after (days)');
    await user.clear(giveUp);
    await user.type(giveUp, '7');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(updateSettings).toHaveBeenCalledWith(
        expect.objectContaining({
          policy: { digestMinutes: 30, cooldownMinutes: 0, retentionDays: 365, giveUpDays: 7 },
        }),
      ),
    );
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
    expect(screen.getByLabelText('Give up on an e-mail after (days)')).toHaveValue('7');
  });

  it("shows Go's refusal of a policy value on that field", async () => {
    vi.mocked(updateSettings).mockRejectedValue(
      new ApiError(
        ErrorCode.Invalid,
        'The outbox keeps retrying a mail for 1 to 30 days.',
        'policy.giveUpDays',
      ),
    );
    const { user } = await renderPage();
    const giveUp = screen.getByLabelText('Give up on an e-mail after (days)');
    await user.clear(giveUp);
    await user.type(giveUp, '31');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() =>
      expect(giveUp).toHaveAccessibleDescription(/The outbox keeps retrying a mail for 1 to 30 days/),
    );
    expect(giveUp).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Failure summary every (minutes)')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('has a Backups section that applies at once, apart from the form', async () => {
    await renderPage();
    expect(await screen.findByRole('heading', { name: 'Backups' })).toBeInTheDocument();
    expect(await screen.findByText('No backups yet.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Back up now' })).toBeInTheDocument();
  });
});
