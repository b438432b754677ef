import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listIntegrations, listWorkflows } from '../../api/integrations';
import { ApiError } from '../../api/errors';
import { ErrorCode, RunStatus } from '../../api/models';
import { listRuns } from '../../api/runs';
import { getInfo } from '../../api/system';
import { getUser } from '../../api/users';
import { dayRangeToInstants } from '../../lib/dateRange';
import { makeInfo, makeRun, makeRunPage, makeUserDetail } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { buildRunsQuery, EMPTY_RUN_FILTERS } from './queries';
import { RunsPage } from './RunsPage';

vi.mock('../../api/runs');
vi.mock('../../api/integrations');
vi.mock('../../api/users');
vi.mock('../../api/system');

const succeeded = makeRun();
const failed = makeRun({
  id: 501,
  user: { id: 3, key: 'cus_1003', name: 'Katherine Johnson' },
  integration: { id: 12, key: 'jira', name: 'Jira' },
  workflow: { id: 300, key: 'create-issue', name: 'Create issue from ticket' },
  status: RunStatus.Failed,
  startedAt: '2026-03-20T08:00:00Z',
  durationMs: 125_000,
  error: "Jira returned 400: Field 'priority' cannot be set.",
});

const lastQuery = () => vi.mocked(listRuns).mock.lastCall?.[0];

beforeEach(() => {
  vi.mocked(listRuns).mockResolvedValue(makeRunPage([succeeded, failed]));
  vi.mocked(listIntegrations).mockResolvedValue([
    { id: 10, key: 'salesforce', name: 'Salesforce', category: 'CRM', users: 340 },
    { id: 12, key: 'jira', name: 'Jira', category: 'Project management', users: 80 },
  ]);
  vi.mocked(getInfo).mockResolvedValue(makeInfo());
});

/** The page as the address opens it, e.g. "#/runs?user=3". */
async function renderPage(hash = '') {
  window.history.replaceState(null, '', `/${hash}`);
  const result = renderWithProviders(<RunsPage />);
  const grid = await screen.findByRole('grid', { name: 'Run history' });
  await within(grid).findByText('Sync contacts');
  return { ...result, grid };
}

const rowOf = (grid: HTMLElement, text: string) =>
  within(grid).getByText(text).closest<HTMLElement>('[role="row"]')!;

describe('RunsPage', () => {
  it('lists runs newest first with user, workflow, status, duration and error', async () => {
    const { grid } = await renderPage();
    expect(within(grid).getAllByRole('row')).toHaveLength(3); // header + 2 runs

    const ok = rowOf(grid, 'Sync contacts');
    expect(within(ok).getByText('Ada Lovelace')).toBeInTheDocument();
    expect(within(ok).getByText('usr_001')).toBeInTheDocument();
    expect(within(ok).getByText('Salesforce')).toBeInTheDocument();
    expect(within(ok).getByText('Succeeded')).toBeInTheDocument();
    expect(within(ok).getByText('1.2 s')).toBeInTheDocument();

    const bad = rowOf(grid, 'Create issue from ticket');
    expect(within(bad).getByText('Katherine Johnson')).toBeInTheDocument();
    expect(within(bad).getByText('cus_1003')).toBeInTheDocument();
    expect(within(bad).getByText('Jira')).toBeInTheDocument();
    expect(within(bad).getByText('Failed')).toBeInTheDocument();
    expect(within(bad).getByText('2 min 5 s')).toBeInTheDocument();
    expect(within(bad).getByText("Jira returned 400: Field 'priority' cannot be set.")).toBeInTheDocument();
    expect(within(bad).getByRole('time')).toHaveAttribute('datetime', '2026-03-20T08:00:00Z');

    expect(listRuns).toHaveBeenCalledWith({
      userId: 0,
      integrationId: 0,
      workflowId: 0,
      status: undefined,
      from: '',
      to: '',
      cursor: '',
      limit: 100,
    });
  });

  it('loads the next page with the cursor', async () => {
    const older = makeRun({ id: 400, workflow: { id: 101, key: 'sync-deals', name: 'Sync deals' } });
    vi.mocked(listRuns).mockImplementation(({ cursor }) =>
      Promise.resolve(
        cursor === 'page-2'
          ? makeRunPage([older])
          : makeRunPage([succeeded, failed], { nextCursor: 'page-2' }),
      ),
    );
    const { grid } = await renderPage();
    expect(await within(grid).findByText('Sync deals')).toBeInTheDocument();
    expect(listRuns).toHaveBeenCalledWith(expect.objectContaining({ cursor: 'page-2' }));
  });

  it('filters by integration and status', async () => {
    vi.mocked(listRuns).mockImplementation(({ status, integrationId }) =>
      Promise.resolve(
        makeRunPage(
          [succeeded, failed].filter(
            (r) => (!status || r.status === status) && (!integrationId || r.integration.id === integrationId),
          ),
        ),
      ),
    );
    const { user } = await renderPage();
    // A new query remounts the grid: look it up each time.
    const grid = () => screen.getByRole('grid', { name: 'Run history' });
    const shows = (text: string) => within(grid()).queryByText(text) !== null;

    await user.click(screen.getByRole('textbox', { name: 'Integration' }));
    await user.click(await screen.findByRole('option', { name: 'Jira' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ integrationId: 12, cursor: '' }));
    await waitFor(() => expect(shows('Sync contacts')).toBe(false));
    expect(shows('Create issue from ticket')).toBe(true);

    await user.click(screen.getByRole('radio', { name: 'Failed' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ integrationId: 12, status: RunStatus.Failed }));

    await user.click(screen.getByRole('radio', { name: 'Succeeded' }));
    await waitFor(() =>
      expect(lastQuery()).toMatchObject({ integrationId: 12, status: RunStatus.Succeeded }),
    );
    expect(await screen.findByText('No runs match these filters')).toBeInTheDocument();

    // Back to no filter: that query is cached, so it shows without a new call.
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    await waitFor(() => expect(shows('Sync contacts')).toBe(true));
    expect(shows('Create issue from ticket')).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Integration' })).toHaveValue('');
    expect(screen.getByRole('radio', { name: 'All' })).toBeChecked();
  });

  it('filters by a workflow of the chosen integration', async () => {
    vi.mocked(listWorkflows).mockResolvedValue([
      { id: 300, key: 'create-issue', name: 'Create issue from ticket' },
      { id: 301, key: 'sync-status', name: 'Sync issue status' },
    ]);
    const { user } = await renderPage();
    const workflow = screen.getByRole('textbox', { name: 'Workflow' });
    expect(workflow).toBeDisabled();

    await user.click(screen.getByRole('textbox', { name: 'Integration' }));
    await user.click(await screen.findByRole('option', { name: 'Jira' }));
    await waitFor(() => expect(workflow).toBeEnabled());
    expect(listWorkflows).toHaveBeenCalledWith(12);
    await user.click(workflow);
    await user.click(await screen.findByRole('option', { name: 'Sync issue status' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ integrationId: 12, workflowId: 301 }));

    // Another integration drops the workflow, which belonged to the first.
    await user.click(screen.getByRole('textbox', { name: 'Integration' }));
    await user.click(await screen.findByRole('option', { name: 'Salesforce' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ integrationId: 10, workflowId: 0 }));
  });

  it('starts on the user the address names, named by Go, shown as a removable chip', async () => {
    vi.mocked(getUser).mockResolvedValue(
      makeUserDetail({ id: 3, externalId: 'cus_1003', name: 'Katherine Johnson', connections: [] }),
    );
    const { user } = await renderPage('#/runs?user=3&status=failed');
    expect(await screen.findByText('User: Katherine Johnson (cus_1003)')).toBeInTheDocument();
    expect(getUser).toHaveBeenCalledWith(3);
    expect(listRuns).toHaveBeenCalledWith(expect.objectContaining({ userId: 3, status: RunStatus.Failed }));

    await user.click(screen.getByRole('button', { name: 'Remove the user filter' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ userId: 0 }));
    expect(screen.queryByText('User: Katherine Johnson (cus_1003)')).toBeNull();
    expect(window.location.hash).toBe('#/runs?status=failed');
  });

  it('says so when the user the address names cannot be shown', async () => {
    vi.mocked(getUser).mockRejectedValue(
      new ApiError(ErrorCode.NotFound, 'There is no connected user with id 99; they may have been removed.'),
    );
    const { user } = await renderPage('#/runs?user=99');
    expect(await screen.findByText('This user was not found')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: "Show every user's runs" }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ userId: 0 }));
    expect(screen.queryByText('This user was not found')).toBeNull();
  });

  it("opens a run's user in the drawer, whose See all runs filters on them", async () => {
    vi.mocked(getUser).mockResolvedValue(
      makeUserDetail({ id: 3, externalId: 'cus_1003', name: 'Katherine Johnson', connections: [] }),
    );
    const { user } = await renderPage();
    await user.click(screen.getByRole('button', { name: 'Open Katherine Johnson (cus_1003)' }));
    const drawer = await screen.findByRole('dialog', { name: 'Katherine Johnson' });
    expect(getUser).toHaveBeenCalledWith(3);

    await user.click(within(drawer).getByRole('button', { name: 'See all runs' }));
    expect(await screen.findByText('User: Katherine Johnson (cus_1003)')).toBeInTheDocument();
    await waitFor(() => expect(lastQuery()).toMatchObject({ userId: 3 }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Katherine Johnson' })).toBeNull());
  });

  it('explains where runs come from when there are none', async () => {
    vi.mocked(listRuns).mockResolvedValue(makeRunPage([]));
    renderWithProviders(<RunsPage />);
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(screen.getByText('workflow.run')).toBeInTheDocument();
    expect(screen.getByText('docs/examples/events.jsonl')).toBeInTheDocument();
    expect(screen.getByText('roster ingest')).toBeInTheDocument();
  });

  it('offers to clear the filters when none match', async () => {
    vi.mocked(listRuns).mockResolvedValue(makeRunPage([]));
    vi.mocked(getUser).mockResolvedValue(
      makeUserDetail({ id: 3, externalId: 'cus_1003', name: 'Katherine Johnson', connections: [] }),
    );
    window.history.replaceState(null, '', '/#/runs?user=3');
    const { user } = renderWithProviders(<RunsPage />);
    expect(await screen.findByText('No runs match these filters')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    expect(lastQuery()).toMatchObject({ userId: 0 });
  });

  it('sends a picked day range as half-open instants', () => {
    const range: [string, string] = ['2026-03-01', '2026-03-02'];
    expect(buildRunsQuery({ ...EMPTY_RUN_FILTERS, range })).toMatchObject(dayRangeToInstants(range));
    expect(dayRangeToInstants(range).from).not.toBe('');
  });
});
