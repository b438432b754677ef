/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/**
 * Two chunks for the first screen: "boot", the entry's own modules (what
 * src/main.tsx imports statically), and "mount", the console's (what
 * src/mount.tsx imports statically besides), each with the library code
 * they use. Left to itself the bundler moves every module that a lazy page
 * or dialog shares with the console (Button, Modal, DataGrid…) into a chunk
 * of its own: 33 files, which a launch reads one by one from the browser's
 * cache before the console can run. Only Roster's modules are named here:
 * the libraries' follow as used (their index files import every component,
 * used or not). "boot" is the stronger group, so the console's chunk leaves
 * what the entry loads to it. Pages and dialogs loaded later import from
 * these, loaded by then.
 */
function firstScreenChunks() {
  const mainFile = resolve(import.meta.dirname, 'src/main.tsx');
  const mountFile = resolve(import.meta.dirname, 'src/mount.tsx');
  type Info = { importedIds: readonly string[] } | null;
  type Context = { getModuleInfo(id: string): Info };
  let graph: { boot: Set<string>; mount: Set<string> } | undefined;
  const reach = (root: string, ctx: Context) => {
    const seen = new Set<string>();
    const stack = [root];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(ctx.getModuleInfo(id)?.importedIds ?? []));
    }
    return seen;
  };
  const of = (name: 'boot' | 'mount') => (id: string, ctx: Context) => {
    if (!graph) {
      const boot = reach(mainFile, ctx);
      const mount = new Set([...reach(mountFile, ctx)].filter((m) => !boot.has(m)));
      boot.delete(mainFile);
      graph = { boot, mount };
    }
    return graph[name].has(id) && !id.includes('/node_modules/') ? name : null;
  };
  return [
    { name: of('boot'), debugName: 'boot', priority: 2 },
    { name: of('mount'), debugName: 'mount', priority: 1 },
  ];
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
    rolldownOptions: {
      output: { codeSplitting: { groups: firstScreenChunks() } },
    },
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
