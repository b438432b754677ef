import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { nav, ownerPage, rpc, shots } from './helpers';

/** Clicks the dialog's Export and returns the text of the file the browser downloads. */
async function exportAndDownload(page: Page, dialogName: string, format: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.getByText(format, { exact: true }).click();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog.getByText('Exported', { exact: true })).toBeVisible();
  return readFileSync(await (await download).path(), 'utf8');
}

test('the owner exports the filtered users and the audit log, and the files hold what the pages show', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  // Users with account errors whose name, e-mail or id holds "son", by name.
  await page
    .getByRole('group', { name: 'Filter by status' })
    .getByRole('button', { name: /^Account Errors\b/ })
    .click();
  await page.getByPlaceholder('Search name, email or user ID').fill('son');
  await page.getByRole('columnheader', { name: /Name/ }).getByRole('button').first().click();
  const filters = { search: 'son', status: 'account_errors', sort: 'name', order: 'asc' };
  const want: string[] = [];
  for (let cursor = ''; ;) {
    const p = await rpc<{ users: { externalId: string }[]; nextCursor: string }>(page, 'Users/List', [
      { ...filters, cursor, limit: 500 },
    ]);
    want.push(...p.users.map((u) => u.externalId));
    if (!(cursor = p.nextCursor)) break;
  }
  expect(want.length).toBeGreaterThan(1);
  await expect(page.getByText(`${want.length} users`, { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export connected users' });
  await expect(dialog.getByText(`Exports the ${want.length} users this list shows`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Export', exact: true }).click({ trial: true }); // once it has opened
  await page.screenshot({ path: `${shots}/export-users.png` });
  const csv = await exportAndDownload(page, 'Export connected users', 'CSV');
  await page.screenshot({ path: `${shots}/export-users-done.png` });
  const lines = csv.trimEnd().split('\n');
  expect(lines[0]).toBe(
    'user_id,name,email,created_at,last_active_at,disabled_at,disabled_reason,metadata,integrations',
  );
  // The users the page lists, in its order, each with a connection in error.
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(want);
  for (const l of lines.slice(1)) expect(l).toContain(':error');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The audit log as JSON: the export above is its newest entry.
  await nav(page, 'Audit log').click();
  await page.getByRole('button', { name: 'Export…' }).click();
  const json = await exportAndDownload(page, 'Export audit log', 'JSON array');
  const entries = JSON.parse(json) as { action: string; after: { rows: number; filters: typeof filters } }[];
  const exported = entries.find((e) => e.action === 'users.export');
  expect(exported?.after.rows).toBe(want.length);
  expect(exported?.after.filters).toMatchObject(filters);
  await page.screenshot({ path: `${shots}/export-audit-done.png` });
});
