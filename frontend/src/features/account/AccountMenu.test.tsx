import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  changePassword,
  confirmEmailChange,
  getProfile,
  requestEmailChange,
  setOwnNotifications,
  updateName,
} from '../../api/account';
import { signOut } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { ErrorCode, type Profile } from '../../api/models';
import { getInfo } from '../../api/system';
import { makeInfo } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { AccountMenu } from './AccountMenu';

vi.mock('../../api/account');
vi.mock('../../api/auth');
vi.mock('../../api/system');

const profile: Profile = {
  name: 'Grace Hopper',
  email: 'grace@example.com',
  notifications: true,
  pendingEmail: '',
  pendingExpiresAt: null,
  mailConfigured: true,
};

beforeEach(() => {
  localStorage.clear();
  document.documentElement.removeAttribute('data-mantine-color-scheme');
  vi.mocked(getInfo).mockResolvedValue(
    makeInfo({ version: '1.4.2', dbPath: '/home/grace/.config/Roster/roster.db' }),
  );
  vi.mocked(getProfile).mockResolvedValue(profile);
  vi.mocked(signOut).mockResolvedValue();
});

async function openMenu() {
  const result = renderWithProviders(<AccountMenu />);
  await result.user.click(screen.getByRole('button', { name: 'Account menu' }));
  return { ...result, menu: await screen.findByRole('menu') };
}

async function openProfile() {
  const result = await openMenu();
  await result.user.click(within(result.menu).getByRole('menuitem', { name: 'Profile…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Your profile' });
  await within(dialog).findByDisplayValue('Grace Hopper');
  return { ...result, dialog };
}

describe('AccountMenu', () => {
  it('shows the Roster version and the database path beside Sign out', async () => {
    const { menu, user } = await openMenu();
    expect(await within(menu).findByText('Roster 1.4.2')).toBeInTheDocument();
    expect(within(menu).getByText('Database: /home/grace/.config/Roster/roster.db')).toBeInTheDocument();
    expect(within(menu).getByRole('button', { name: 'Copy database path' })).toBeInTheDocument();
    await user.click(within(menu).getByRole('menuitem', { name: 'Sign out' }));
    expect(signOut).toHaveBeenCalled();
  });

  it('switches the theme between light, dark and the system, and remembers it', async () => {
    const { menu, user } = await openMenu();
    expect(within(menu).getByRole('menuitem', { name: 'Follow the system (chosen)' })).toBeInTheDocument();

    await user.click(within(menu).getByRole('menuitem', { name: 'Dark' }));
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'dark');
    expect(localStorage.getItem('roster-color-scheme')).toBe('dark');
    expect(within(menu).getByRole('menuitem', { name: 'Dark (chosen)' })).toBeInTheDocument();
    expect(within(menu).getByRole('menuitem', { name: 'Follow the system' })).toBeInTheDocument();

    await user.click(within(menu).getByRole('menuitem', { name: 'Light' }));
    expect(document.documentElement).toHaveAttribute('data-mantine-color-scheme', 'light');
    expect(localStorage.getItem('roster-color-scheme')).toBe('light');

    await user.click(within(menu).getByRole('menuitem', { name: 'Follow the system' }));
    expect(localStorage.getItem('roster-color-scheme')).toBe('auto');
  });
});

describe('ProfileModal', () => {
  it('saves the name', async () => {
    vi.mocked(updateName).mockResolvedValue({ ...profile, name: 'Grace B. Hopper' });
    const { dialog, user } = await openProfile();
    const save = within(dialog).getByRole('button', { name: 'Save name' });
    expect(save).toBeDisabled();
    const name = within(dialog).getByLabelText(/^Name/);
    await user.clear(name);
    await user.type(name, 'Grace B. Hopper');
    await user.click(save);
    expect(updateName).toHaveBeenCalledWith('Grace B. Hopper');
    expect(await screen.findByText('Your name is saved.')).toBeInTheDocument();
  });

  it('changes the e-mail address only with the code mailed to it', async () => {
    const pending: Profile = {
      ...profile,
      pendingEmail: 'grace@navy.example',
      pendingExpiresAt: '2026-12-04T15:00:00Z',
    };
    vi.mocked(requestEmailChange).mockResolvedValue(pending);
    const { dialog, user } = await openProfile();

    await user.type(within(dialog).getByLabelText(/^New e-mail address/), 'grace@navy.example');
    await user.click(within(dialog).getByRole('button', { name: 'Send code' }));
    expect(requestEmailChange).toHaveBeenCalledWith('grace@navy.example');
    const code = await within(dialog).findByLabelText(/^Confirmation code/);
    expect(within(dialog).getByText('grace@example.com')).toBeInTheDocument(); // unchanged so far

    vi.mocked(confirmEmailChange).mockRejectedValueOnce(
      new ApiError(
        ErrorCode.Invalid,
        'That is not the code sent to grace@navy.example (4 tries left).',
        'code',
      ),
    );
    await user.type(code, '000000');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(
      await within(dialog).findByText('That is not the code sent to grace@navy.example (4 tries left).'),
    ).toBeInTheDocument();

    vi.mocked(confirmEmailChange).mockResolvedValue({ ...profile, email: 'grace@navy.example' });
    await user.clear(code);
    await user.type(code, '123456');
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(confirmEmailChange).toHaveBeenLastCalledWith('123456');
    expect(await screen.findByText('Your e-mail address is now grace@navy.example.')).toBeInTheDocument();
    expect(await within(dialog).findByText('grace@navy.example')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText(/^Confirmation code/)).not.toBeInTheDocument();
  });

  it('says under the field when the address belongs to another member', async () => {
    vi.mocked(requestEmailChange).mockRejectedValue(
      new ApiError(
        ErrorCode.Invalid,
        'ada@example.com is already used by another member of this Roster.',
        'email',
      ),
    );
    const { dialog, user } = await openProfile();
    await user.type(within(dialog).getByLabelText(/^New e-mail address/), 'ada@example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Send code' }));
    expect(
      await within(dialog).findByText('ada@example.com is already used by another member of this Roster.'),
    ).toBeInTheDocument();
  });

  it('says why the address cannot change while e-mail is not set up', async () => {
    vi.mocked(getProfile).mockResolvedValue({ ...profile, mailConfigured: false });
    const { dialog } = await openProfile();
    expect(within(dialog).getByText(/e-mail is not set up yet/)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Send code' })).not.toBeInTheDocument();
  });

  it('changes the password with the current one, under the same rules as sign-up', async () => {
    vi.mocked(changePassword).mockRejectedValueOnce(
      new ApiError(ErrorCode.Invalid, 'That is not your current password.', 'current'),
    );
    const { dialog, user } = await openProfile();
    await user.click(within(dialog).getByRole('button', { name: 'Change password…' }));
    const submit = within(dialog).getByRole('button', { name: 'Change password' });
    await user.type(within(dialog).getByLabelText(/^Current password/), 'Old-password-1');
    await user.type(within(dialog).getByLabelText(/^New password/), 'short');
    await user.type(within(dialog).getByLabelText(/^Repeat the password/), 'short');
    expect(submit).toBeDisabled();
    await user.type(within(dialog).getByLabelText(/^New password/), '-Enough-9');
    await user.type(within(dialog).getByLabelText(/^Repeat the password/), '-Enough-9');
    await user.click(submit);
    expect(changePassword).toHaveBeenCalledWith({ current: 'Old-password-1', new: 'short-Enough-9' });
    expect(await within(dialog).findByText('That is not your current password.')).toBeInTheDocument();

    vi.mocked(changePassword).mockResolvedValue();
    await user.click(submit);
    expect(await screen.findByText('Your password is changed.')).toBeInTheDocument();
    expect(within(dialog).queryByLabelText(/^Current password/)).not.toBeInTheDocument();
  });

  it('switches notifications off', async () => {
    vi.mocked(setOwnNotifications).mockResolvedValue({ ...profile, notifications: false });
    const { dialog, user } = await openProfile();
    const toggle = within(dialog).getByRole('switch', { name: /E-mail me when a workflow fails/ });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    expect(setOwnNotifications).toHaveBeenCalledWith(false);
    expect(await screen.findByText('Notifications are off.')).toBeInTheDocument();
    expect(toggle).not.toBeChecked();
  });
});
