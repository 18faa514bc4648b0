/**
 * Throughput of the whole secret rule set on a big tree of real mixed source (by default this
 * repository's node_modules: ccxt, typescript, zod… — JS, TS, JSON, Markdown, maps), read into
 * memory first so only scanning is timed. Opt-in (it reads ~100 MB):
 *   KEYAUDIT_THROUGHPUT=1 [KEYAUDIT_THROUGHPUT_DIR=dir] [KEYAUDIT_THROUGHPUT_MB=100] npx vitest run test/corpus/throughput.test.ts
 * docs/detection.md records the result.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { secretRules } from '../../rules/secrets/index.js';
import { SecretScanner } from '../../src/core/scanner.js';

const enabled = process.env.KEYAUDIT_THROUGHPUT === '1';
const root = process.env.KEYAUDIT_THROUGHPUT_DIR ?? path.resolve(import.meta.dirname, '../../node_modules');
const limit = Number(process.env.KEYAUDIT_THROUGHPUT_MB ?? '100') * 1e6;

function collect(dir: string, out: { path: string; text: string }[], budget: { left: number }): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (budget.left <= 0) return;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) collect(p, out, budget);
    else if (e.isFile()) {
      const size = statSync(p).size;
      if (size === 0 || size > 8e6) continue;
      const buf = readFileSync(p);
      if (buf.subarray(0, 8000).includes(0)) continue;
      out.push({ path: p, text: buf.toString('utf8') });
      budget.left -= size;
    }
  }
}

it.skipIf(!enabled)('scans real mixed source fast', () => {
  const files: { path: string; text: string }[] = [];
  collect(root, files, { left: limit });
  const bytes = files.reduce((a, f) => a + Buffer.byteLength(f.text), 0);
  const scanner = new SecretScanner(secretRules);
  const runs: number[] = [];
  let hits = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    hits = 0;
    for (const f of files) hits += scanner.scan({ path: f.path, text: f.text, startLine: 1 }).length;
    runs.push(performance.now() - t0);
  }
  const median = [...runs].sort((a, b) => a - b)[1] as number;
  const mbps = bytes / 1e6 / (median / 1000);
  console.log(`throughput: ${(bytes / 1e6).toFixed(1)} MB in ${files.length} files, median of 3: ${(median / 1000).toFixed(2)} s = ${mbps.toFixed(1)} MB/s, ${hits} hits`);
  expect(mbps).toBeGreaterThan(5);
}, 600_000);
