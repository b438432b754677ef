import { expect, test, type Page } from '@playwright/test';
import { owner, ownerPage, rpc, shots } from './helpers';

interface Row {
  id: number;
  name: string;
  email: string;
  externalId: string;
  integrations: { id: number; name: string; short: string }[];
}

interface Detail {
  connections: { integration: { name: string }; workflows: { name: string; enabled: boolean }[] }[];
}

/** Opens a user's drawer from the list, found by their external id. */
async function openUser(page: Page, user: Row) {
  await page.getByRole('textbox', { name: 'Search users' }).fill(user.externalId);
  const row = page.getByRole('row').filter({ hasText: user.email });
  await expect(row).toBeVisible();
  await row.click();
  const drawer = page.getByRole('dialog', { name: user.name });
  await expect(drawer).toBeVisible();
  return drawer;
}

test('a workflow has its own menu, and the drawer says who changed it and what the user can do', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  const { users } = await rpc<{ users: Row[] }>(page, 'Users/List', [{ status: 'connected', limit: 200 }]);
  // A connected user whose first integration has an enabled workflow.
  let user: Row | undefined;
  let integration = '';
  let workflow = '';
  for (const u of users.filter((u) => u.integrations.length > 0)) {
    const d = await rpc<Detail>(page, 'Users/Get', [u.id]);
    const w = d.connections[0].workflows.find((w) => w.enabled);
    if (w) {
      [user, integration, workflow] = [u, d.connections[0].integration.name, w.name];
      break;
    }
  }
  expect(user, 'the seed has connected users with enabled workflows').toBeTruthy();
  const drawer = await openUser(page, user!);
  const label = `${workflow} (${integration})`;
  const toggle = drawer.getByRole('switch', { name: label });
  await expect(toggle).toBeChecked();

  // ⋯ beside the workflow → Disable workflow for user.
  await drawer.getByRole('button', { name: `Actions for ${label}` }).click();
  await page.getByRole('menuitem', { name: 'Disable workflow for user' }).click();
  await expect(toggle).not.toBeChecked();
  const card = drawer.getByRole('region', { name: integration });
  await expect(card.getByText(`Changed by ${owner.name}`)).toBeVisible();
  await expect(card.getByText(`${user!.name} can re-enable it in the Connect Portal.`)).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-users-drawer-workflow-menu.png`, animations: 'disabled' });

  // And back: the menu now offers the other way.
  await drawer.getByRole('button', { name: `Actions for ${label}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Enable workflow for user' })).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-users-drawer-workflow-menu-open.png`, animations: 'disabled' });
  await page.getByRole('menuitem', { name: 'Enable workflow for user' }).click();
  await expect(toggle).toBeChecked();
  await expect(card.getByText(/can re-enable it in the Connect Portal/)).toHaveCount(0);

  // Uninstall says it is permanent and what the user must do; cancelled here.
  await drawer.getByRole('button', { name: `Uninstall ${integration}` }).click();
  const confirm = page.getByRole('dialog', { name: `Uninstall ${integration}?` });
  await expect(confirm).toContainText(`${integration} will be removed for ${user!.name}.`);
  await expect(confirm).toContainText('This is permanent');
  await expect(confirm).toContainText('The removal cannot be undone.');
  await expect(confirm).toContainText(
    `To use ${integration} again, ${user!.name} must revisit the Connect Portal and reconnect it.`,
  );
  await page.screenshot({ path: `${shots}/e2e-users-uninstall-confirm.png`, animations: 'disabled' });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(drawer.getByRole('region', { name: integration })).toBeVisible();

  // A disabled user cannot use the Connect Portal, and the menu is locked.
  await drawer.getByRole('button', { name: 'Disable user' }).click();
  const disable = page.getByRole('dialog', { name: 'Disable user?' });
  await expect(disable).toContainText('they cannot use the Connect Portal');
  await disable.getByRole('button', { name: 'Disable user' }).click();
  await expect(disable).toBeHidden();
  await expect(
    drawer.getByText(/they cannot use the Connect Portal until they are re-enabled/),
  ).toBeVisible();
  await drawer.getByRole('button', { name: `Actions for ${label}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Disable workflow for user' })).toBeDisabled();
  await page.screenshot({ path: `${shots}/e2e-users-drawer-disabled.png`, animations: 'disabled' });
  await expect(page.locator('[role="menu"]:focus-within')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await drawer.getByRole('button', { name: 'Enable user' }).click();
  await expect(drawer.getByRole('button', { name: 'Disable user' })).toBeVisible();
});

test('integration badges differ, name themselves, and +N lists the rest to the keyboard', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  const { users } = await rpc<{ users: Row[] }>(page, 'Users/List', [{ limit: 500 }]);
  const user = users.find((u) => u.integrations.length > 4)!;
  expect(user, 'the seed gives some users five integrations').toBeTruthy();
  const codes = user.integrations.map((i) => i.short);
  expect(new Set(codes).size).toBe(codes.length);

  await page.getByRole('textbox', { name: 'Search users' }).fill(user.externalId);
  const row = page.getByRole('row').filter({ hasText: user.email });
  await expect(row).toBeVisible();
  for (const i of user.integrations.slice(0, 4)) await expect(row.getByLabel(i.name)).toHaveText(i.short);
  await row.getByLabel(user.integrations[1].name).hover();
  await expect(page.getByRole('tooltip')).toHaveText(user.integrations[1].name);
  await page.screenshot({ path: `${shots}/e2e-users-badge-tooltip.png`, animations: 'disabled' });
  await page.mouse.move(0, 0); // that tooltip closes
  await expect(page.getByRole('tooltip')).toHaveCount(0);

  // From the search box, Tab walks into the grid and reaches +N, which lists the rest.
  const rest = user.integrations.slice(4).map((i) => i.name);
  const more = row.getByLabel(new RegExp(`^${rest.length} more: `));
  await expect(more).toHaveText(`+${rest.length}`);
  await page.getByRole('textbox', { name: 'Search users' }).focus();
  const focused = () =>
    expect(more)
      .toBeFocused({ timeout: 100 })
      .then(
        () => true,
        () => false,
      );
  for (let i = 0; i < 30 && !(await focused()); i++) await page.keyboard.press('Tab');

  await expect(more).toBeFocused();
  const tooltip = page.getByRole('tooltip');
  for (const name of rest) await expect(tooltip).toContainText(name);
  await page.screenshot({ path: `${shots}/e2e-users-badge-overflow-focus.png`, animations: 'disabled' });
});

test('a search over many users shows the exact count', async ({ browser }) => {
  const page = await ownerPage(browser);
  const search = 'usr_'; // every seeded external id
  const first = await rpc<{ total: number; totalCapped: boolean }>(page, 'Users/List', [{ search }]);
  expect(first.totalCapped, 'the list alone would say "1,000+"').toBe(true);
  const exact = await rpc<number>(page, 'Users/Count', [{ search }]);
  expect(exact).toBeGreaterThan(first.total);

  await page.getByRole('textbox', { name: 'Search users' }).fill(search);
  await expect(page.getByText(`${exact.toLocaleString('en-US')} users`, { exact: true })).toBeVisible();
  await expect(page.getByText(/\d\+ users|At least/)).toHaveCount(0);
  await page.screenshot({ path: `${shots}/e2e-users-exact-count.png`, animations: 'disabled' });
});

test("a row's menu opens from the mouse and the keyboard, and Escape gives the focus back", async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  const { users } = await rpc<{ users: Row[] }>(page, 'Users/List', [{ limit: 2 }]);
  const [first, second] = users;
  // The mouse: the menu opens at once on the first click, and an item acts on its row.
  await page
    .getByRole('button', { name: `Actions for ${first.name}` })
    .first()
    .click();
  await expect(page.getByRole('menuitem', { name: 'Open' })).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-users-row-menu.png`, animations: 'disabled' });
  await page.getByRole('menuitem', { name: 'Open' }).click();
  const drawer = page.getByRole('dialog', { name: first.name });
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The keyboard: Enter opens another row's menu, Escape closes it onto its button.
  const button = page.getByRole('button', { name: `Actions for ${second.name}` }).first();
  await button.focus();
  await page.keyboard.press('Enter');
  // The menu takes the focus a task after it mounts; Escape acts from there.
  await expect(page.locator('[role="menu"]:focus-within')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menuitem', { name: 'Open' })).toBeHidden();
  await expect(button).toBeFocused();
});
