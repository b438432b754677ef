/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Relative asset URLs so the same build works from the Wails asset server and `roster serve`.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One bundle loaded from local disk (Wails) or a local server: size warnings do not apply.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'], // e2e/ is Playwright's
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    mockReset: true,
    coverage: {
      provider: 'v8',
      include: ['src/**'],
      exclude: ['src/**/*.test.{ts,tsx}', 'src/test/**', 'src/api/vocabulary.gen.ts'],
      reporter: ['text-summary'],
    },
  },
});
