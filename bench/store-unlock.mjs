// Unlock time of the encrypted store at the default cost (scrypt N=2^17, r=8, p=1): node's native
// scrypt vs scrypt-js, median of 5 full unlocks (read, parse, derive, verify, decrypt) of a real store.
// Run by hand after `npm run build`: node bench/store-unlock.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import path from 'node:path';
import scryptJs from 'scrypt-js';
import { storePaths } from '../dist/src/store/files.js';
import { createStore, readEntries } from '../dist/src/store/store.js';

const RUNS = 5;
const dir = mkdtempSync(path.join(tmpdir(), 'keyaudit-bench-'));
const paths = storePaths({ KEYAUDIT_HOME: path.join(dir, 'home') });
const passphrase = 'bench passphrase, long enough';
const scryptJsDerive = async (pw, salt, p) => scryptJs.scrypt(pw, salt, p.N, p.r, p.p, 32);

async function median(label, derive) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await readEntries(paths, passphrase, derive === undefined ? {} : { derive });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(RUNS / 2)];
  console.log(`${label.padEnd(22)} median ${m.toFixed(0)} ms  (min ${times[0].toFixed(0)}, max ${times[RUNS - 1].toFixed(0)})`);
  return m;
}

try {
  await createStore(paths, passphrase);
  console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? '?'}, load ${loadavg()[0].toFixed(1)}`);
  const native = await median('node native scrypt', undefined);
  const js = await median('scrypt-js', scryptJsDerive);
  console.log(`scrypt-js / native: ${(js / native).toFixed(1)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
