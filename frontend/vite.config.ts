/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Writes a gzip copy (name.gz) beside each script and style sheet, for
 * `roster serve` to send browsers that accept it: a third of the bytes
 * over the network, compressed once here rather than on every request.
 */
function gzipAssets(): Plugin {
  return {
    name: 'roster-gzip-assets',
    apply: 'build',
    // Once written: the files as served, after every plugin's last change
    // (Vite fills in its dynamic-import preloads late in generateBundle).
    writeBundle({ dir }, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(file.fileName)) continue;
        const source = file.type === 'chunk' ? file.code : file.source;
        writeFileSync(join(dir!, `${file.fileName}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), gzipAssets()],
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
