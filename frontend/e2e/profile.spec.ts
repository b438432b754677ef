import { expect, test } from '@playwright/test';
import { mailTo, ownerPage, rosterURL, rpc, shots, signIn } from './helpers';

interface SmtpSettings {
  host: string;
  port: number;
  security: string;
  username: string;
  from: string;
}
interface SettingsShape {
  smtp: SmtpSettings;
  invitationsOpen: boolean;
  invitationDays: number;
  idleMinutes: number;
}

function settingsInput(s: SettingsShape, smtp: SmtpSettings) {
  return {
    // Only the form's fields; a password of '' keeps the one stored.
    smtp: {
      host: smtp.host,
      port: smtp.port,
      security: smtp.security,
      username: smtp.username,
      from: smtp.from,
      password: '',
    },
    invitationsOpen: s.invitationsOpen,
    invitationDays: s.invitationDays,
    idleMinutes: s.idleMinutes,
  };
}

// The profile changes are made by a member this spec invites, so the owner
// the other specs share keeps their name, address and password.
const pat = { name: 'Pat Profile', email: 'pat@example.com', password: 'Profile-pass-42' };
const newEmail = 'pat.renamed@example.com';

test('a member changes their name, and their e-mail with the code mailed to the new address', async ({
  browser,
}) => {
  const owner = await ownerPage(browser);
  const before = await rpc<SettingsShape>(owner, 'Settings/Get', []);
  await rpc(owner, 'Settings/Update', [
    settingsInput(before, {
      host: '127.0.0.1',
      port: Number(process.env.SMTP_PORT),
      security: 'none',
      username: '',
      from: 'roster@example.com',
    }),
  ]);
  try {
    const invited = await rpc<{ invited: { code: string; member: { id: number } }[] }>(owner, 'Team/Invite', [
      { emails: pat.email, role: 'monitor_all' },
    ]);
    const { code, member } = invited.invited[0];

    const page = await (await browser.newContext()).newPage();
    await page.goto(rosterURL());
    await rpc(page, 'Auth/AcceptInvitation', [
      { email: pat.email, code, name: pat.name, password: pat.password },
    ]);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Connected users' })).toBeVisible();

    // The account menu: the theme, which Roster and which file, beside Sign out.
    const accountMenu = page.getByRole('button', { name: 'Account menu' });
    await accountMenu.click();
    const menu = page.getByRole('menu');
    await expect(menu.getByText(/^Roster \S+/)).toBeVisible();
    await expect(menu.getByText(/^Database: .*e2e\.db$/)).toBeVisible();
    await expect(menu.getByRole('menuitem', { name: 'Follow the system (chosen)' })).toBeVisible();
    await menu.getByRole('menuitem', { name: 'Light' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.screenshot({ path: `${shots}/e2e-profile-1-menu-light.png` });
    await menu.getByRole('menuitem', { name: 'Dark' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.screenshot({ path: `${shots}/e2e-profile-2-menu-dark.png` });
    // Remembered across a reload.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Connected users' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await accountMenu.click();
    await menu.getByRole('menuitem', { name: 'Light' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');

    // The profile: a new name shows in the header at once.
    await menu.getByRole('menuitem', { name: 'Profile…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Your profile' });
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await expect(name).toHaveValue(pat.name);
    await name.fill('Pat Renamed');
    await dialog.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText('Your name is saved.')).toBeVisible();
    await expect(accountMenu).toContainText('Pat Renamed');

    // The e-mail changes only once the code mailed to the new address is entered.
    await dialog.getByRole('textbox', { name: 'New e-mail address' }).fill(newEmail);
    await dialog.getByRole('button', { name: 'Send code' }).click();
    await expect(dialog.getByText(`We sent a code to ${newEmail}`)).toBeVisible();
    const mail = await mailTo(newEmail, /confirmation code/);
    const mailed = mail.text.match(/confirmation code:\s+(\d{6})/)?.[1];
    expect(mailed, mail.text).toBeTruthy();
    await dialog.screenshot({ path: `${shots}/e2e-profile-3-form.png` });

    const codeField = dialog.getByRole('textbox', { name: 'Confirmation code' });
    await codeField.fill(mailed === '000000' ? '111111' : '000000');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog.getByText(/That is not the code sent to .* \(4 tries left\)/)).toBeVisible();
    await codeField.fill(mailed!);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByText(`Your e-mail address is now ${newEmail}.`)).toBeVisible();
    await expect(dialog.getByText(`You sign in with ${newEmail}`)).toBeVisible();

    // The team and the audit log say so; the new address signs in.
    const team = await rpc<{ id: number; email: string; name: string }[]>(owner, 'Team/List', [
      { search: 'pat' },
    ]);
    expect(team.find((m) => m.id === member.id)).toMatchObject({ email: newEmail, name: 'Pat Renamed' });
    const audit = await rpc<{ entries: { before: unknown; after: unknown }[] }>(owner, 'Audit/List', [
      { action: 'member.email' },
    ]);
    expect(audit.entries[0]).toMatchObject({ before: { email: pat.email }, after: { email: newEmail } });
    await page.keyboard.press('Escape');
    await accountMenu.click();
    await menu.getByRole('menuitem', { name: 'Sign out' }).click();
    await signIn(page, { email: newEmail, password: pat.password });
    await expect(page.getByRole('heading', { name: 'Connected users' })).toBeVisible();

    await rpc(owner, 'Team/Remove', [member.id]);
  } finally {
    await rpc(owner, 'Settings/Update', [settingsInput(before, before.smtp)]);
  }
});
