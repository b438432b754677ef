import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkInvitation, dismissInvitation, getAuthState, signIn } from '../../api/auth';
import { queryKeys } from '../../queryKeys';
import { makeMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { AuthGate } from './AuthGate';

vi.mock('../../api/auth');

beforeEach(() => {
  vi.mocked(getAuthState).mockResolvedValue({ needsSetup: false, signedIn: false, me: null, notice: '' });
});

function openLink(hash: string) {
  window.history.replaceState(null, '', `/${hash}`);
  return renderWithProviders(<AuthGate>{() => <p>The app</p>}</AuthGate>);
}

describe('AuthGate', () => {
  it("opens the dismiss form, filled in, from the invitation e-mail's decline link", async () => {
    vi.mocked(dismissInvitation).mockResolvedValue();
    const { user } = openLink('#dismiss?email=dee%2Bx%40example.com&code=CODE-1');
    expect(await screen.findByRole('heading', { name: 'Decline an invitation' })).toBeInTheDocument();
    expect(screen.getByLabelText(/E-mail/)).toHaveValue('dee+x@example.com');
    expect(screen.getByLabelText(/Invitation code/)).toHaveValue('CODE-1');
    // The code leaves the address bar once read.
    expect(window.location.hash).toBe('');
    await user.click(screen.getByRole('button', { name: 'Dismiss the invitation' }));
    expect(dismissInvitation).toHaveBeenCalledWith('dee+x@example.com', 'CODE-1');
    expect(await screen.findByRole('heading', { name: 'Invitation dismissed' })).toBeInTheDocument();
  });

  it('lets someone who opened the decline link accept instead', async () => {
    vi.mocked(checkInvitation).mockResolvedValue({
      email: 'dee@example.com',
      role: 'monitor_all',
      roleLabel: 'Monitor all integrations',
      integrations: [],
      invitedBy: 'Grace Hopper',
      expiresAt: '2099-01-01T00:00:00Z',
    } as Awaited<ReturnType<typeof checkInvitation>>);
    const { user } = openLink('#dismiss?email=dee%40example.com&code=CODE-2');
    await user.click(await screen.findByRole('button', { name: 'Accept it instead' }));
    expect(screen.getByRole('heading', { name: 'Accept an invitation' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(checkInvitation).toHaveBeenCalledWith('dee@example.com', 'CODE-2');
    expect(await screen.findByText(/Grace Hopper invited dee@example.com/)).toBeInTheDocument();
    expect(dismissInvitation).not.toHaveBeenCalled();
  });

  it('still opens the accept form from the accept link', async () => {
    openLink('#accept?email=dee%40example.com&code=CODE-3');
    expect(await screen.findByRole('heading', { name: 'Accept an invitation' })).toBeInTheDocument();
    expect(screen.getByLabelText(/Invitation code/)).toHaveValue('CODE-3');
  });
});

describe('signing in', () => {
  it('is not undone by a session check that started before it', async () => {
    vi.mocked(signIn).mockResolvedValue(makeMe({ name: 'Pat Profile' }));
    const { client, user } = renderWithProviders(
      <AuthGate>{(me) => <p>Signed in as {me.name}</p>}</AuthGate>,
    );
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();

    // The backend's change signal refetches the session while nobody is signed in; it answers late.
    let answer!: (s: Awaited<ReturnType<typeof getAuthState>>) => void;
    vi.mocked(getAuthState).mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    void client.invalidateQueries();
    await vi.waitFor(() => expect(getAuthState).toHaveBeenCalledTimes(2));

    await user.type(screen.getByLabelText(/E-mail/), 'pat@example.com');
    await user.type(screen.getByLabelText(/Password/), 'Profile-pass-42');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Signed in as Pat Profile')).toBeInTheDocument();

    answer({ needsSetup: false, signedIn: false, me: null, notice: '' });
    await vi.waitFor(() => expect(client.isFetching()).toBe(0));
    expect(client.getQueryData(queryKeys.auth)).toMatchObject({ signedIn: true });
    expect(screen.getByText('Signed in as Pat Profile')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign in' })).not.toBeInTheDocument();
  });
});
