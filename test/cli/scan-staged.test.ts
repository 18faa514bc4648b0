import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Fake } from '../../src/core/fake.js';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { binanceSecret, pemBlock } from '../scan/helpers.js';

interface JsonReport {
  findings: { ruleId: string; file: string; line: number; column: number; commit: string | null; message: string }[];
  skipped: { path: string; reason: string }[];
  accounts: unknown[];
}

async function staged(dir: string, ...extra: string[]): Promise<{ code: number; report: JsonReport; stdout: string; stderr: string }> {
  const result = await runCli(['scan', '--staged', '--format', 'json', ...extra], { cwd: dir });
  return { ...result, report: result.code === 2 ? ({ findings: [], skipped: [], accounts: [] } as JsonReport) : (JSON.parse(result.stdout) as JsonReport) };
}

describe('keyaudit scan --staged', () => {
  it('finds a secret only in the index at its staged line, and ignores one only in the working tree', async () => {
    const fake = new Fake('staged-1');
    const inIndex = binanceSecret(fake);
    const inTree = binanceSecret(fake, 'BINANCE_SECRET');
    const dir = gitRepo();
    writeTree(dir, { 'bot.py': `import ccxt\n\n\n${inIndex.line}\n` });
    git(dir, 'add', 'bot.py');
    // The working-tree version drops the staged key and adds another (unstaged) one on a different line.
    writeTree(dir, { 'bot.py': `import ccxt\n${inTree.line}\n`, 'untracked.py': `${binanceSecret(fake).line}\n` });
    const { code, report, stdout } = await staged(dir);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([['secrets/binance-api-key', 'bot.py', 4, 20]]);
    expect(report.accounts).toEqual([]);
    expect(stdout).not.toContain(inIndex.value);
  });

  it('passes when nothing staged holds a secret (secret only unstaged), including before the first commit', async () => {
    const fake = new Fake('staged-2');
    const dir = gitRepo();
    writeTree(dir, { 'a.py': 'print(1)\n' });
    git(dir, 'add', 'a.py');
    writeTree(dir, { 'a.py': `${binanceSecret(fake).line}\n` });
    const { code, report } = await staged(dir);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);
  });

  it('scans modified, renamed and copied files in the index; skips deleted files, symlinks, binaries', async () => {
    const fake = new Fake('staged-3');
    const dir = gitRepo();
    const pem = pemBlock(fake);
    writeTree(dir, { 'old-name.py': 'x = 1\n', 'gone.py': `${binanceSecret(fake).line}\n`, 'mod.py': 'a = 1\n' });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
    git(dir, 'mv', 'old-name.py', 'new-name.py');
    writeTree(dir, { 'new-name.py': `x = 1\n${binanceSecret(fake).line}\n`, 'mod.py': `a = 1\n${pem.lines.join('\n')}\n`, 'bin.dat': { content: Buffer.from([1, 0, 2]) } });
    git(dir, 'rm', '-q', 'gone.py');
    git(dir, 'add', '-A');
    const { report } = await staged(dir);
    expect(report.findings.map((f) => [f.file, f.line]).sort()).toEqual([
      ['mod.py', 2],
      ['new-name.py', 2],
    ]);
    expect(report.skipped).toEqual([{ path: 'bin.dat', reason: 'binary', detail: null }]);
  });

  it('applies inline allows, secrets.ignore, path arguments and paths relative to a subdirectory', async () => {
    const fake = new Fake('staged-4');
    const dir = gitRepo();
    writeTree(dir, {
      'src/allowed.py': `# keyaudit:allow binance-api-key generic-secret-assignment\n${binanceSecret(fake).line}\n`,
      'src/found.py': `${binanceSecret(fake).line}\n`,
      'docs/found.py': `${binanceSecret(fake).line}\n`,
      'vendor/x.py': `${binanceSecret(fake).line}\n`,
      '.keyauditrc.yml': 'secrets:\n  ignore: ["vendor/"]\n',
    });
    git(dir, 'add', '-A');
    const all = await staged(dir);
    expect(all.report.findings.map((f) => f.file).sort()).toEqual(['docs/found.py', 'src/found.py']);
    const only = await staged(dir, 'src');
    expect(only.report.findings.map((f) => f.file)).toEqual(['src/found.py']);
    const sub = await runCli(['scan', '--staged', '--format', 'json'], { cwd: path.join(dir, 'src') });
    expect((JSON.parse(sub.stdout) as JsonReport).findings.map((f) => f.file).sort()).toEqual(['../docs/found.py', 'found.py']);
    // A path argument outside the subdirectory, and a user config that makes diffs relative.
    git(dir, 'config', 'diff.relative', 'true');
    const up = await runCli(['scan', '--staged', '--format', 'json', '../docs'], { cwd: path.join(dir, 'src') });
    expect((JSON.parse(up.stdout) as JsonReport).findings.map((f) => f.file)).toEqual(['../docs/found.py']);
    const relative = await runCli(['scan', '--staged', '--format', 'json'], { cwd: path.join(dir, 'src') });
    expect((JSON.parse(relative.stdout) as JsonReport).findings.map((f) => f.file).sort()).toEqual(['../docs/found.py', 'found.py']);
  });

  it('flags a staged .env (about to be committed) and reads notebooks staged as JSON', async () => {
    const fake = new Fake('staged-5');
    const dir = gitRepo();
    const secret = binanceSecret(fake, 'BINANCE_API_KEY');
    writeTree(dir, { '.env': `${secret.line.replace(' = ', '=').replace(/"/g, '')}\n` });
    git(dir, 'add', '-f', '.env');
    const { report } = await staged(dir);
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(['hygiene/env-tracked', 'secrets/binance-api-key']);
  });

  it('is a usage error outside git, with --history, or with --no-secrets', async () => {
    expect((await staged(tempDir())).code).toBe(2);
    const dir = gitRepo();
    const both = await runCli(['scan', '--staged', '--history'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/cannot be combined/);
    expect((await runCli(['scan', '--staged', '--no-secrets'], { cwd: dir })).code).toBe(2);
  });

  it('does not audit keys even when accounts are configured', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.keyauditrc.yml': 'accounts:\n  - name: main\n    exchange: binance\n    baseUrl: http://127.0.0.1:9\n' });
    writeFileSync(path.join(dir, 'a.txt'), 'hello\n');
    git(dir, 'add', 'a.txt');
    const { code, report } = await staged(dir);
    expect(code).toBe(0);
    expect(report.accounts).toEqual([]);
  });
});
