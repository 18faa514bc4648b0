/**
 * Crash safety: a child process writing the store (adds, and a re-key every 5th write) is killed
 * with SIGKILL at random moments until 50 writes have landed. After every kill the store must open
 * with the old or the new passphrase and hold exactly the writes that completed (maybe one more):
 * never a torn file, never a lost acknowledged write, and a stale lock never blocks the next writer.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Fake } from '../../src/core/fake.js';
import { WrongPassphraseError } from '../../src/store/crypto.js';
import { readEntries } from '../../src/store/store.js';
import { allFileText, FAST, fastStore, testHome } from './helpers.js';

const WRITER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash-writer.mjs');
const TOTAL = 50;

/**
 * Starts the writer and kills it `killAfterMs` after its `killAfterAcks`-th acknowledged write (0 =
 * after it opened the store), so kills land at random points inside writes while every round still
 * makes progress. Resolves with the last index acknowledged.
 */
function runWriter(args: string[], killAfterAcks: number, killAfterMs: number): Promise<{ acked: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timer === undefined && out.includes('ready\n') && (out.match(/done /g) ?? []).length >= killAfterAcks) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`writer exited ${code}: ${err}`));
      const acked = [...out.matchAll(/done (\d+)/g)].map((m) => Number(m[1]));
      resolve({ acked: acked.length === 0 ? -1 : Math.max(...acked), finished: signal !== 'SIGKILL' });
    });
  });
}

describe('crash safety', () => {
  it('SIGKILL at random moments during 50 writes never leaves a store that fails to open', async () => {
    const fake = new Fake('crash');
    const t = testHome('passphrase number A');
    const passB = 'passphrase number B';
    await fastStore(t);
    expect(FAST.N).toBe(1024);
    let current: 'A' | 'B' = 'A';
    let landed = 0; // entries e000..e(landed-1) are in the store
    let kills = 0;
    for (let round = 0; landed < TOTAL && round < 200; round++) {
      const { acked, finished } = await runWriter([t.home, t.passphrase, passB, current, String(landed), String(TOTAL - 1)], fake.int(11), fake.int(25));
      if (!finished) kills++;
      // Open with whichever passphrase is current now: the old one or the new one must work.
      let entries;
      try {
        entries = await readEntries(t.paths, current === 'A' ? t.passphrase : passB);
      } catch (error) {
        expect(error).toBeInstanceOf(WrongPassphraseError);
        current = current === 'A' ? 'B' : 'A';
        entries = await readEntries(t.paths, current === 'A' ? t.passphrase : passB);
      }
      const names = entries.map((e) => e.name);
      const n = names.length;
      expect(names).toEqual(Array.from({ length: n }, (_, i) => `e${String(i).padStart(3, '0')}`));
      // Every acknowledged write is there; at most the one in flight beyond it.
      expect(n).toBeGreaterThanOrEqual(Math.max(landed, acked + 1));
      expect(n).toBeLessThanOrEqual(Math.max(landed, acked + 1) + 1);
      landed = n;
      // Temp files a kill left behind hold ciphertext only (the writer's secrets end in z/q runs).
      expect(allFileText(t.home)).not.toMatch(/zzzzzzzz|qqqqqqqq/);
    }
    expect(landed).toBe(TOTAL);
    expect(kills).toBeGreaterThan(3);
    // The final writer ran to the end: its lock is released and its temp files are gone.
    expect(existsSync(t.paths.lock)).toBe(false);
    expect(readdirSync(t.home).filter((n) => n.includes('.tmp-'))).toEqual([]);
  }, 60_000);
});
