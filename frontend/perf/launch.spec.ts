// Serve mode's launch at scale: from starting `roster serve` on a database of
// a million users to the first page of connected users visible in Chromium,
// signed in. From frontend/:
//
//   npx playwright test -c playwright.perf.config.ts
//
// ROSTER_PERF_DB (default /tmp/roster-1m.db; seeded with ROSTER_PERF_USERS,
// default 1,000,000, when missing; its owner is set up as the end-to-end
// tests' owner), ROSTER_PERF_RUNS (5), ROSTER_BIN (../build/bin/roster),
// ROSTER_PERF_TRACE=1 to print every request.
import { test, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ownerPage } from '../e2e/helpers';

const db = process.env.ROSTER_PERF_DB ?? '/tmp/roster-1m.db';
const bin = resolve(process.env.ROSTER_BIN ?? '../build/bin/roster');
const runs = Number(process.env.ROSTER_PERF_RUNS ?? 5);

interface Served {
  child: ChildProcess;
  url: string;
  started: number;
  listening: number;
}

/** Starts roster serve and resolves once it printed where it serves. */
function serve(): Promise<Served> {
  const started = performance.now();
  const child = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^Roster is serving at (\S+)$/m.exec(out);
      if (m) ok({ child, url: m[1], started, listening: performance.now() });
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

  const launches: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = await serve();
    const context = await browser.newContext({ storageState });
    const p = await context.newPage();
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
    await firstRow(p).waitFor({ timeout: 60_000 });
    const visible = performance.now();
    launches.push(visible - s.started);
    console.log(
      `run ${i + 1}: start → listening ${(s.listening - s.started).toFixed(0)} ms, → first rows visible ${(visible - s.started).toFixed(0)} ms`,
    );
    await context.close();
    await stop(s.child);
  }
  launches.sort((a, b) => a - b);
  console.log(
    `median launch → first rows visible: ${launches[Math.floor(launches.length / 2)].toFixed(0)} ms over ${runs} runs`,
  );
});
