// The audit log names who and what (issue 12, item 11): a user by external id
// and name, a member by e-mail, each time exactly with its UTC offset; it
// filters by actor and target, and an entry leads to the user it concerns.
import { expect, test } from '@playwright/test';
import { nav, owner, ownerPage, rpc, shots } from './helpers';

interface Row {
  id: number;
  externalId: string;
  name: string;
}

test('the audit log names users and members, filters by actor and target, and links to the user', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  const { users } = await rpc<{ users: Row[] }>(page, 'Users/List', [{ status: 'connected', limit: 5 }]);
  const ada = users[0];
  await rpc(page, 'Users/Disable', [ada.id, 'Audit log check']);
  const named = `${ada.externalId} · ${ada.name}`;

  await nav(page, 'Audit log').click();
  const grid = page.getByRole('grid', { name: 'Audit log' });
  const adaRow = grid.getByRole('row').filter({ hasText: named }).first();
  await expect(adaRow).toBeVisible();
  await expect(adaRow).toContainText('Disabled user');
  await expect(adaRow).not.toContainText(`#${ada.id}`);
  // The exact time and its offset, in the table itself, beside "… ago".
  await expect(adaRow).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC[+-]\d{2}:\d{2}/);
  await expect(adaRow).toContainText(/ago/);
  // A member by e-mail: the owner's own sign-ins.
  await expect(
    grid.getByRole('row').filter({ hasText: 'Signed in' }).first().getByRole('button', { name: owner.email }),
  ).toBeVisible();
  await page.screenshot({ path: `${shots}/e2e-audit-1-names.png` });

  // By actor: the seed's entry is the command line's, not the owner's.
  const actor = page.getByRole('textbox', { name: 'Actor' });
  await actor.click();
  await page.getByRole('option', { name: `${owner.name} (${owner.email})` }).click();
  await expect(grid.getByText('Loaded demo data')).toHaveCount(0);
  await expect(adaRow).toBeVisible();
  await actor.click();
  await page.getByRole('option', { name: 'Roster command line' }).click();
  await expect(grid.getByText('Loaded demo data')).toBeVisible();
  await expect(grid.getByText(named)).toHaveCount(0);
  await page.screenshot({ path: `${shots}/e2e-audit-2-by-actor.png` });
  await page.getByRole('button', { name: 'Clear filters' }).first().click();

  // By target: the user's external id finds their entries and no one else's.
  await page.getByRole('textbox', { name: 'Target', exact: true }).fill(ada.externalId);
  await expect(adaRow).toBeVisible();
  await expect(grid.getByText('Signed in')).toHaveCount(0);
  await expect(grid.getByRole('row').filter({ hasNotText: named })).toHaveCount(1); // the header row
  await page.screenshot({ path: `${shots}/e2e-audit-3-by-target.png` });

  // The entry leads to the user: their drawer on the Connected users page.
  await adaRow.getByRole('button', { name: named }).click();
  await expect(page.getByRole('dialog', { name: ada.name })).toBeVisible();
  await expect(nav(page, 'Connected users')).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: `${shots}/e2e-audit-4-user-drawer.png` });
  await page.keyboard.press('Escape');

  // …and a member to the Team page, found by e-mail.
  await nav(page, 'Audit log').click();
  await grid
    .getByRole('row')
    .filter({ hasText: 'Signed in' })
    .first()
    .getByRole('button', { name: owner.email })
    .click();
  await expect(page.getByRole('heading', { name: 'Team' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Search members' })).toHaveValue(owner.email);
  await page.screenshot({ path: `${shots}/e2e-audit-5-member.png` });

  // Someone in Berlin reads the same instant with their offset.
  const berlin = await (
    await browser.newContext({
      storageState: await page.context().storageState(),
      timezoneId: 'Europe/Berlin',
    })
  ).newPage();
  await berlin.goto(page.url());
  await nav(berlin, 'Audit log').click();
  await expect(
    berlin.getByRole('grid', { name: 'Audit log' }).getByRole('row').filter({ hasText: named }).first(),
  ).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\+01:00/); // CET in December
  await berlin.screenshot({ path: `${shots}/e2e-audit-6-berlin.png` });
  await berlin.context().close();

  await rpc(page, 'Users/Enable', [ada.id]); // as the next specs expect it
  await page.context().close();
});
