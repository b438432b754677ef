// Serve mode's launch at scale: from starting `roster serve` on a database of
// a million users to the first page of connected users visible in Chromium,
// signed in. From frontend/:
//
//   npx playwright test -c playwright.perf.config.ts
//
// ROSTER_PERF_DB (default /tmp/roster-1m.db; seeded with ROSTER_PERF_USERS,
// default 1,000,000, when missing; its owner is set up as the end-to-end
// tests' owner), ROSTER_PERF_RUNS (5), ROSTER_BIN (../build/bin/roster),
// ROSTER_PERF_TRACE=1 to print every request, ROSTER_PERF_NETWORK to emulate
// a network (see emulateNetwork). The first test times launches in a new
// browser, and relaunches at one address in a browser profile on disk, whose
// caches hold Roster's files and the code compiled from them; the second
// reports serve's memory (RSS) after scrolling and 16 concurrent readers; the
// third, the time to jump to the millionth row and what a drag of the
// scrollbar across the list costs.
import { chromium, test, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ownerPage } from '../e2e/helpers';

const db = process.env.ROSTER_PERF_DB ?? '/tmp/roster-1m.db';
const bin = resolve(process.env.ROSTER_BIN ?? '../build/bin/roster');
const runs = Number(process.env.ROSTER_PERF_RUNS ?? 5);

interface Served {
  child: ChildProcess;
  url: string;
  started: number; // epoch ms, as the page's clock reads it
  listening: number;
}

/** Starts roster serve and resolves once it printed where it serves. */
/** Starts `roster serve` on addr (by default a free port). */
function serve(addr = '127.0.0.1:0'): Promise<Served> {
  const started = Date.now();
  const child = spawn(bin, ['serve', '--db', db, '--addr', addr], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^Roster is serving at (\S+)$/m.exec(out);
      if (m) ok({ child, url: m[1], started, listening: Date.now() });
    });
    child.on('exit', (code) => fail(new Error(`roster serve exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    child.on('exit', () => ok());
    child.kill('SIGTERM');
  });
}

const firstRow = (page: Page) => page.getByRole('row').nth(1); // row 0 is the header

/**
 * Records in the page when the first row of users is painted (epoch ms, as
 * window.firstRowAt): a locator polls too coarsely to time it. A string: the
 * perf specs are typed for Node, without the DOM.
 */
const markFirstRow = `
  new MutationObserver((_, observer) => {
    if (document.querySelectorAll('[role="row"]').length < 2) return; // the header, then a user
    observer.disconnect();
    window.firstRowInserted = performance.timeOrigin + performance.now();
    requestAnimationFrame(() => setTimeout(() => (window.firstRowAt = performance.timeOrigin + performance.now())));
  }).observe(document, { childList: true, subtree: true });
  window.longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]);
  }).observe({ type: 'longtask', buffered: true });
`;

/**
 * ROSTER_PERF_NETWORK="latency ms,Mbit/s" (e.g. "20,20") has Chromium
 * emulate a network between the browser and Roster, as a teammate reaching
 * a served Roster over a LAN or VPN has; unset, loopback.
 */
async function emulateNetwork(page: Page): Promise<void> {
  const network = process.env.ROSTER_PERF_NETWORK;
  if (!network) return;
  const [latency, mbit] = network.split(',').map(Number);
  const cdp = await page.context().newCDPSession(page);
  const throughput = (mbit * 1e6) / 8; // bytes/s
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency,
    downloadThroughput: throughput,
    uploadThroughput: throughput,
  });
}

/**
 * Starts Roster on addr and opens it in a new tab of context, which is open
 * before Roster starts, as a person's browser is: the time is Roster's, from
 * its start to rows painted. Returns that time in ms.
 */
async function launch(context: BrowserContext, label: string, addr?: string): Promise<number> {
  const p = await context.newPage();
  await emulateNetwork(p);
  const s = await serve(addr);
  const t0 = performance.now();
  if (process.env.ROSTER_PERF_TRACE) {
    p.on('request', (r) =>
      console.log(
        `  ${(performance.now() - t0).toFixed(0).padStart(5)} ms  start ${new URL(r.url()).pathname}`,
      ),
    );
    p.on('requestfinished', (r) => {
      const at = (performance.now() - t0).toFixed(0).padStart(5);
      console.log(
        `  ${at} ms  ${r.method()} ${new URL(r.url()).pathname} (${r.timing().responseEnd.toFixed(0)} ms)`,
      );
    });
  }
  await p.goto(s.url);
  const visible = (await (
    await p.waitForFunction(() => (globalThis as { firstRowAt?: number }).firstRowAt, null, {
      timeout: 60_000,
    })
  ).jsonValue()) as number;
  const inserted = (await p.evaluate(() => (globalThis as { firstRowInserted?: number }).firstRowInserted))!;
  if (process.env.ROSTER_PERF_TRACE) {
    const tasks = await p.evaluate(() => (globalThis as { longTasks?: number[][] }).longTasks);
    const origin = await p.evaluate(
      () => (globalThis as unknown as { performance: { timeOrigin: number } }).performance.timeOrigin,
    );
    console.log(
      `  page origin at ${(origin - s.started).toFixed(0)} ms; long tasks [start, duration] in page ms: ${JSON.stringify(tasks)}`,
    );
  }
  console.log(
    `${label}: start → listening ${(s.listening - s.started).toFixed(0)} ms, → first row in the DOM ${(inserted - s.started).toFixed(0)} ms, → painted ${(visible - s.started).toFixed(0)} ms`,
  );
  await p.close();
  await stop(s.child);
  return visible - s.started;
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => ok(port));
    });
  });
}

function median(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)].toFixed(0);
}

test('launch to first rows visible', async ({ browser }) => {
  if (!existsSync(db)) {
    execFileSync(bin, ['seed', '--db', db, '--users', process.env.ROSTER_PERF_USERS ?? '1000000'], {
      stdio: 'inherit',
    });
  }
  // Sign in once (setting up the owner of a new database); keep the cookie.
  const first = await serve();
  process.env.ROSTER_URL = first.url;
  const page = await ownerPage(browser);
  await firstRow(page).waitFor({ timeout: 60_000 });
  const storageState = await page.context().storageState();
  await page.context().close();
  await stop(first.child);

  // A browser that has never loaded Roster: a new context each time.
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ storageState });
    await context.addInitScript({ content: markFirstRow });
    cold.push(await launch(context, `launch ${i + 1}`));
    await context.close();
  }
  // A browser that has (the everyday case): a profile on disk, as a
  // person's is, whose cache keeps the built files from the launches before
  // and the code V8 compiled from them (a new context, like incognito, keeps
  // no compiled code), and Roster at the same address each time, as
  // `roster serve` keeps its default one: both caches belong to an origin.
  const addr = `127.0.0.1:${await freePort()}`;
  const profile = mkdtempSync(join(tmpdir(), 'roster-perf-profile-'));
  const { launchOptions, viewport } = test.info().project.use;
  const context = await chromium.launchPersistentContext(profile, { ...launchOptions, viewport });
  await context.addCookies(storageState.cookies);
  await context.addInitScript({ content: markFirstRow });
  await launch(context, 'first load', addr);
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push(await launch(context, `relaunch ${i + 1}`, addr));
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  const network = process.env.ROSTER_PERF_NETWORK ? ` (network ${process.env.ROSTER_PERF_NETWORK})` : '';
  console.log(`median launch → first rows visible${network}: ${median(cold)} ms over ${runs} runs`);
  console.log(`median relaunch, the browser's cache warm${network}: ${median(warm)} ms over ${runs} runs`);
});

/** Starts recording main-thread tasks long enough to stall scrolling (over 50 ms). */
function watchLongTasks(page: Page): Promise<void> {
  return page.evaluate(() => {
    const g = globalThis as unknown as {
      stalls: number[];
      PerformanceObserver: new (cb: (l: { getEntries(): { duration: number }[] }) => void) => {
        observe(o: object): void;
      };
    };
    g.stalls = [];
    new g.PerformanceObserver((l) => {
      for (const e of l.getEntries()) g.stalls.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}

/** The durations watchLongTasks recorded, in ms. */
function longTasks(page: Page): Promise<number[]> {
  return page.evaluate(() => (globalThis as { stalls?: number[] }).stalls ?? []);
}

/** Resident memory of a process, in MB: now and at its peak. */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

test('memory after scrolling and 16 concurrent readers', async ({ browser }) => {
  const s = await serve();
  process.env.ROSTER_URL = s.url;
  const page = await ownerPage(browser);
  await firstRow(page).waitFor({ timeout: 60_000 });
  console.log(`signed in: ${JSON.stringify(memory(s.child.pid!))}`);

  // Scroll the table down, 100,000 px a turn of the wheel (each stop a page
  // read by position from Go), watching for main-thread tasks long enough
  // to stall the scroll.
  await watchLongTasks(page);
  let pages = 0;
  page.on('request', (r) => void (r.url().endsWith('/rpc/Users/List') && pages++));
  await page.getByRole('grid').hover();
  for (let i = 0; i < 30; i++) {
    await page.mouse.wheel(0, 100_000);
    await page.waitForTimeout(300); // the pages on screen load once the scrolling settles (150 ms)
  }
  const tasks = await longTasks(page);
  console.log(
    `after scrolling 30 times (${pages} more pages loaded): ${JSON.stringify(memory(s.child.pid!))}; tasks over 50 ms: ${tasks.length} (longest ${Math.max(0, ...tasks)} ms)`,
  );

  // 16 readers at once, each walking filtered, searched and sorted lists.
  const inputs = [
    {},
    { status: 'account_errors' },
    { status: 'disabled', sort: 'name', order: 'asc' },
    { search: 'son' },
    { search: 'globex', sort: 'name', order: 'asc' },
    { sort: 'last_active' },
    { integrationId: 1 },
    { integrationId: 2, status: 'connected', sort: 'name', order: 'asc' },
  ];
  const started = performance.now();
  let calls = 0;
  await Promise.all(
    Array.from({ length: 16 }, async (_, r) => {
      for (let i = 0; i < 20; i++) {
        let cursor = '';
        for (let p = 0; p < 5; p++) {
          const res = await page.request.post(new URL('/rpc/Users/List', s.url).href, {
            data: [{ ...inputs[(r + i) % inputs.length], cursor, limit: 100 }],
          });
          calls++;
          cursor = ((await res.json()) as { nextCursor: string }).nextCursor;
          if (!cursor) break;
        }
      }
    }),
  );
  const m = memory(s.child.pid!);
  console.log(
    `after 16 concurrent readers (${calls} list calls in ${((performance.now() - started) / 1000).toFixed(1)} s): RSS ${m.rss.toFixed(0)} MB, peak ${m.peak.toFixed(0)} MB`,
  );
  await page.context().close();
  await stop(s.child);
});

test('jump to the millionth row, and drag the scrollbar across the list', async ({ browser }) => {
  const s = await serve();
  process.env.ROSTER_URL = s.url;
  const page = await ownerPage(browser);
  await firstRow(page).waitFor({ timeout: 60_000 });
  const grid = page.getByRole('grid', { name: 'Connected users' });
  const total = Number((await grid.getAttribute('aria-rowcount'))!) - 1;
  await watchLongTasks(page);
  let pages = 0;
  page.on('request', (r) => void (r.url().endsWith('/rpc/Users/List') && pages++));

  // End: the last row, read by position, painted.
  const last = grid.locator(`[role="row"][aria-rowindex="${total + 1}"]:not([aria-busy])`);
  await grid.focus();
  const t0 = Date.now();
  await page.keyboard.press('End');
  await last.waitFor({ timeout: 30_000 });
  const jump = Date.now() - t0;

  // Home, then a drag from the top to three quarters down in 60 frames
  // (about a second), as a hand on the scrollbar; then until every row on
  // screen is filled.
  await page.keyboard.press('Home');
  await firstRow(page).waitFor();
  pages = 0;
  const t1 = Date.now();
  await grid.evaluate(
    (el: { scrollTop: number; scrollHeight: number; clientHeight: number }) =>
      new Promise<void>((done) => {
        const g = globalThis as unknown as { requestAnimationFrame(cb: () => void): void };
        let frame = 0;
        const step = () => {
          el.scrollTop = ((el.scrollHeight - el.clientHeight) * 0.75 * ++frame) / 60;
          if (frame < 60) g.requestAnimationFrame(step);
          else done();
        };
        g.requestAnimationFrame(step);
      }),
  );
  const dragged = Date.now() - t1;
  await grid.locator('[role="row"][aria-busy]').first().waitFor({ state: 'detached', timeout: 30_000 });
  const filled = Date.now() - t1;
  const tasks = await longTasks(page);
  console.log(
    `${total} rows: End → last row painted ${jump} ms; drag to ¾ in ${dragged} ms, rows filled at ${filled} ms, ${pages} pages read; tasks over 50 ms: ${tasks.length} (longest ${Math.max(0, ...tasks)} ms)`,
  );
  await page.context().close();
  await stop(s.child);
});
