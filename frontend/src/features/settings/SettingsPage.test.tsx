import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/errors';
import { getSettings, sendTestEmail, updateSettings } from '../../api/settings';
import { ErrorCode, SmtpSecurity, type Settings } from '../../api/models';
import { renderWithProviders } from '../../test/render';
import { SettingsPage } from './SettingsPage';

vi.mock('../../api/settings');

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
  policy: { digestMinutes: 15, cooldownMinutes: 10, retentionDays: 90, giveUpDays: 5 },
  mailQueued: 2,
  mailFailed: 0,
  mailLastError: 'dial tcp: connection refused',
};

beforeEach(() => {
  vi.mocked(getSettings).mockResolvedValue(stored);
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
    });
    expect(await screen.findByText('Settings saved')).toBeInTheDocument();
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
});
