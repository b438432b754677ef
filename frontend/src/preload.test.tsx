import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import { getAuthState } from './api/auth';
import { listIntegrations } from './api/integrations';
import { Permission, Role, SortOrder, UserSort, UserStatus } from './api/models';
import { getInfo } from './api/system';
import { getCounts, listUsers } from './api/users';
import { parseRoute } from './lib/route';
import { preload } from './preload';
import { Providers } from './Providers';
import { createQueryClient } from './queryClient';
import { stubAppCalls } from './test/app';
import { makeMe } from './test/fixtures';

vi.mock('./api/auth');
vi.mock('./api/system');
vi.mock('./api/users');
vi.mock('./api/integrations');
vi.mock('./api/audit');
vi.mock('./api/events');
vi.mock('./api/runs');
vi.mock('./api/outbox');
vi.mock('./api/backups');
vi.mock('./api/team');

beforeEach(() => stubAppCalls());

describe('preload', () => {
  it("asks for a signed-in member's first screen, on the view the address names", async () => {
    const client = createQueryClient();
    preload(client, parseRoute('#/users?q=globex&status=account_errors&sort=name&order=asc'));
    await vi.waitFor(() => expect(listUsers).toHaveBeenCalledTimes(1));
    expect(listUsers).toHaveBeenCalledWith(
      expect.objectContaining({
        search: 'globex',
        status: UserStatus.AccountErrors,
        sort: UserSort.Name,
        order: SortOrder.Asc,
        offset: 0,
      }),
    );
    expect(getInfo).toHaveBeenCalledTimes(1);
    expect(getCounts).toHaveBeenCalledTimes(1);
    expect(listIntegrations).toHaveBeenCalledTimes(1);
  });

  it('asks for nothing more while no one is signed in', async () => {
    vi.mocked(getAuthState).mockResolvedValue({ needsSetup: false, signedIn: false, me: null, notice: '' });
    const client = createQueryClient();
    preload(client, parseRoute(''));
    await vi.waitFor(() => expect(client.getQueryData(['auth'])).toBeDefined());
    expect(getInfo).not.toHaveBeenCalled();
    expect(listUsers).not.toHaveBeenCalled();
  });

  it('skips the users of a member whose role does not show them', async () => {
    const me = makeMe({ role: Role.Admin, permissions: [Permission.TeamView] });
    vi.mocked(getAuthState).mockResolvedValue({ needsSetup: false, signedIn: true, me, notice: '' });
    const client = createQueryClient();
    preload(client, parseRoute(''));
    await vi.waitFor(() => expect(getInfo).toHaveBeenCalledTimes(1));
    expect(listUsers).not.toHaveBeenCalled();
  });

  it('leaves the console nothing to ask again: it renders the rows from the cache', async () => {
    const client = createQueryClient();
    preload(client, parseRoute(''));
    await vi.waitFor(() => expect(listUsers).toHaveBeenCalledTimes(1));
    render(
      <Providers client={client} env="test">
        <App />
      </Providers>,
    );
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    expect(getAuthState).toHaveBeenCalledTimes(1);
    expect(getInfo).toHaveBeenCalledTimes(1);
    expect(listUsers).toHaveBeenCalledTimes(1);
  });
});
