/**
 * The inter-process lock: 20 concurrent `keyaudit keys add` processes (the built binary) all land;
 * a lock left by a dead process is broken; a live one makes others wait, then fail clearly.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Fake } from '../../src/core/fake.js';
import { withStoreLock } from '../../src/store/files.js';
import { readEntries, UnlockedStore } from '../../src/store/store.js';
import { spawnCli } from '../helpers/cli.js';
import { allFileText, fakeEntry, fastStore, testHome } from './helpers.js';

/** A pid that is certainly not running: a child that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('close', r));
  return child.pid as number;
}

describe('store lock', () => {
  it('20 concurrent `keys add` processes all land', async () => {
    const fake = new Fake('concurrent');
    const t = testHome();
    await fastStore(t);
    const creds = Array.from({ length: 20 }, () => [fake.alnum(64), fake.alnum(64)] as const);
    const results = await Promise.all(
      creds.map(([key, secret], i) => spawnCli(['keys', 'add', `bot-${String(i).padStart(2, '0')}`, '--exchange', 'binance', '--stdin'], { cwd: t.home, env: { ...t.env, KEYAUDIT_DEBUG: '1' }, input: `${key}\n${secret}\n`, timeoutMs: 60_000 })),
    );
    for (const r of results) expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
    const entries = await readEntries(t.paths, t.passphrase);
    expect(entries.map((e) => e.name)).toEqual(creds.map((_, i) => `bot-${String(i).padStart(2, '0')}`));
    expect(entries.map((e) => e.credentials.secret)).toEqual(creds.map((c) => c[1]));
    expect(existsSync(t.paths.lock)).toBe(false);
    expect(readdirSync(t.home)).toEqual(['store.json']);
    // No secret in any process's output or in the directory as plaintext.
    const all = [...results.flatMap((r) => [r.stdout, r.stderr]), allFileText(t.home)].join('\n');
    for (const [key, secret] of creds) {
      expect(all).not.toContain(secret);
      expect(all).not.toContain(key);
    }
  }, 60_000);

  it('a lock left by a dead process is broken; a live owner blocks until the timeout, with a clear error', async () => {
    const t = testHome();
    await fastStore(t);
    writeFileSync(t.paths.lock, JSON.stringify({ pid: await deadPid(), host: hostname(), token: 'x', at: Date.now() }));
    const store = await UnlockedStore.unlock(t.paths, t.passphrase);
    await store.update((e) => [...e, fakeEntry(new Fake('stale'), 'a')]);
    expect(existsSync(t.paths.lock)).toBe(false);

    writeFileSync(t.paths.lock, JSON.stringify({ pid: process.pid, host: hostname(), token: 'live', at: Date.now() }));
    const before = readFileSync(t.paths.file);
    await expect(withStoreLock(t.paths, async () => 1, { timeoutMs: 200 })).rejects.toThrow(`the store is locked by another keyaudit process (pid ${process.pid} on ${hostname()})`);
    // The live owner's lock is left alone, and nothing was written.
    expect(JSON.parse(readFileSync(t.paths.lock, 'utf8'))).toMatchObject({ token: 'live' });
    expect(readFileSync(t.paths.file)).toEqual(before);
    rmSync(t.paths.lock);
    store.close();
  }, 60_000);

  it('waiters run one at a time and in full', async () => {
    const t = testHome();
    await fastStore(t);
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        withStoreLock(t.paths, async () => {
          inside++;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 5));
          inside--;
        }),
      ),
    );
    expect(maxInside).toBe(1);
  });
});
