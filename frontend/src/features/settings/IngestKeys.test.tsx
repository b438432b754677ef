import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createIngestKey, listIngestKeys, revokeIngestKey } from '../../api/ingestKeys';
import { Mode } from '../../api/models';
import { getInfo } from '../../api/system';
import { makeInfo, makeIngestKey } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { IngestKeys } from './IngestKeys';

vi.mock('../../api/ingestKeys');
vi.mock('../../api/system');

const active = makeIngestKey({ lastUsedAt: null });
const revoked = makeIngestKey({
  id: 2,
  name: 'Old staging',
  prefix: 'rk_0011223344aa',
  lastUsedAt: '2026-11-02T10:00:00Z',
  revokedAt: '2026-11-03T10:00:00Z',
});
const secret = 'rk_ffeeddccbbaa_0123456789abcdef0123456789abcdef0123456789abcdef';

beforeEach(() => {
  vi.mocked(listIngestKeys).mockResolvedValue([active, revoked]);
  vi.mocked(getInfo).mockResolvedValue(makeInfo({ mode: Mode.Serve }));
});

function rowOf(name: string): HTMLElement {
  return screen.getByRole('row', { name: new RegExp(name) });
}

describe('IngestKeys', () => {
  it('lists keys with their prefix, creator, last use and status, never a secret', async () => {
    renderWithProviders(<IngestKeys />);
    await screen.findByRole('table', { name: 'Ingest keys' });
    const first = rowOf('Production platform');
    expect(within(first).getByText('rk_ab12cd34ef56…')).toBeInTheDocument();
    expect(within(first).getByText('by Grace Hopper')).toBeInTheDocument();
    expect(within(first).getByText('Never')).toBeInTheDocument();
    expect(within(first).getByText('Active')).toBeInTheDocument();
    expect(within(first).getByRole('button', { name: 'Revoke Production platform' })).toBeInTheDocument();
    const old = rowOf('Old staging');
    expect(within(old).getByText('Revoked')).toBeInTheDocument();
    expect(within(old).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it('shows a new key’s secret once, with a curl line for this server', async () => {
    const made = makeIngestKey({ id: 3, name: 'CI', prefix: 'rk_ffeeddccbbaa' });
    vi.mocked(createIngestKey).mockResolvedValue({ key: made, secret });
    const { user } = renderWithProviders(<IngestKeys />);
    await user.click(await screen.findByRole('button', { name: 'Create key' }));
    const form = await screen.findByRole('dialog', { name: 'Create an ingest key' });
    await user.type(within(form).getByLabelText('Name'), 'CI');
    vi.mocked(listIngestKeys).mockResolvedValue([made, active, revoked]);
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    expect(createIngestKey).toHaveBeenCalledWith('CI');

    const shown = await screen.findByRole('dialog', { name: 'Copy the new key now' });
    expect(within(shown).getByText('You will not see this secret again')).toBeInTheDocument();
    expect(within(shown).getByTestId('ingest-secret')).toHaveTextContent(secret);
    expect(within(shown).getByRole('button', { name: 'Copy secret' })).toBeInTheDocument();
    expect(shown).toHaveTextContent(
      `curl -X POST ${window.location.origin}/api/v1/events -H "Authorization: Bearer ${secret}" -H "Content-Type: application/x-ndjson" --data-binary @events.jsonl`,
    );

    await user.click(within(shown).getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The list shows the new key by its prefix; the secret is nowhere on the page any more.
    expect(await screen.findByText('rk_ffeeddccbbaa…')).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(secret);
  });

  it('says the desktop app does not serve the API itself', async () => {
    vi.mocked(getInfo).mockResolvedValue(makeInfo({ mode: Mode.Desktop }));
    vi.mocked(createIngestKey).mockResolvedValue({ key: makeIngestKey({ id: 3 }), secret });
    const { user } = renderWithProviders(<IngestKeys />);
    await user.click(await screen.findByRole('button', { name: 'Create key' }));
    const form = await screen.findByRole('dialog', { name: 'Create an ingest key' });
    await user.type(within(form).getByLabelText('Name'), 'CI');
    await user.click(within(form).getByRole('button', { name: 'Create key' }));
    const shown = await screen.findByRole('dialog', { name: 'Copy the new key now' });
    expect(shown).toHaveTextContent(/the API is served by roster serve/);
    expect(shown).toHaveTextContent('curl -X POST <roster-url>/api/v1/events');
  });

  it('revokes a key only after a confirmation that says requests stop at once', async () => {
    vi.mocked(revokeIngestKey).mockResolvedValue({ ...active, revokedAt: '2026-11-20T10:00:00Z' });
    const { user } = renderWithProviders(<IngestKeys />);
    await user.click(await screen.findByRole('button', { name: 'Revoke Production platform' }));
    const confirm = await screen.findByRole('dialog', { name: 'Revoke this key?' });
    expect(confirm).toHaveTextContent(/refused from now on, at once/);
    expect(revokeIngestKey).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(revokeIngestKey).toHaveBeenCalledWith(1));
    expect(await screen.findByText('Revoked “Production platform”')).toBeInTheDocument();
  });
});
