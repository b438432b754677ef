import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const shots = '../build/screenshots';
mkdirSync(shots, { recursive: true });

/** An address on the `roster serve` that global-setup started. */
export function rosterURL(path = '/'): string {
  const base = process.env.ROSTER_URL;
  if (!base)
    throw new Error(
      'ROSTER_URL is not set: run these tests with playwright, whose global setup starts roster',
    );
  return new URL(path, base).href;
}

export const owner = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'Correct-horse-9' };

/** Calls the same bridge the UI uses, with the page's session cookie; returns the HTTP status and body. */
export async function rpcCall(
  page: Page,
  path: string,
  args: unknown[],
): Promise<{ status: number; body: unknown }> {
  const res = await page.request.post(new URL(`/rpc/${path}`, page.url()).href, { data: args });
  const text = await res.text();
  return { status: res.status(), body: text ? JSON.parse(text) : null };
}

/** Like rpcCall, for a call that must succeed. */
export async function rpc<T>(page: Page, path: string, args: unknown[]): Promise<T> {
  const { status, body } = await rpcCall(page, path, args);
  expect(status, `${path}: ${JSON.stringify(body)}`).toBe(200);
  return body as T;
}

export async function signIn(page: Page, who: { email: string; password: string }) {
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export interface Mail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The From header as a mail client shows it: "Roster Admin <roster@example.com>". */
  fromHeader: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** What the e2e SMTP server (smtpsink) received so far, oldest first. */
export function mailbox(): Mail[] {
  const dir = process.env.MAIL_DIR!;
  return readdirSync(dir)
    .filter((f) => /^\d+\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Mail);
}

/** Waits for the newest mail to an address, e.g. an invitation the outbox sends a moment later. */
export async function mailTo(address: string, subject: RegExp): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => {
        found = mailbox()
          .filter((m) => m.to === address && subject.test(m.subject))
          .at(-1);
        return found !== undefined;
      },
      { message: `a mail to ${address} matching ${subject}`, timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}

/** The owner's page: set up on a new database (this file run alone), else signed in. */
// The owner's signed-in browser state, shared by the specs of this worker:
// every sign-in spends one of serve mode's rate-limited attempts (10 per
// address, then one every 6 s), and the suite would otherwise run out.
let ownerState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;

/** A page signed in as the owner (set up first on a new database). */
export async function ownerPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ storageState: ownerState })).newPage();
  await page.goto(process.env.ROSTER_URL!);
  const setup = page.getByRole('heading', { name: 'Set up the owner' });
  const signInForm = page.getByRole('heading', { name: 'Sign in' });
  const home = page.getByRole('heading', { name: 'Connected users' });
  await expect(setup.or(signInForm).or(home)).toBeVisible();
  if (await home.isVisible()) return page; // the shared session still holds
  if (await setup.isVisible()) {
    await page.getByLabel('Your name').fill(owner.name);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel(/^Password\W*$/).fill(owner.password);
    await page.getByLabel('Repeat the password').fill(owner.password);
    await page.getByRole('button', { name: 'Create the owner and sign in' }).click();
  } else {
    await signIn(page, owner);
  }
  await expect(home).toBeVisible();
  ownerState = await page.context().storageState();
  return page;
}

export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
}
