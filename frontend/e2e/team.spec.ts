import { expect, test, type Page } from '@playwright/test';
import { mailTo, nav, owner, ownerPage, rosterURL, rpc, rpcCall, shots, signIn } from './helpers';

const monitor = { name: 'Monica Monitor', email: 'monica@example.com', password: 'Monitor-pass-42' };
const fromSetting = 'Roster Admin <roster@example.com>';
const manager = { name: 'Marek Manager', email: 'marek@example.com', password: 'Manager-pass-42' };

/** The text's code and link, as an invitee reads them in the e-mail. */
function invitation(text: string): { code: string; link: string } {
  const code = text.match(/one-time invitation code:\s+(\S+)/)?.[1];
  const link = text.match(/Open this link to accept:\s+(\S+)/)?.[1];
  expect(code, text).toBeTruthy();
  expect(link, text).toBeTruthy();
  return { code: code!, link: link! };
}

/** What each role may call, asked of Go directly: the UI hiding a button is not the check. */
async function expectRefused(page: Page, path: string, args: unknown[]) {
  const { status, body } = await rpcCall(page, path, args);
  expect(status, `${path} should be refused: ${JSON.stringify(body)}`).toBe(403);
}

test('the owner invites a Monitor and an integration Manager over SMTP; roles hold in the UI and in Go', async ({
  browser,
}) => {
  // Three members, invitations by mail and several sign-ins: 15 s on a quiet
  // 2-core machine, past the default 60 s on a busy one.
  test.slow();
  const page = await ownerPage(browser);
  const integrations = await rpc<{ id: number; name: string; users: number }[]>(
    page,
    'Integrations/List',
    [],
  );
  const scope = integrations.filter((i) => i.users > 0).sort((a, b) => b.users - a.users)[1];

  // Settings → E-mail: a wrong port says which stage failed; the right one delivers a test e-mail.
  await nav(page, 'Settings').click();
  await expect(page.getByRole('heading', { name: 'E-mail (SMTP)' })).toBeVisible();
  await page.getByLabel('Host').fill('127.0.0.1');
  await page.getByRole('textbox', { name: 'Security' }).click();
  await page.getByRole('option', { name: 'None (local relay only)' }).click();
  await page.getByLabel('From address').fill(fromSetting);
  await page.getByLabel('Port').fill('1');
  await page.getByRole('button', { name: 'Send test e-mail' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Could not connect' })).toBeVisible();
  await page.getByLabel('Port').fill(process.env.SMTP_PORT!);
  await page.getByRole('button', { name: 'Send test e-mail' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Test e-mail sent' })).toBeVisible();
  const testMail = await mailTo(owner.email, /^Roster test e-mail$/);
  // The display name reaches the mail client; the envelope carries the address alone.
  expect(testMail.fromHeader).toBe(fromSetting);
  expect(testMail.from).toBe('roster@example.com');
  await page.screenshot({ path: `${shots}/e2e-7-settings-smtp.png`, fullPage: true });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved')).toBeVisible();

  // Team → Invite: a Monitor of everything.
  await nav(page, 'Team').click();
  await page.getByRole('button', { name: 'Invite members' }).click();
  let dialog = page.getByRole('dialog', { name: 'Invite members' });
  await dialog.getByLabel('E-mail addresses').fill(monitor.email);
  await dialog.getByRole('textbox', { name: 'Role' }).click();
  await page.getByRole('option', { name: /^Monitor all integrations/ }).click();
  await dialog.getByRole('button', { name: 'Invite', exact: true }).click();
  let result = page.getByRole('dialog', { name: '1 invitation made' });
  await expect(result).toContainText('Invitation e-mail on its way');
  await result.getByRole('button', { name: 'Done' }).click();

  // …and a Manager of one integration, with the owner's own address among the invitees.
  await page.getByRole('button', { name: 'Invite members' }).click();
  dialog = page.getByRole('dialog', { name: 'Invite members' });
  await dialog.getByLabel('E-mail addresses').fill(`${manager.email}\n${owner.email.toUpperCase()}`);
  await dialog.getByRole('textbox', { name: 'Role' }).click();
  await page.getByRole('option', { name: /^Manage integrations/ }).click();
  await dialog.getByRole('textbox', { name: 'Integrations' }).fill(scope.name);
  await page.getByRole('option', { name: scope.name, exact: true }).click();
  await page.keyboard.press('Escape'); // close the dropdown, not the dialog
  await dialog.screenshot({ path: `${shots}/e2e-8-invite.png` });
  await dialog.getByRole('button', { name: 'Invite 2 people' }).click();
  result = page.getByRole('dialog', { name: '1 invitation made' });
  await expect(result).toContainText(manager.email);
  await expect(
    result
      .getByRole('table', { name: 'What happened to each address' })
      .getByRole('row')
      .filter({ hasText: owner.email }),
  ).toContainText('Already a member');
  await result.getByRole('button', { name: 'Done' }).click();
  await expect(result).toBeHidden();

  const table = page.getByRole('table', { name: 'Team members' });
  const row = (email: string) => table.getByRole('row').filter({ hasText: email });
  await expect(row(monitor.email)).toContainText('Pending');
  await expect(row(manager.email)).toContainText(`Manage integrations${scope.name}`);
  await page.screenshot({ path: `${shots}/e2e-9-team-pending.png` });

  // The Monitor accepts through the link in the e-mail, in a browser of their own.
  const monitorMail = await mailTo(monitor.email, /invited you to Roster/);
  expect(monitorMail.subject).toBe(`${owner.name} invited you to Roster`);
  expect(monitorMail.html).toContain(invitation(monitorMail.text).code);
  const monitorPage = await (await browser.newContext()).newPage();
  await monitorPage.goto(invitation(monitorMail.text).link);
  await expect(monitorPage.getByRole('heading', { name: 'Accept an invitation' })).toBeVisible();
  await monitorPage.getByRole('button', { name: 'Continue' }).click();
  await expect(monitorPage.getByText(/invited monica@example.com as Monitor all integrations/)).toBeVisible();
  await monitorPage.getByLabel('Your name').fill(monitor.name);
  await monitorPage.getByLabel('Choose a password').fill(monitor.password);
  await monitorPage.getByLabel('Repeat the password').fill(monitor.password);
  await monitorPage.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(monitorPage.getByRole('heading', { name: 'Connected users' })).toBeVisible();

  // A code works once.
  const reuse = await rpcCall(monitorPage, 'Auth/CheckInvitation', [
    monitor.email,
    invitation(monitorMail.text).code,
  ]);
  expect(JSON.stringify(reuse.body)).toContain('already been accepted');

  // The Monitor looks but changes nothing: no buttons, and Go refuses the calls.
  await expect(nav(monitorPage, 'Settings')).toHaveCount(0);
  await monitorPage.getByRole('grid').getByRole('row').nth(1).click();
  const drawer = monitorPage.getByRole('dialog').filter({ has: monitorPage.getByText('Created') });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('button', { name: 'Disable user' })).toHaveCount(0);
  await expect(drawer.getByRole('button', { name: /^Uninstall / })).toHaveCount(0);
  await monitorPage.keyboard.press('Escape');
  await nav(monitorPage, 'Team').click();
  await expect(monitorPage.getByRole('table', { name: 'Team members' })).toContainText(owner.email);
  await expect(monitorPage.getByRole('button', { name: 'Invite members' })).toHaveCount(0);
  await expect(monitorPage.getByRole('button', { name: /^Actions for / })).toHaveCount(0);
  await expect(monitorPage.getByRole('switch', { name: `Enable ${owner.name}` })).toBeDisabled();
  await monitorPage.screenshot({ path: `${shots}/e2e-10-monitor-team.png` });
  const someUser = (await rpc<{ users: { id: number }[] }>(monitorPage, 'Users/List', [{ limit: 1 }]))
    .users[0];
  await expectRefused(monitorPage, 'Users/Disable', [someUser.id, 'no']);
  await expectRefused(monitorPage, 'Team/Invite', [
    { emails: 'x@example.com', role: 'monitor_all', integrations: [] },
  ]);
  await expectRefused(monitorPage, 'Team/SetEnabled', [1, false]);
  await expectRefused(monitorPage, 'Settings/Get', []);

  // The Manager accepts with "I have an invitation" and the code from the e-mail.
  const managerMail = await mailTo(manager.email, /invited you to Roster/);
  expect(managerMail.text).toContain(`as Manage integrations (${scope.name})`);
  const managerPage = await (await browser.newContext()).newPage();
  await managerPage.goto(rosterURL());
  await managerPage.getByRole('button', { name: 'I have an invitation' }).click();
  await managerPage.getByLabel('E-mail').fill(manager.email);
  await managerPage.getByLabel('Invitation code').fill(invitation(managerMail.text).code);
  await managerPage.getByRole('button', { name: 'Continue' }).click();
  await managerPage.getByLabel('Your name').fill(manager.name);
  await managerPage.getByLabel('Choose a password').fill(manager.password);
  await managerPage.getByLabel('Repeat the password').fill(manager.password);
  await managerPage.screenshot({ path: `${shots}/e2e-10b-accept.png` });
  await managerPage.getByRole('button', { name: 'Accept and sign in' }).click();
  await expect(managerPage.getByRole('heading', { name: 'Connected users' })).toBeVisible();

  // The Manager works inside their integration only.
  await expect(managerPage.getByRole('textbox', { name: 'Integration' })).toHaveValue(scope.name);
  await expect(nav(managerPage, 'Audit log')).toHaveCount(0);
  const { users } = await rpc<{ users: { id: number; integrations: { id: number }[] }[] }>(
    managerPage,
    'Users/List',
    [{ integrationId: scope.id, limit: 50 }],
  );
  expect(users.length).toBeGreaterThan(0);
  for (const u of users) expect(u.integrations.map((i) => i.id)).toEqual([scope.id]);
  await managerPage.getByRole('grid').getByRole('row').nth(1).click();
  const managerDrawer = managerPage.getByRole('dialog').filter({ has: managerPage.getByText('Created') });
  await expect(managerDrawer.getByRole('button', { name: `Uninstall ${scope.name}` })).toBeVisible();
  await expect(managerDrawer.getByRole('button', { name: 'Disable user' })).toHaveCount(0);
  await managerPage.keyboard.press('Escape');
  await expect(managerDrawer).toBeHidden();
  await managerPage.screenshot({ path: `${shots}/e2e-11-manager-users.png` });
  await expectRefused(managerPage, 'Users/List', [{ limit: 50 }]);
  await expectRefused(managerPage, 'Users/Counts', []);
  await expectRefused(managerPage, 'Users/Disable', [users[0].id, 'no']);
  await expectRefused(managerPage, 'Team/Invite', [
    { emails: 'x@example.com', role: 'monitor_all', integrations: [] },
  ]);
  await expectRefused(managerPage, 'Audit/List', [{}]);

  // Back to the owner, whose table followed along live: both accepted, with a last sign-in.
  // Disabling the Monitor signs them out at once.
  await expect(row(monitor.email)).toContainText('Accepted');
  await expect(row(monitor.email)).toContainText(monitor.name);
  await expect(row(manager.email)).toContainText('Accepted');
  await expect(row(manager.email)).not.toContainText('Never');
  const enable = page.getByRole('switch', { name: `Enable ${monitor.name}` });
  await expect(enable).toBeChecked();
  await enable.focus();
  await page.keyboard.press('Space');
  await expect(enable).not.toBeChecked();
  await page.screenshot({ path: `${shots}/e2e-12-team.png` });

  await expect(monitorPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(monitorPage.getByText('An administrator turned off your access')).toBeVisible();
  await monitorPage.screenshot({ path: `${shots}/e2e-13-monitor-signed-out.png` });
  await signIn(monitorPage, monitor);
  await expect(monitorPage.getByRole('alert')).toContainText(/turned off|disabled/i);

  // Every step is in the audit log, with who did it.
  const audit = await rpc<{ entries: { action: string; actorName: string; targetLabel: string }[] }>(
    page,
    'Audit/List',
    [{ targetType: 'member', limit: 100 }],
  );
  const seen = audit.entries.map((e) => `${e.actorName}: ${e.action} ${e.targetLabel}`);
  for (const line of [
    `${owner.name}: member.invite ${monitor.email}`,
    `${owner.name}: member.invite ${manager.email}`,
    `${monitor.name}: member.invitation_accept ${monitor.name} <${monitor.email}>`,
    `${owner.name}: member.disable ${monitor.name} <${monitor.email}>`,
  ]) {
    expect(seen).toContain(line);
  }
});

test('one bad address does not hold back a batch; an invitee declines from the e-mail', async ({
  browser,
}) => {
  const page = await ownerPage(browser); // e-mail set up by the test above
  await nav(page, 'Team').click();
  await page.getByRole('button', { name: 'Invite members' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite members' });
  await dialog.getByLabel('E-mail addresses').fill(`a@x.com, not-an-address, b@x.com, ${monitor.email}`);
  await dialog.getByRole('textbox', { name: 'Role' }).click();
  await page.getByRole('option', { name: /^Monitor all integrations/ }).click();
  await dialog.getByRole('button', { name: 'Invite 4 people' }).click();

  // Each address says what happened; only the bad entry stays in the field.
  const report = dialog.getByRole('table', { name: 'What happened to each address' });
  const line = (text: string) => report.getByRole('row').filter({ hasText: text });
  await expect(line('a@x.com')).toContainText('SentInvitation e-mail on its way');
  await expect(line('b@x.com')).toContainText('Sent');
  await expect(line('not-an-address')).toContainText('InvalidNo @');
  await expect(line(monitor.email)).toContainText('Already a member');
  await expect(dialog.getByLabel('E-mail addresses')).toHaveValue('not-an-address');
  await expect(dialog).toContainText('Not sent: this is not an e-mail address');
  await dialog.screenshot({ path: `${shots}/e2e-9b-invite-report.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // Both good addresses got their invitation, from the From setting's name, with a decline link.
  const aMail = await mailTo('a@x.com', /invited you to Roster/);
  expect(aMail.fromHeader).toBe(fromSetting);
  const bMail = await mailTo('b@x.com', /invited you to Roster/);
  const decline = bMail.text.match(/Open this link to decline:\s+(\S+)/)?.[1];
  expect(decline, bMail.text).toContain('/#dismiss?email=b%40x.com&code=');

  // b declines in a browser of their own: the link lands on the dismiss form, filled in.
  const bPage = await (await browser.newContext()).newPage();
  await bPage.goto(decline!);
  await expect(bPage.getByRole('heading', { name: 'Decline an invitation' })).toBeVisible();
  await expect(bPage.getByLabel('E-mail')).toHaveValue('b@x.com');
  await bPage.screenshot({ path: `${shots}/e2e-9c-decline.png` });
  await bPage.getByRole('button', { name: 'Dismiss the invitation' }).click();
  await expect(bPage.getByRole('heading', { name: 'Invitation dismissed' })).toBeVisible();

  // The owner's table: invitees say what is true for them, with no switches.
  const table = page.getByRole('table', { name: 'Team members' });
  const row = (email: string) => table.getByRole('row').filter({ hasText: email });
  await expect(row('b@x.com')).toContainText('Dismissed');
  await expect(row('b@x.com')).toContainText('Not a member yetThey declined the invitation');
  await expect(row('a@x.com')).toContainText('Not a member yetInvitation pending');
  for (const email of ['a@x.com', 'b@x.com']) await expect(row(email).getByRole('switch')).toHaveCount(0);
  await expect(row('not-an-address')).toHaveCount(0);
  // Last sign in: the exact time, with its UTC offset, on hover.
  await row(owner.email).locator('time').hover();
  await expect(page.getByRole('tooltip')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[+-]\d\d:\d\d$/);
  await page.screenshot({ path: `${shots}/e2e-9d-team-invitees.png` });

  // Go refuses the switches an invitee does not have.
  const [a] = await rpc<{ id: number }[]>(page, 'Team/List', [{ search: 'a@x.com' }]);
  for (const path of ['Team/SetEnabled', 'Team/SetNotifications']) {
    const { status, body } = await rpcCall(page, path, [a.id, false]);
    expect(status).toBe(409);
    expect(JSON.stringify(body)).toContain('a@x.com is not a member yet');
  }
});
