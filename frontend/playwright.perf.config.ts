import { defineConfig } from '@playwright/test';

// Measurements, not tests: run on demand (see perf/launch.spec.ts), never by
// ./scripts/test. Debian's Chromium, as for the end-to-end tests.
export default defineConfig({
  testDir: 'perf',
  timeout: 30 * 60_000,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1400, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    },
  },
});
