import { expect, test, type Page } from '@playwright/test';
import { owner, ownerPage, rosterURL, rpc, shots, signIn } from './helpers';

interface Row {
  id: number;
  name: string;
  email: string;
}

/** Waits for the drawer to finish sliding in, so a screenshot shows what a person sees. */
function settled(page: Page) {
  // e2e code has no DOM types, and serve's CSP refuses a string to evaluate.
  type Doc = { document: { getAnimations(): unknown[] } };
  return page.waitForFunction(() => (globalThis as unknown as Doc).document.getAnimations().length === 0);
}

/** What the users page shows: the search, the status, the sort and the open user. */
async function expectView(page: Page, user: Row, search: string) {
  await expect(page.getByRole('dialog', { name: user.name })).toBeVisible();
  await expect(page.getByRole('dialog', { name: user.name })).toContainText(user.email);
  await expect(page.getByRole('textbox', { name: 'Search users' })).toHaveValue(search);
  await expect(
    page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^Connected\b/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.getByRole('row').filter({ hasText: user.email })).toBeVisible();
}

test('the address holds the view: reload, Back, a pasted link and sign-in all return to it', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  const { users } = await rpc<{ users: Row[] }>(page, 'Users/List', [{ status: 'connected', limit: 50 }]);
  // An e-mail's local part finds a handful of users, this one among them.
  const user = users[3];
  const search = user.email.split('@')[0];

  // Search, filter, sort and open a user, as an admin does.
  await page.getByRole('textbox', { name: 'Search users' }).fill(search);
  await page
    .getByRole('group', { name: 'Filter by status' })
    .getByRole('button', { name: /^Connected\b/ })
    .click();
  await page.getByRole('columnheader', { name: /Name/ }).getByRole('button').first().click();
  await page.getByRole('row').filter({ hasText: user.email }).click();
  await expect(page.getByRole('dialog', { name: user.name })).toBeVisible();
  await expect(page).toHaveURL(/#\/users\?/);
  const url = new URL(page.url());
  const params = new URLSearchParams(url.hash.replace(/^#\/users\?/, ''));
  expect(Object.fromEntries(params)).toEqual({
    q: search,
    status: 'connected',
    sort: 'name',
    order: 'asc',
    user: String(user.id),
  });
  await settled(page);
  await page.screenshot({ path: `${shots}/e2e-14-routing-view.png` });

  // A reload keeps the view.
  await page.reload();
  await expectView(page, user, search);

  // Back closes the user, then undoes the sort, then the status; Forward redoes.
  await page.goBack();
  await expect(page.getByRole('dialog', { name: user.name })).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Search users' })).toHaveValue(search);
  await page.goBack();
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'none');
  await page.goBack();
  await expect(
    page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^Connected\b/ }),
  ).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('textbox', { name: 'Search users' })).toHaveValue(search);
  await page.goForward();
  await page.goForward();
  await page.goForward();
  await expectView(page, user, search);

  // Closing the user and changing page are history entries too.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: user.name })).toBeHidden();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(page).toHaveURL(/#\/audit$/);
  await page.goBack();
  await expect(page.getByRole('textbox', { name: 'Search users' })).toHaveValue(search);
  await expect(page.getByRole('dialog', { name: user.name })).toBeHidden();
  await page.goBack();
  await expectView(page, user, search);

  // The link pasted into another window of the same session opens the same view.
  const state = await page.context().storageState();
  const other = await (await browser.newContext({ storageState: state })).newPage();
  await other.goto(url.href);
  await expectView(other, user, search);
  await other.screenshot({ path: `${shots}/e2e-14-routing-pasted.png` });
  await other.context().close();

  // A browser with no session signs in first, and lands on the view the link named.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(url.href);
  await signIn(stranger, owner);
  await expectView(stranger, user, search);
  expect(stranger.url()).toBe(url.href);
  await stranger.context().close();
});

test('a link to a user who does not exist says so, through the permission-checked call', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/rpc/Users/Get')) calls.push(r.postData() ?? '');
  });
  await page.goto(rosterURL('/#/users?user=987654321'));
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('This user was not found')).toBeVisible();
  await expect(drawer).toContainText('There is no connected user with id 987654321');
  // The ordinary Users/Get (a live update may ask twice), no other way in.
  expect(new Set(calls)).toEqual(new Set(['[987654321]']));
  await settled(page);
  await page.screenshot({ path: `${shots}/e2e-14-routing-not-found.png` });

  await drawer.getByRole('button', { name: 'Back to the list' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page).toHaveURL(/#\/users$/);

  // An address that names nothing Roster knows opens the users page, unharmed.
  await page.goto(rosterURL('/#/users?status=bogus&sort=%ZZ&created=soon'));
  await expect(page.getByRole('heading', { name: 'Connected users' })).toBeVisible();
  await expect(page.getByRole('grid')).toBeVisible();
});

test("a link beyond a member's role says so: a page falls back, a user is not shown", async ({ browser }) => {
  const page = await ownerPage(browser);
  const integrations = await rpc<{ id: number; name: string; users: number }[]>(
    page,
    'Integrations/List',
    [],
  );
  const scope = integrations.find((i) => i.users > 0)!;
  const { users } = await rpc<{ users: (Row & { integrations: { id: number }[] })[] }>(page, 'Users/List', [
    { status: 'connected', limit: 100 },
  ]);
  const outside = users.find((u) => u.integrations.every((i) => i.id !== scope.id))!;

  // A monitor of one integration, invited and accepted with the code (no e-mail needed).
  const rita = { email: 'rita.routing@example.com', password: 'Routing-pass-42' };
  const invited = await rpc<{ invited: { code: string }[] }>(page, 'Team/Invite', [
    { emails: rita.email, role: 'monitor_integrations', integrations: [scope.id] },
  ]);
  const member = await (await browser.newContext()).newPage();
  const accepted = await member.request.post(rosterURL('/rpc/Auth/AcceptInvitation'), {
    data: [
      { email: rita.email, code: invited.invited[0].code, name: 'Rita Routing', password: rita.password },
    ],
  });
  expect(accepted.status(), await accepted.text()).toBe(200);

  // Settings is not hers: the users page opens instead, saying why.
  await member.goto(rosterURL('/#/settings'));
  const note = member.getByRole('alert').filter({ hasText: 'Settings is not available to you' });
  await expect(note).toBeVisible();
  await expect(note).toContainText('Your role (Monitor integrations) does not include it');
  await expect(member.getByRole('heading', { name: 'Connected users' })).toBeVisible();
  await member.screenshot({ path: `${shots}/e2e-14-routing-page-refused.png` });

  // A user outside her integration: Go refuses Users/Get, and the drawer says so.
  await member.goto(rosterURL(`/#/users?user=${outside.id}`));
  const drawer = member.getByRole('dialog');
  await expect(drawer.getByText('You are not allowed to see this user')).toBeVisible();
  await expect(drawer).not.toContainText(outside.email);
  await settled(member);
  await member.screenshot({ path: `${shots}/e2e-14-routing-not-allowed.png` });
  await member.context().close();
});

test('a page whose code cannot be fetched (Roster upgraded under an open tab) says so and keeps the rest', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  await page.goto(rosterURL('/#/users'));
  await expect(page.getByRole('grid', { name: 'Connected users' })).toBeVisible();
  // The old build's file names are gone from an upgraded server: refuse the Team page's chunk.
  const allow = await refuseChunk(page, 'TeamPage');
  await page.getByRole('button', { name: 'Team' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This page could not be shown' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('If Roster was just upgraded, reloading gets the new version.');
  await page.screenshot({ path: `${shots}/e2e-15-routing-chunk-gone.png` });

  // The rest of the console still works, and a reload (the new build's files) shows the page.
  await page.getByRole('button', { name: 'Connected users' }).click();
  await expect(page.getByRole('grid', { name: 'Connected users' })).toBeVisible();
  await page.getByRole('button', { name: 'Team' }).click();
  await allow();
  await alert.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
});

test('a dialog whose code cannot be fetched says so each time it is opened, and Close closes it', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  await page.goto(rosterURL('/#/users'));
  await expect(page.getByRole('grid', { name: 'Connected users' })).toBeVisible();
  const allow = await refuseChunk(page, 'ImportUsersModal');
  const openImport = async () => {
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('menuitem', { name: 'Users from a file…' }).click();
  };
  await openImport();
  const failed = page.getByRole('dialog', { name: 'This dialog could not be shown' });
  await expect(failed).toContainText('If Roster was just upgraded, reloading gets the new version.');
  await page.screenshot({ path: `${shots}/e2e-15b-routing-dialog-gone.png` });
  await failed.getByRole('button', { name: 'Close' }).click();
  await expect(failed).toBeHidden();
  // Closed through the page's own state: opening it again says so again, not nothing.
  await openImport();
  await expect(failed).toBeVisible();
  await allow();
  await failed.getByRole('button', { name: 'Reload' }).click();
  await openImport();
  await expect(page.getByRole('dialog', { name: 'Import connected users' })).toBeVisible();
});

/** Refuses the built file of code loaded on demand, as a server upgraded since the page loaded does; returns what lets it through again. */
async function refuseChunk(page: Page, name: string): Promise<() => Promise<void>> {
  const file = new RegExp(`/assets/${name}-[^/]+\\.js$`);
  await page.route(file, (route) => route.fulfill({ status: 404 }));
  return () => page.unroute(file);
}
