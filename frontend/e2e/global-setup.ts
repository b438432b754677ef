import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Seeds a temp database, starts `roster serve` on a free loopback port and
// hands the printed sign-in URL to the tests as ROSTER_URL.
export default async function globalSetup() {
  const bin = resolve(process.env.ROSTER_BIN ?? '../build/bin/roster');
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
  const db = join(dir, 'e2e.db');
  execFileSync(bin, ['seed', '--db', db, '--users', '3000', '--seed', '42', '--now', '2026-11-01T00:00:00Z']);

  const server = spawn(bin, ['serve', '--db', db, '--addr', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('roster serve printed no URL within 30 s')), 30_000);
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/^Roster is serving at (\S+)$/m);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    server.on('exit', (code) => fail(new Error(`roster serve exited with ${code}: ${out}`)));
  });
  process.env.ROSTER_URL = url;

  return async () => {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
}
