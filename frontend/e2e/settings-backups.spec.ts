// Runs after dashboard.spec.ts (files run in name order), whose first test sets up the owner.
import { expect, test } from '@playwright/test';
import { nav, ownerPage, shots } from './helpers';

test('the owner backs up, then restores that backup and keeps working', async ({ browser }) => {
  const page = await ownerPage(browser);
  await nav(page, 'Settings').click();
  await page.getByRole('button', { name: 'Back up now' }).click();
  const made = page.getByRole('alert').filter({ hasText: 'Backup made' });
  await expect(made).toContainText(/roster-\d{8}-\d{6}(-\d+)?\.db/);
  const name = /roster-\d{8}-\d{6}(-\d+)?\.db/.exec((await made.textContent())!)![0];
  const backups = page.getByRole('table', { name: 'Backups' });
  await expect(backups.getByText(name)).toBeVisible();
  await backups.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/backups.png` });

  await page.getByRole('button', { name: `Restore ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Restore ${name}?` });
  await expect(dialog).toContainText('copied aside into the backups folder');
  await dialog.getByRole('button', { name: 'Cancel' }).click({ trial: true }); // once it has opened
  await page.screenshot({ path: `${shots}/backups-restore.png` });
  await dialog.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Backup restored' })).toBeVisible();
  // The copy of the file as it was before the restore is listed too.
  await expect(backups.getByText(/^roster-before-restore-/).first()).toBeVisible();

  // The restored file serves the pages (the session was in the backup).
  await nav(page, 'Connected users').click();
  await expect(page.getByRole('row').nth(1)).toBeVisible();
});
