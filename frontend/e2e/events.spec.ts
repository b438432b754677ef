import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mailTo, nav, owner, ownerPage, rosterURL, shots } from './helpers';

// Everything this spec makes has an id of its own, so the other specs'
// data (and theirs, this spec's) stays out of the way.
const crm = { key: 'e2e-crm', name: 'E2E CRM' };
const workflow = { key: 'e2e-sync', name: 'E2E sync' };
const evan = { key: 'e2e-user-1', name: 'Evan Eventful', email: 'evan@e2e.example' };
const fay = { key: 'e2e-user-2', name: 'Fay Failing', email: 'fay@e2e.example' };

interface Report {
  accepted: number;
  duplicates: number;
  rejected: number;
  mailQueued: number;
  lines: { line: number; id: string; outcome: string; field?: string; reason?: string }[];
}

let serial = 0;
/** One event, dated now, with an id unique to this spec. */
function event(type: string, data: Record<string, unknown>) {
  serial += 1;
  return { id: `e2e-evt-${serial}`, type, at: new Date().toISOString(), data };
}

function ndjson(events: object[]): string {
  return events.map((e) => JSON.stringify(e)).join('\n') + '\n';
}

/** POST /api/v1/events as an integration platform would. */
function post(request: APIRequestContext, key: string, body: string, contentType = 'application/x-ndjson') {
  return request.post(rosterURL('/api/v1/events'), {
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': contentType },
    data: body,
  });
}

async function send(request: APIRequestContext, key: string, events: object[]): Promise<Report> {
  const res = await post(request, key, ndjson(events));
  const report = (await res.json()) as Report;
  expect(res.status(), JSON.stringify(report)).toBe(200);
  return report;
}

/** Settings → E-mail pointed at the e2e SMTP sink (or another port of that host), saved. */
async function configureSmtp(page: Page, port = process.env.SMTP_PORT!) {
  await expect(page.getByRole('heading', { name: 'E-mail (SMTP)' })).toBeVisible();
  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByRole('textbox', { name: 'Security' }).click();
  await page.getByRole('option', { name: 'None (local relay only)' }).click();
  await page.getByLabel('Port').fill(port);
  await page.getByLabel('From address').fill('roster@example.com');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved').last()).toBeVisible();
}

test('events come in with an ingest key; alerts go out through the outbox', async ({ browser, request }) => {
  test.setTimeout(120_000); // one wait is on the banner's 30 s poll
  const page = await ownerPage(browser);
  await nav(page, 'Settings').click();
  await configureSmtp(page);

  // Settings → Ingest keys: the secret is shown once, with a curl line for this server.
  await page.getByRole('button', { name: 'Create key' }).click();
  const form = page.getByRole('dialog', { name: 'Create an ingest key' });
  await form.getByLabel('Name').fill('E2E platform');
  await form.getByRole('button', { name: 'Create key' }).click();
  const created = page.getByRole('dialog', { name: 'Copy the new key now' });
  await expect(created).toContainText('You will not see this secret again');
  const secret = (await created.getByTestId('ingest-secret').innerText()).trim();
  expect(secret).toMatch(/^rk_[0-9a-f]{12}_[0-9a-f]{64}$/);
  await expect(created).toContainText(
    `curl -X POST ${new URL(rosterURL()).origin}/api/v1/events -H "Authorization: Bearer ${secret}"`,
  );
  await created.screenshot({ path: `${shots}/e2e-events-1-ingest-key.png` });
  await created.getByRole('button', { name: 'I have copied it' }).click();
  await expect(created).toBeHidden();
  const keyRow = page.getByRole('table', { name: 'Ingest keys' }).getByRole('row', { name: /E2E platform/ });
  await expect(keyRow).toContainText(`${secret.slice(0, 15)}…`);
  await expect(keyRow).toContainText('Active');
  await expect(keyRow).toContainText('Never');

  // The platform sends a small workspace, a failed run and a connection going offline.
  const first = await send(request, secret, [
    event('integration.upserted', { integration: crm.key, name: crm.name, category: 'CRM' }),
    event('workflow.upserted', {
      integration: crm.key,
      workflow: workflow.key,
      name: workflow.name,
      description: 'Copies contacts both ways.',
    }),
    event('user.upserted', { user: evan.key, name: evan.name, email: evan.email }),
    event('connection.connected', { user: evan.key, integration: crm.key }),
    event('workflow.run', {
      user: evan.key,
      integration: crm.key,
      workflow: workflow.key,
      status: 'failed',
      started_at: new Date().toISOString(),
      duration_ms: 950,
      error: 'E2E CRM returned 401: session expired',
    }),
    event('connection.failed', {
      user: evan.key,
      integration: crm.key,
      reason: 'expired',
      message: 'The refresh token expired; the user must sign in to E2E CRM again.',
    }),
  ]);
  expect(first).toMatchObject({ accepted: 6, duplicates: 0, rejected: 0, mailQueued: 2 });
  expect(first.lines.map((l) => l.outcome)).toEqual(Array(6).fill('accepted'));

  // The same events again are duplicates, applied once.
  const again = await post(
    request,
    secret,
    ndjson([
      {
        id: 'e2e-evt-1',
        type: 'integration.upserted',
        at: new Date().toISOString(),
        data: {
          integration: crm.key,
          name: crm.name,
          category: 'CRM',
        },
      },
    ]),
  );
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });

  // Connected users: Evan has account errors, and the drawer says why.
  await nav(page, 'Connected users').click();
  await page.getByRole('textbox', { name: 'Search users' }).fill(evan.name);
  const row = page.getByRole('row').filter({ hasText: evan.email });
  await expect(row).toContainText('Account Errors');
  await row.click();
  const drawer = page.getByRole('dialog', { name: evan.name });
  await expect(drawer).toContainText('The refresh token expired; the user must sign in to E2E CRM again.');
  await expect(drawer).toContainText(crm.name);
  // The failed run is in the drawer, and in the run history filtered on Evan.
  await expect(drawer.getByRole('table', { name: 'Recent runs' })).toContainText(
    'E2E CRM returned 401: session expired',
  );
  await drawer.getByRole('button', { name: 'See all runs' }).click();
  await expect(page.getByRole('heading', { name: 'Run history' })).toBeVisible();
  await expect(page.getByText(`User: ${evan.name} (${evan.key})`)).toBeVisible();
  const run = page
    .getByRole('grid', { name: 'Run history' })
    .getByRole('row')
    .filter({ hasText: workflow.name });
  await expect(run).toContainText('Failed');
  await expect(run).toContainText('950 ms');
  await page.screenshot({ path: `${shots}/e2e-events-1b-run-history.png` });
  await nav(page, 'Connected users').click();
  await page.getByRole('textbox', { name: 'Search users' }).fill(evan.name);

  // Back online.
  const restored = await send(request, secret, [
    event('connection.restored', { user: evan.key, integration: crm.key }),
  ]);
  expect(restored).toMatchObject({ accepted: 1, rejected: 0, mailQueued: 1 });
  await expect(row).not.toContainText('Account Errors');
  await expect(row).toContainText('Connected');

  // The SMTP sink receives the three alerts for the owner.
  const failed = await mailTo(owner.email, /^Workflow failed: E2E sync for Evan Eventful/);
  expect(failed.subject).toBe(`Workflow failed: ${workflow.name} for ${evan.name} (${crm.name})`);
  expect(failed.text).toContain('E2E CRM returned 401: session expired');
  await mailTo(owner.email, new RegExp(`^${crm.name} offline for ${evan.name}$`));
  await mailTo(owner.email, new RegExp(`^${crm.name} back online for ${evan.name}$`));

  // The outbox lists them, sent.
  await nav(page, 'Outbox').click();
  await expect(page.getByRole('heading', { name: 'Outbox' })).toBeVisible();
  const outbox = page.getByRole('grid', { name: 'Outbox' });
  await expect(outbox.getByRole('row').filter({ hasText: `${crm.name} back online` })).toContainText('Sent');
  await page.screenshot({ path: `${shots}/e2e-events-2-outbox.png` });
  const filter = page.getByRole('radiogroup', { name: 'Filter by status' });
  await filter.getByText('Sent', { exact: true }).click();
  await expect(page.getByRole('radio', { name: 'Sent' })).toBeChecked();
  for (const subject of [
    `Workflow failed: ${workflow.name} for ${evan.name} (${crm.name})`,
    `${crm.name} offline for ${evan.name}`,
    `${crm.name} back online for ${evan.name}`,
  ]) {
    const mail = outbox.getByRole('row').filter({ hasText: subject });
    await expect(mail).toContainText(owner.email);
    await expect(mail).toContainText('Sent');
  }
  await filter.getByText('All', { exact: true }).click();

  // A line Roster cannot apply is reported by line and field: 422, the others applied.
  const mixed = await post(
    request,
    secret,
    ndjson([
      event('user.upserted', { user: 'e2e-user-3', name: 'Gil Good', email: 'gil@e2e.example' }),
      event('workflow.run', {
        user: evan.key,
        integration: crm.key,
        workflow: 'e2e-missing',
        status: 'maybe',
      }),
    ]),
  );
  expect(mixed.status()).toBe(422);
  const report = (await mixed.json()) as Report;
  expect(report).toMatchObject({ accepted: 1, rejected: 1 });
  expect(report.lines[1]).toMatchObject({ line: 2, outcome: 'rejected' });

  // Only JSON is taken.
  const plain = await post(request, secret, 'hello', 'text/plain');
  expect(plain.status()).toBe(415);

  // With no mail server, a new alert waits, and the banner says so.
  await nav(page, 'Settings').click();
  await page.getByLabel('Host').fill('');
  await page.getByLabel('From address').fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved').last()).toBeVisible();
  const waiting = await send(request, secret, [
    event('user.upserted', { user: fay.key, name: fay.name, email: fay.email }),
    event('connection.connected', { user: fay.key, integration: crm.key }),
    event('workflow.run', {
      user: fay.key,
      integration: crm.key,
      workflow: workflow.key,
      status: 'failed',
      started_at: new Date().toISOString(),
      duration_ms: 120,
      error: 'E2E CRM returned 500',
    }),
  ]);
  expect(waiting).toMatchObject({ accepted: 3, mailQueued: 1 });
  const banner = page.getByRole('alert').filter({ hasText: 'no mail server is set up' });
  await expect(banner).toContainText(
    '1 e-mail is waiting: no mail server is set up. Set one up in Settings.',
  );
  await page.screenshot({ path: `${shots}/e2e-events-3-banner-no-server.png` });

  // A mail server that cannot be reached: the mail is retried later, and the banner says why.
  await banner.getByRole('button', { name: 'Set one up in Settings.' }).click();
  await configureSmtp(page, '1');
  await expect(banner).toBeHidden();
  const unreachable = page.getByRole('alert').filter({ hasText: 'the mail server cannot be reached' });
  // The sender announces nothing: the banner learns of the failure at its next poll (30 s).
  await expect(unreachable).toContainText(
    /^1 e-mail is waiting because the mail server cannot be reached: .*127\.0\.0\.1:1.*\. Next attempt (in .+|any moment now)\./,
    { timeout: 40_000 },
  );
  await page.screenshot({ path: `${shots}/e2e-events-4-banner-unreachable.png` });

  // The outbox shows the mail retrying, with the server's answer.
  await unreachable.getByRole('button', { name: 'Open outbox' }).click();
  const stuck = page
    .getByRole('grid', { name: 'Outbox' })
    .getByRole('row')
    .filter({ hasText: `Workflow failed: ${workflow.name} for ${fay.name}` });
  await expect(stuck).toContainText('Retrying');
  await expect(stuck).toContainText(/next attempt (in|any moment)/);
  await expect(stuck).toContainText('connection refused');
  await expect(stuck.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-events-5-outbox-retrying.png` });

  // Fixed, and sent at once with Retry now rather than at the next attempt (30 s on).
  await nav(page, 'Settings').click();
  await configureSmtp(page);
  await unreachable.getByRole('button', { name: 'Retry now' }).click();
  await expect(page.getByText('Trying 1 e-mail again now')).toBeVisible();
  await mailTo(owner.email, new RegExp(`^Workflow failed: ${workflow.name} for ${fay.name}`));

  // Revoked: the next request with the key is refused at once.
  await keyRow.getByRole('button', { name: 'Revoke E2E platform' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this key?' });
  await expect(confirm).toContainText('refused from now on, at once');
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(keyRow).toContainText('Revoked');
  const refused = await post(
    request,
    secret,
    ndjson([event('user.upserted', { user: evan.key, name: evan.name })]),
  );
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ code: 'unauthenticated' });
});
