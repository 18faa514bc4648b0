#!/usr/bin/env node
/**
 * Bundles the compiled CLI (dist/src/cli/main.js, after tsc) into dist/cli/ with rolldown.
 *
 * Why: the pre-commit hook runs `keyaudit scan --staged` on every commit, and its start-up was
 * dominated by Node resolving and compiling ~230 separate ES modules. A handful of files load far
 * faster (docs/performance.md has the numbers). The library entry (dist/src/index.js) stays
 * unbundled; only bin/keyaudit.js loads dist/cli/.
 *
 * Chunks: the entry is `keyaudit.js`; every module it reaches through static imports is in one
 * chunk (`shared.js`), since every run loads them anyway. What only some commands need stays behind
 * dynamic imports in chunks of their own, so the hook never loads them: the store (`store.js`),
 * the key audit and exchange adapters (`audit.js`), the demo (`demo.js`), hook installation
 * (`hooks.js`), and the git scans (`git-scan.js`). CCXT is not bundled (12 MB, loaded only by an
 * audit); neither is typescript (cosmiconfig would only need it for .ts configs, which keyaudit
 * refuses). The scan worker is a second entry (`scan-worker.js`) beside the chunk that starts it.
 * test/cli/scan-staged-startup.test.ts checks what `scan --staged` loads.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'cli');

/** KEYAUDIT_BUNDLE_MINIFY=0 keeps the bundle readable for profiling. */
const MINIFY = process.env.KEYAUDIT_BUNDLE_MINIFY !== '0';
const MAIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const WORKER = path.join(ROOT, 'dist', 'src', 'scan', 'scan-worker.js');

/** Names for the lazily loaded parts' chunks, by the compiled path of their modules. */
const LAZY_CHUNKS = [
  ['store', /[\\/]dist[\\/]src[\\/]store[\\/]/],
  ['audit', /[\\/]dist[\\/]src[\\/](?:audit|exchanges)[\\/]/],
  ['demo', /[\\/]dist[\\/]src[\\/]demo[\\/]/],
  ['hooks', /[\\/]dist[\\/]src[\\/]hooks[\\/]/],
];

/**
 * Modules the CLI entry reaches through static imports only: they are loaded on every run anyway,
 * so they go into one chunk. Filled at buildEnd, read when chunks are assigned.
 */
const staticallyReachable = new Set();
const reachabilityPlugin = {
  name: 'keyaudit-static-reachability',
  buildEnd() {
    const queue = [MAIN];
    while (queue.length > 0) {
      const id = queue.pop();
      if (staticallyReachable.has(id)) continue;
      staticallyReachable.add(id);
      const info = this.getModuleInfo(id);
      if (info !== null) queue.push(...info.importedIds);
    }
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  input: {
    keyaudit: MAIN,
    'scan-worker': WORKER,
  },
  platform: 'node',
  external: [/^node:/, 'ccxt', 'typescript'],
  // A warning here is a bundle that does not do what this file says (a dynamic import that no
  // longer splits, say): fail the build rather than ship it.
  onLog(level, log) {
    if (level === 'warn') throw new Error(`bundle: ${log.code ?? 'warning'}: ${log.message}`);
  },
  plugins: [reachabilityPlugin],
  output: {
    dir: OUT,
    format: 'cjs',
    // No import() left in the bundle: a vm.Script with a code cache cannot take a dynamic-import
    // callback without an experimental API (which prints a warning, and loses the callback when
    // the script comes from the cache). CCXT has a CommonJS build; require() it.
    dynamicImportInCjs: false,
    // Smaller files parse faster; stack traces are never shown to users (KEYAUDIT_DEBUG=1 shows
    // frames of the minified code, so debug with the unbundled dist/src/ or the tests).
    minify: MINIFY,
    entryFileNames: '[name].js',
    chunkFileNames: '[name].js',
    codeSplitting: {
      groups: [
        // Everything the CLI imports statically: one file instead of a dozen small ones.
        { name: 'shared', test: (id) => staticallyReachable.has(id), priority: 2 },
        ...LAZY_CHUNKS.map(([name, test]) => ({ name, test, priority: 1 })),
      ],
    },
  },
});
// (Checked on minified output only: comments of unminified code may mention import().)
for (const name of MINIFY ? readdirSync(OUT) : []) {
  if (/\bimport\(/.test(readFileSync(path.join(OUT, name), 'utf8'))) throw new Error(`bundle: dist/cli/${name} still has a dynamic import()`);
}
// CommonJS, so bin/keyaudit.js can compile the chunks with vm.Script and a V8 code cache (Node 20
// has no compile cache of its own); this package is "type": "module", so say so for dist/cli/.
writeFileSync(path.join(OUT, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
