import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ownerPage, shots } from './helpers';

// docs/examples/users.csv: five users (cus_1001…), one of them disabled, two
// with an account error; ids no other spec uses.
const sample = readFileSync('../docs/examples/users.csv');

test('the owner imports a CSV of users: preview, mapping, dry run, import, then rolls it back', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Users from a file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import connected users' });
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: sample });

  const table = dialog.getByRole('table', { name: 'Preview' });
  await expect(table.getByText('Ada Lovelace')).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: /User ID/ })).toHaveValue('user_id');
  await page.screenshot({ path: `${shots}/import-preview.png` });

  await dialog.getByRole('button', { name: 'Dry run', exact: true }).click();
  await expect(dialog.getByText('Dry run: nothing was written')).toBeVisible();
  await expect(dialog.getByText('Would add').locator('..')).toContainText('5');
  await page.screenshot({ path: `${shots}/import-dry-run.png` });

  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByText('Added', { exact: true }).locator('..')).toContainText('5');
  await page.screenshot({ path: `${shots}/import-done.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.getByPlaceholder('Search name, email or user ID').fill('cus_100');
  await expect(page.getByRole('row').filter({ hasText: 'Grace Hopper' })).toContainText('Disabled');
  await expect(page.getByRole('row').filter({ hasText: 'Ada Lovelace' })).toContainText('Account Errors');

  // The same file again: nothing changes; rolling that import back undoes
  // nothing either (the users stay, from the first import).
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Users from a file…' }).click();
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'users.csv', mimeType: 'text/csv', buffer: sample });
  await dialog.getByRole('button', { name: 'Import without a dry run' }).click();
  await expect(dialog.getByText('Unchanged', { exact: true }).locator('..')).toContainText('5');
  await dialog.getByRole('button', { name: /Roll back this import/ }).click();
  await dialog.getByRole('alertdialog').getByRole('button', { name: 'Roll back' }).click();
  await expect(dialog.getByText('Rolled back')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
});

test('a row the import would reject is shown with its line and reason', async ({ browser }) => {
  const page = await ownerPage(browser);
  const csv =
    'Customer ID,Full name,E-mail\ne2e-imp-1,Ivy Import,ivy@e2e.example\ne2e-imp-2,Bad Address,not-an-address\n';
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Users from a file…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import connected users' });
  await dialog
    .locator('input[type="file"]')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByRole('textbox', { name: /User ID/ })).toHaveValue('Customer ID');
  await expect(
    dialog.getByText(/Would be rejected: email: "not-an-address" is not an e-mail address/),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Dry run', exact: true }).click();
  const rejected = dialog.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.getByRole('row').filter({ hasText: 'e2e-imp-2' })).toContainText('3');
  await page.screenshot({ path: `${shots}/import-rejected.png` });
});
