import { defineConfig } from '@playwright/test';

// Drives Debian's Chromium (no browser download) against `roster serve` on a
// freshly seeded temp database; see e2e/global-setup.ts.
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  // dashboard.spec.ts sets the owner up on the fresh database, so it runs
  // first; the other specs follow in file-name order.
  projects: [
    { name: 'first', testMatch: 'dashboard.spec.ts' },
    { name: 'specs', testIgnore: 'dashboard.spec.ts', dependencies: ['first'] },
  ],
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-dev-shm-usage',
      ],
    },
  },
});
