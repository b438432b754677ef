import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Starts a program and resolves with the first match of pattern in its output. */
function start(bin: string, args: string[], pattern: RegExp): Promise<[ChildProcess, string]> {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${bin} printed no ${pattern} within 30 s`)), 30_000);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(pattern);
      if (m) {
        clearTimeout(timer);
        ok([child, m[1]]);
      }
    });
    child.on('exit', (code) => fail(new Error(`${bin} exited with ${code}: ${out}`)));
  });
}

// Seeds a temp database, starts `roster serve` on a free loopback port and an
// SMTP server (go-smtp, via mailtest's smtpsink) that writes what it receives
// into a directory. The tests get ROSTER_URL, SMTP_PORT and MAIL_DIR.
export default async function globalSetup() {
  const bin = resolve(process.env.ROSTER_BIN ?? '../build/bin/roster');
  const dir = mkdtempSync(join(tmpdir(), 'roster-e2e-'));
  const db = join(dir, 'e2e.db');
  execFileSync(bin, ['seed', '--db', db, '--users', '3000', '--seed', '42', '--now', '2026-11-01T00:00:00Z']);

  const sink = join(dir, 'smtpsink');
  const mailDir = join(dir, 'mail');
  mkdirSync(mailDir);
  execFileSync('go', ['build', '-o', sink, './backend/mail/mailtest/smtpsink'], {
    cwd: resolve('..'),
    stdio: 'inherit',
  });
  const [smtp, smtpPort] = await start(
    sink,
    ['--dir', mailDir],
    /^smtpsink listening on 127\.0\.0\.1:(\d+)$/m,
  );

  const [server, url] = await start(
    bin,
    ['serve', '--db', db, '--addr', '127.0.0.1:0'],
    /^Roster is serving at (\S+)$/m,
  );
  process.env.ROSTER_URL = url;
  process.env.SMTP_PORT = smtpPort;
  process.env.MAIL_DIR = mailDir;

  return () => {
    server.kill('SIGTERM');
    smtp.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
}
