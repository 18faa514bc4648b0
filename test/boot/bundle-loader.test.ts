/**
 * The code cache that bin/keyaudit.js loads the bundled CLI with (src/boot/bundle-loader.ts): real
 * vm.Script compilation and V8 cached data, on small chunk sets written to temp dirs, and on the
 * real bundle through the real binary. Every load runs in a fresh Node process: inside one
 * process V8 reuses its own compilation cache and never looks at the cached data.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeCacheDir } from '../../src/boot/bundle-loader.js';
import { REPO_ROOT, spawnCli } from '../helpers/cli.js';
import { gitRepo, tempDir, writeTree, git } from '../helpers/tmp.js';

const LOADER = pathToFileURL(path.join(REPO_ROOT, 'dist', 'src', 'boot', 'bundle-loader.js')).href;
const RUNNER = `
const { BundleLoader } = await import(${JSON.stringify(LOADER)});
const [dir, env, profile] = [process.argv[1], JSON.parse(process.argv[2]), process.argv[3]];
const loader = new BundleLoader({ dir, env, profile });
const entry = loader.require('keyaudit.js');
const out = { run: entry.run(), lazy: await entry.lazy(), self: entry.self(), stats: loader.stats() };
loader.saveCodeCache();
process.stdout.write(JSON.stringify(out));
`;

/** A two-chunk "bundle": the entry requires a shared chunk, and a built-in lazily (as the real one requires CCXT). */
function fakeBundle(marker = 'AAAA'): string {
  const dir = tempDir('keyaudit-bundle-');
  writeTree(dir, {
    'keyaudit.js': `const shared = require('./shared.js');\nexports.run = () => shared.greet();\nexports.lazy = () => Promise.resolve().then(() => require('node:path').sep);\nexports.self = () => [__filename, typeof module.exports];\n`,
    'shared.js': `exports.greet = function greet() { return 'hello ${marker}'; };\n`,
  });
  return dir;
}

interface Loaded {
  run: string;
  lazy: string;
  self: [string, string];
  stats: { chunks: number; hits: number };
}

/** Loads the bundle in a new Node process, runs its entry, saves the cache. */
function load(dir: string, cacheDir: string, profile = 'main'): Loaded {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', RUNNER, dir, JSON.stringify({ KEYAUDIT_CACHE_DIR: cacheDir }), profile], { encoding: 'utf8' });
  return JSON.parse(out) as Loaded;
}

const cacheFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.bin')).sort();

describe('bundle loader with a V8 code cache', () => {
  it('compiles from source, writes a private cache after the run, and uses it next time', async () => {
    const dir = fakeBundle();
    const cacheDir = path.join(tempDir(), 'cache');
    const first = load(dir, cacheDir);
    expect(first.run).toBe('hello AAAA');
    expect(first.lazy).toBe(path.sep);
    expect(first.self).toEqual([path.join(dir, 'keyaudit.js'), 'object']);
    expect(first.stats).toMatchObject({ chunks: 2, hits: 0 });
    expect(cacheFiles(cacheDir)).toHaveLength(2);
    expect(statSync(cacheDir).mode & 0o777).toBe(0o700);
    for (const f of cacheFiles(cacheDir)) expect(statSync(path.join(cacheDir, f)).mode & 0o777).toBe(0o600);

    const before = cacheFiles(cacheDir).map((f) => statSync(path.join(cacheDir, f)).mtimeMs);
    const second = load(dir, cacheDir);
    expect(second.run).toBe('hello AAAA');
    expect(second.stats).toMatchObject({ chunks: 2, hits: 2 });
    // Nothing new was compiled: nothing rewritten.
    expect(cacheFiles(cacheDir).map((f) => statSync(path.join(cacheDir, f)).mtimeMs)).toEqual(before);
  });

  it('never runs stale code: an edit of the same length gets a new cache entry and the old one is pruned', () => {
    const dir = fakeBundle('AAAA');
    const cacheDir = path.join(tempDir(), 'cache');
    expect(load(dir, cacheDir).run).toBe('hello AAAA');
    const old = cacheFiles(cacheDir);
    // Same length, different code (V8's own check compares lengths only). Even with the old mtime
    // put back, the ctime changes.
    const shared = path.join(dir, 'shared.js');
    const { atime, mtime } = statSync(shared);
    writeFileSync(shared, readFileSync(shared, 'utf8').replace('AAAA', 'BBBB'));
    utimesSync(shared, atime, mtime);
    const second = load(dir, cacheDir);
    expect(second.run).toBe('hello BBBB');
    expect(second.stats.hits).toBe(1);
    const now = cacheFiles(cacheDir);
    expect(now).toHaveLength(2);
    expect(now.filter((f) => f.startsWith('shared.'))).not.toEqual(old.filter((f) => f.startsWith('shared.')));
  });

  it('treats a corrupt or foreign cache file as a miss, and replaces it', () => {
    const dir = fakeBundle();
    const cacheDir = path.join(tempDir(), 'cache');
    load(dir, cacheDir);
    for (const [i, f] of cacheFiles(cacheDir).entries()) {
      const file = path.join(cacheDir, f);
      const bytes = readFileSync(file);
      if (i === 0) writeFileSync(file, Buffer.from('not a cache at all')); // no header
      else writeFileSync(file, Buffer.concat([bytes.subarray(0, 8), Buffer.alloc(bytes.length - 8, 7)])); // header, garbage for V8
    }
    const second = load(dir, cacheDir);
    expect(second.run).toBe('hello AAAA');
    expect(second.stats.hits).toBe(0);
    expect(load(dir, cacheDir).stats.hits).toBe(2);
  });

  it('keeps one cache per kind of run, so the hook is never served a cache built by another command', () => {
    const dir = fakeBundle();
    const cacheDir = path.join(tempDir(), 'cache');
    expect(load(dir, cacheDir, 'main').stats.hits).toBe(0);
    expect(load(dir, cacheDir, 'staged').stats.hits).toBe(0);
    expect(cacheFiles(cacheDir).filter((f) => f.includes('.staged.'))).toHaveLength(2);
    expect(cacheFiles(cacheDir).filter((f) => f.includes('.main.'))).toHaveLength(2);
    expect(load(dir, cacheDir, 'staged').stats.hits).toBe(2);
    expect(load(dir, cacheDir, 'main').stats.hits).toBe(2);
    // A profile name is never a path.
    expect(load(dir, cacheDir, '../../x').stats.hits).toBe(2);
  });

  it('neither reads nor writes a cache in a directory other users can write to', () => {
    const dir = fakeBundle();
    const cacheDir = path.join(tempDir(), 'cache');
    load(dir, cacheDir);
    chmodSync(cacheDir, 0o777);
    const before = cacheFiles(cacheDir).map((f) => statSync(path.join(cacheDir, f)).mtimeMs);
    const shared = load(dir, cacheDir);
    expect(shared.run).toBe('hello AAAA');
    expect(shared.stats.hits).toBe(0);
    expect(cacheFiles(cacheDir).map((f) => statSync(path.join(cacheDir, f)).mtimeMs)).toEqual(before);
  });

  it('can be turned off, and falls back quietly when the cache cannot be written', () => {
    expect(codeCacheDir({ KEYAUDIT_NO_CODE_CACHE: '1' })).toBeNull();
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBeNull();
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe(path.join('/x/cache', 'keyaudit', 'code'));
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' })).not.toContain('relative');
    const dir = fakeBundle();
    const blocked = path.join(tempDir(), 'file');
    writeFileSync(blocked, '');
    // saveCodeCache runs in load(): it must not throw when the directory cannot be made.
    const unwritable = load(dir, path.join(blocked, 'cache'));
    expect(unwritable).toMatchObject({ run: 'hello AAAA', stats: { hits: 0 } });
  });
});

describe('the real binary and its code cache', () => {
  it('gives the same report with a cold cache, a warm cache and no cache', async () => {
    const repo = gitRepo();
    writeTree(repo, { 'a.py': 'x = 1\n', 'b.py': 'API_SECRET = "change-me"\n' });
    git(repo, 'add', '-A');
    const cacheDir = path.join(tempDir(), 'cache');
    const runs = [];
    for (const env of [{ KEYAUDIT_CACHE_DIR: cacheDir }, { KEYAUDIT_CACHE_DIR: cacheDir }, { KEYAUDIT_NO_CODE_CACHE: '1', KEYAUDIT_CACHE_DIR: cacheDir }]) {
      const result = await spawnCli(['scan', '--staged', '--format', 'json'], { cwd: repo, env });
      expect(result.stderr).toBe('');
      const report = JSON.parse(result.stdout) as { summary: { durationMs?: number }; findings: unknown[] };
      delete report.summary.durationMs;
      runs.push({ code: result.code, report });
      if (runs.length === 1) expect(cacheFiles(cacheDir).map((f) => f.split('.')[0])).toEqual(expect.arrayContaining(['keyaudit', 'shared', 'git-scan']));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });
});
