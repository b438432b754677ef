import { expect, test, type Page } from '@playwright/test';
import { owner, ownerPage, rosterURL, rpc, shots } from './helpers';

interface Row {
  id: number;
  externalId: string;
  name: string;
  email: string;
  status: string;
  integrations: { id: number; name: string }[];
}

/** Reads one header count, e.g. "Connected 2,412" → 2412. */
async function count(page: Page, label: string): Promise<number> {
  const text = await page
    .getByRole('group', { name: 'Filter by status' })
    .getByRole('button', { name: new RegExp(`^${label}\\b`) })
    .innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

test('an admin finds a user, changes them, and sees it all in the audit log', async ({ page }) => {
  const url = process.env.ROSTER_URL!;
  // First run: the start-up link opens the owner setup.
  await page.goto(url);
  await expect(page).toHaveURL(new URL('/', url).href); // the token is gone from the address bar
  await expect(page.getByRole('heading', { name: 'Set up the owner' })).toBeVisible();
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel(/^Password\W*$/).fill('short');
  await page.screenshot({ path: `${shots}/e2e-0-owner-setup.png` });
  await page.getByLabel(/^Password\W*$/).fill(owner.password);
  await page.getByLabel('Repeat the password').fill(owner.password);
  await page.getByRole('button', { name: 'Create the owner and sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Connected users' })).toBeVisible();

  // Signing out and in again: the session is a cookie, the password is checked in Go.
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('do not match');
  await page.screenshot({ path: `${shots}/e2e-0-sign-in.png` });
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Connected users' })).toBeVisible();
  await expect(page.getByRole('grid')).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-1-dashboard.png` });

  // A connected user with exactly one integration, whose workflows are on.
  const { users } = await rpc<{ users: Row[] }>(page, 'Users/List', [{ status: 'connected', limit: 200 }]);
  const user = users.find((u) => u.integrations.length === 1)!;
  const integration = user.integrations[0];
  const detail = await rpc<{ connections: { workflows: { name: string; enabled: boolean }[] }[] }>(
    page,
    'Users/Get',
    [user.id],
  );
  const workflow = detail.connections[0].workflows.find((w) => w.enabled)!;
  expect(workflow, 'the seed gives most connections an enabled workflow').toBeTruthy();

  // Search by part of the e-mail address.
  const part = user.email.split('@')[0].slice(1, 7);
  await page.getByRole('textbox', { name: 'Search users' }).fill(part);
  const row = page.getByRole('row').filter({ hasText: user.email });
  await expect(row).toBeVisible();

  // Filter by the user's integration too.
  await page.getByRole('textbox', { name: 'Integration' }).click();
  // Each option shows the integration's user count beside its name.
  await page.getByRole('option', { name: new RegExp(`^${integration.name} [0-9,]+$`) }).click();
  await expect(row).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-2-search-and-filter.png` });

  const connectedBefore = await count(page, 'Connected');
  const noneBefore = await count(page, 'No integrations');

  // Open the user and disable one workflow.
  await row.click();
  const drawer = page.getByRole('dialog', { name: user.name });
  await expect(drawer).toBeVisible();
  const toggle = drawer.getByRole('switch', { name: `${workflow.name} (${integration.name})` });
  await expect(toggle).toBeChecked();
  // Mantine draws the switch over a visually hidden input: toggle it from the keyboard.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  await expect(drawer.getByText(/Changed by admin/).first()).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-3-workflow-disabled.png` });

  // Uninstall the integration: the confirmation says what will happen.
  await drawer.getByRole('button', { name: `Uninstall ${integration.name}` }).click();
  const confirm = page.getByRole('dialog', { name: `Uninstall ${integration.name}?` });
  await expect(confirm).toContainText(`${integration.name} will be removed for ${user.name}`);
  await expect(confirm).toContainText('reconnect in the Connect Portal');
  await page.screenshot({ path: `${shots}/e2e-4-uninstall-confirm.png` });
  await confirm.getByRole('button', { name: 'Uninstall', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(drawer.getByRole('button', { name: `Uninstall ${integration.name}` })).toHaveCount(0);
  // Their only integration is gone: Connected → No integrations, in the header at once.
  await expect.poll(() => count(page, 'Connected')).toBe(connectedBefore - 1);
  await expect.poll(() => count(page, 'No integrations')).toBe(noneBefore + 1);

  // Disable the user with a reason, then re-enable them.
  const disabledBefore = await count(page, 'Disabled');
  await drawer.getByRole('button', { name: 'Disable user' }).click();
  const disable = page.getByRole('dialog', { name: 'Disable user?' });
  await disable.getByRole('textbox', { name: 'Reason' }).fill('E2E: suspected abuse');
  await disable.getByRole('button', { name: 'Disable user' }).click();
  await expect(disable).toBeHidden();
  await expect(drawer.getByText('E2E: suspected abuse')).toBeVisible();
  await expect.poll(() => count(page, 'Disabled')).toBe(disabledBefore + 1);
  await page.screenshot({ path: `${shots}/e2e-5-user-disabled.png` });
  await drawer.getByRole('button', { name: 'Enable user' }).click();
  await expect(drawer.getByRole('button', { name: 'Disable user' })).toBeVisible();
  await expect.poll(() => count(page, 'Disabled')).toBe(disabledBefore);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // All four kinds of change are in the audit log, newest first.
  await page
    .getByRole('link', { name: 'Audit log' })
    .or(page.getByRole('button', { name: 'Audit log' }))
    .first()
    .click();
  await page.getByRole('textbox', { name: 'Target', exact: true }).fill(user.externalId);
  const grid = page.getByRole('grid');
  await expect(grid.getByText('demo.load', { exact: true })).toHaveCount(0); // the filter applied
  for (const action of ['user.enable', 'user.disable', 'connection.uninstall', 'workflow.disable']) {
    await expect(grid.getByText(action, { exact: true })).toBeVisible();
  }
  const actions = await grid.getByText(/^(user|connection|workflow)\.[a-z]+$/).allInnerTexts();
  expect(actions).toEqual(['user.enable', 'user.disable', 'connection.uninstall', 'workflow.disable']);
  await page.screenshot({ path: `${shots}/e2e-6-audit.png` });
});

test('calls without a session are refused', async ({ request }) => {
  const res = await request.post(rosterURL('/rpc/Users/Counts'), { data: [] });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ code: 'unauthenticated' });
});

test('integration chips and dates name themselves on hover', async ({ browser }) => {
  const page = await ownerPage(browser);
  // The first integration chip of the first row that has one.
  const chip = page
    .getByRole('grid')
    .getByLabel(/^[A-Z][A-Za-z]+( \(connection error\))?$/)
    .first();
  const name = (await chip.getAttribute('aria-label'))!;
  await chip.hover();
  await expect(page.getByRole('tooltip')).toHaveText(name);
  await page.screenshot({ path: `${shots}/e2e-chip-tooltip.png` });
  await page.getByRole('grid').locator('time').first().hover();
  await expect(page.getByRole('tooltip')).toHaveText(/\d{4}, \d\d:\d\d:\d\d/);
});
