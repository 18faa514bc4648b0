/**
 * bin/keyaudit.js runs the bundled CLI (dist/cli/, built by scripts/bundle.mjs from tsc's output).
 * Most CLI tests call run() in-process from the sources; these check what only the bundle can get
 * wrong: the scan worker entry, and commands whose code sits in lazily loaded chunks.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { spawnCli } from '../helpers/cli.js';
import { moduleLog } from '../helpers/module-log.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { binanceSecret } from '../scan/helpers.js';

interface Report {
  summary: { filesScanned: number };
  skipped: { path: string; reason: string }[];
  findings: { file: string; ruleId: string }[];
  accounts: { exchange: string; permissions: { withdraw: boolean | 'unknown' } }[];
}

const chunk = (files: string[], name: string): number => files.filter((f) => f.endsWith(`/dist/cli/${name}`)).length;

describe('bundled CLI', () => {
  it('scans a large tree in worker threads started from the bundle, finding the same as without them', async () => {
    const fake = new Fake('bundle-workers');
    const dir = gitRepo();
    const files: Record<string, string> = {};
    // Past the 1,000-file threshold at which the scan moves to workers.
    for (let i = 0; i < 1100; i++) files[`pkg/m${i % 11}/f${i}.py`] = i % 100 === 7 ? `${binanceSecret(fake).line}\n` : `x = ${i}\n`;
    writeTree(dir, files);
    // Binary files all over the tree: workers finish in any order, the report's order is fixed.
    const binaries = Array.from({ length: 12 }, (_, i) => `pkg/m${(i * 5) % 11}/blob${i}.bin`);
    writeTree(dir, Object.fromEntries(binaries.map((b) => [b, { content: Buffer.from([0, 1, 2, 0]) }])));
    const log = moduleLog();
    const result = await spawnCli(['scan', '--no-keys', '--format', 'json', '.'], { cwd: dir, env: log.env, timeoutMs: 60_000 });
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as Report;
    expect(report.summary.filesScanned).toBe(1100);
    expect(report.skipped.map((s) => s.path)).toEqual([...binaries].sort());
    expect(report.findings.map((f) => f.file).sort()).toEqual(Object.keys(files).filter((_, i) => i % 100 === 7).sort());
    // One worker per core (up to 4), each loading the bundled worker entry (logged once by the ESM
    // hook and once by the CommonJS one).
    const workers = Math.min(4, availableParallelism());
    expect(chunk(log.files(), 'scan-worker.js')).toBe(workers >= 2 ? 2 * workers : 0);
  });

  it('loads the store chunk for store commands, and never the audit chunk for them', async () => {
    const home = tempDir();
    const log = moduleLog();
    const result = await spawnCli(['keys', 'list'], { cwd: home, env: { ...log.env, KEYAUDIT_HOME: path.join(home, 'ka') } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no store/i);
    expect(chunk(log.files(), 'store.js')).toBeGreaterThan(0);
    expect(chunk(log.files(), 'audit.js')).toBe(0);
  });

  it('loads the demo and audit chunks (and CCXT) for the offline demo', async () => {
    const dir = tempDir();
    const log = moduleLog();
    const result = await spawnCli(['scan', '--demo', '--format', 'json'], { cwd: dir, env: log.env, timeoutMs: 60_000 });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    // The audit really ran (the demo's exchange double answered the adapters' signed requests).
    expect(report.accounts.some((a) => a.exchange === 'binance' && a.permissions.withdraw === false)).toBe(true);
    expect(report.accounts.some((a) => a.permissions.withdraw === true)).toBe(true);
    expect(chunk(log.files(), 'demo.js')).toBeGreaterThan(0);
    expect(chunk(log.files(), 'audit.js')).toBeGreaterThan(0);
    expect(log.files().some((f) => f.includes('/node_modules/ccxt/'))).toBe(true);
  });

  it('still works from a git subdirectory as a pre-commit hook would run it', async () => {
    const dir = gitRepo();
    writeTree(dir, { 'sub/a.py': 'x = 1\n' });
    git(dir, 'add', '-A');
    const result = await spawnCli(['scan', '--staged'], { cwd: path.join(dir, 'sub') });
    expect([result.code, result.stderr]).toEqual([0, '']);
  });
});

describe('scan --workers', () => {
  it('keeps a large tree in the main thread with --workers 0, with the same findings, and rejects nonsense', async () => {
    const fake = new Fake('bundle-workers-0');
    const dir = gitRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 1100; i++) files[`pkg/f${i}.py`] = i % 250 === 3 ? `${binanceSecret(fake).line}\n` : `x = ${i}\n`;
    writeTree(dir, files);
    const log = moduleLog();
    const result = await spawnCli(['scan', '--no-keys', '--workers', '0', '--format', 'json', '.'], { cwd: dir, env: log.env, timeoutMs: 60_000 });
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as Report).findings.map((f) => f.file).sort()).toEqual(Object.keys(files).filter((_, i) => i % 250 === 3).sort());
    expect(chunk(log.files(), 'scan-worker.js')).toBe(0);
    for (const bad of ['-1', 'many', '17']) {
      const refused = await spawnCli(['scan', '--no-keys', '--workers', bad, '.'], { cwd: dir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/--workers expects "auto" or a number from 0 to 16/);
    }
  });
});
