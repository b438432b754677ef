import { screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { listAudit, listAuditActions } from './api/audit';
import { ApiError, SESSION_ENDED_MESSAGE } from './api/errors';
import { onRosterChanged } from './api/events';
import { listIntegrations } from './api/integrations';
import { getInfo } from './api/system';
import type { ChangedEvent } from './api/types';
import { getCounts, listUsers } from './api/users';
import { makeCounts, makeInfo, makePage, makeUserRow } from './test/fixtures';
import { renderWithProviders } from './test/render';

vi.mock('./api/system');
vi.mock('./api/users');
vi.mock('./api/integrations');
vi.mock('./api/audit');
vi.mock('./api/events');

beforeEach(() => {
  vi.mocked(getInfo).mockResolvedValue(makeInfo());
  vi.mocked(getCounts).mockResolvedValue(makeCounts());
  vi.mocked(listIntegrations).mockResolvedValue([]);
  vi.mocked(listUsers).mockResolvedValue(makePage([makeUserRow()]));
  vi.mocked(listAudit).mockResolvedValue({ entries: [], nextCursor: '' });
  vi.mocked(listAuditActions).mockResolvedValue([]);
  vi.mocked(onRosterChanged).mockReturnValue(() => {});
});

describe('App', () => {
  it('shows the product, the actor and the navigation', async () => {
    const { user } = renderWithProviders(<App />);
    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Roster' })).toBeInTheDocument();
    const usersLink = screen.getByRole('button', { name: 'Connected users' });
    expect(usersLink).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Audit log' }));
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    expect(listAudit).toHaveBeenCalled();
  });

  it('hides the audit log without audit.view', async () => {
    vi.mocked(getInfo).mockResolvedValue(makeInfo({ permissions: ['users.view'] }));
    renderWithProviders(<App />);
    expect(await screen.findByText('Grace Hopper')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Audit log' })).toBeNull();
  });

  it('refetches everything when the backend reports a change', async () => {
    let notify: ((event: ChangedEvent) => void) | undefined;
    const unsubscribe = vi.fn();
    vi.mocked(onRosterChanged).mockImplementation((listener) => {
      notify = listener;
      return unsubscribe;
    });
    const { unmount } = renderWithProviders(<App />);
    await screen.findByText('Ada Lovelace');
    expect(onRosterChanged).toHaveBeenCalledTimes(1);
    const listCalls = vi.mocked(listUsers).mock.calls.length;

    notify!({ what: ['users', 'audit'] });
    await waitFor(() => expect(vi.mocked(listUsers).mock.calls.length).toBeGreaterThan(listCalls));
    expect(getCounts).toHaveBeenCalledTimes(2);

    unmount();
    expect(unsubscribe).toHaveBeenCalled();
  });

  it('tells a browser user whose session ended how to get back in', async () => {
    vi.mocked(getInfo).mockRejectedValue(new ApiError('unauthenticated', 'Unauthenticated'));
    renderWithProviders(<App />);
    expect(await screen.findByText(SESSION_ENDED_MESSAGE)).toBeInTheDocument();
  });
});
