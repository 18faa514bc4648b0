import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, symlinkSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Fake } from '../../src/core/fake.js';
import { baselineFromFindings, parseBaseline, serializeBaseline } from '../../src/baseline/baseline.js';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { binanceSecret, pemBlock } from '../scan/helpers.js';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  fingerprint: string;
  commit: string | null;
}

async function scanJson(dir: string, ...args: string[]): Promise<{ code: number; findings: JsonFinding[]; stderr: string }> {
  const result = await runCli(['scan', '--no-keys', '--format', 'json', ...args], { cwd: dir });
  return { code: result.code, stderr: result.stderr, findings: result.code === 2 ? [] : (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings };
}

describe('keyaudit baseline', () => {
  it('round trip: accepted findings stop failing the scan, a new one still fails; the file holds no secret', async () => {
    const fake = new Fake('baseline-1');
    const a = binanceSecret(fake);
    const b = binanceSecret(fake, 'BINANCE_SECRET');
    const pem = pemBlock(fake);
    const dir = gitRepo();
    writeTree(dir, { 'bot.py': `${a.line}\n`, 'keys/k.pem': `${pem.lines.join('\n')}\n`, 'docs/readme.md': `Example: ${b.line}\n` });

    const before = await scanJson(dir);
    expect(before.code).toBe(1);
    const written = await runCli(['baseline'], { cwd: dir });
    expect(written.code).toBe(0);
    expect(written.stderr).toMatch(/wrote 3 fingerprint\(s\) to \.keyaudit-baseline\.json/);
    const file = readFileSync(path.join(dir, '.keyaudit-baseline.json'), 'utf8');
    for (const secret of [a.value, b.value, pem.value.slice(0, 40)]) expect(file).not.toContain(secret);
    expect(file).not.toMatch(/excerpt/);
    const parsed = parseBaseline(file);
    expect(parsed.entries.map((e) => e.fingerprint).sort()).toEqual(before.findings.map((f) => f.fingerprint).sort());
    expect(parsed.entries.map((e) => e.file)).toEqual(['bot.py', 'docs/readme.md', 'keys/k.pem']);

    const after = await scanJson(dir);
    expect(after).toMatchObject({ code: 0, findings: [] });
    // --no-baseline shows everything again.
    expect((await scanJson(dir, '--no-baseline')).findings).toHaveLength(3);

    // Unrelated edits move the accepted secrets to other lines: still accepted.
    writeTree(dir, { 'bot.py': `import os\n\n\n# moved\n${a.line}\n`, 'docs/readme.md': `# Title\n\nIntro.\n\nExample: ${b.line}\n` });
    expect(await scanJson(dir)).toMatchObject({ code: 0, findings: [] });

    // A new secret (another value, or the same value in another file) is reported.
    const c = binanceSecret(fake);
    writeTree(dir, { 'bot.py': `import os\n${a.line}\n${c.line}\n`, 'copy.py': `${a.line}\n` });
    const fresh = await scanJson(dir);
    expect(fresh.code).toBe(1);
    expect(fresh.findings.map((f) => [f.file, f.line]).sort()).toEqual([
      ['bot.py', 3],
      ['copy.py', 1],
    ]);
  });

  it('is written sorted and stable (same findings, same bytes), atomically, never through a symlink', async () => {
    const fake = new Fake('baseline-2');
    const dir = gitRepo();
    writeTree(dir, { 'z.py': `${binanceSecret(fake).line}\n`, 'a.py': `${binanceSecret(fake).line}\n${binanceSecret(fake).line}\n` });
    await runCli(['baseline', '--baseline', 'accepted.json'], { cwd: dir });
    const first = readFileSync(path.join(dir, 'accepted.json'), 'utf8');
    await runCli(['baseline', '--baseline', 'accepted.json'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'accepted.json'), 'utf8')).toBe(first);
    const doc = JSON.parse(first) as { version: number; findings: { file: string }[] };
    expect(doc.version).toBe(1);
    expect(doc.findings.map((f) => f.file)).toEqual(['a.py', 'a.py', 'z.py']);

    const target = path.join(tempDir(), 'elsewhere.json');
    writeFileSync(target, 'keep');
    symlinkSync(target, path.join(dir, 'linked.json'));
    const refused = await runCli(['baseline', '--baseline', 'linked.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('keep');
  });

  it('uses secrets.baseline from the config, --baseline over it; a missing default is fine, a missing named one is exit 2', async () => {
    const fake = new Fake('baseline-3');
    const dir = gitRepo();
    writeTree(dir, { 'bot.py': `${binanceSecret(fake).line}\n` });
    expect((await scanJson(dir)).code).toBe(1);
    const missing = await scanJson(dir, '--baseline', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the baseline nope\.json: file not found/);

    writeTree(dir, { '.keyauditrc.yml': 'secrets:\n  baseline: ci/accepted.json\n' });
    const missingConfigured = await scanJson(dir);
    expect(missingConfigured.code).toBe(2);
    expect(missingConfigured.stderr).toMatch(/ci\/accepted\.json/);
    writeTree(dir, { 'ci/.keep': '' });
    expect((await runCli(['baseline'], { cwd: dir })).code).toBe(0);
    expect(existsSync(path.join(dir, 'ci', 'accepted.json'))).toBe(true);
    expect((await scanJson(dir)).code).toBe(0);
    // The baseline also filters --staged and --history.
    git(dir, 'add', 'bot.py');
    expect((await scanJson(dir, '--staged')).code).toBe(0);
    git(dir, 'commit', '-q', '-m', 'x');
    expect((await scanJson(dir, '--history')).code).toBe(0);
  });

  it('rejects a corrupt or wrong-version baseline with exit 2 and a message naming the problem', async () => {
    const dir = tempDir();
    writeTree(dir, { 'a.txt': 'hello\n', 'bad.json': '{ nope', 'v9.json': '{"version": 9, "findings": []}', 'fp.json': '{"version": 1, "findings": [{"fingerprint": "not-a-hash"}]}' });
    for (const [file, message] of [
      ['bad.json', /invalid baseline bad\.json: is not valid JSON/],
      ['v9.json', /version: expected 1, found 9/],
      ['fp.json', /findings\[0\]\.fingerprint: expected 32 hex/],
    ] as const) {
      const result = await scanJson(dir, '--baseline', file);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });

  it('--history also accepts history findings', async () => {
    const fake = new Fake('baseline-4');
    const dir = gitRepo();
    writeTree(dir, { 'old.py': `${binanceSecret(fake).line}\n` });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'x');
    git(dir, 'rm', '-q', 'old.py');
    git(dir, 'commit', '-q', '-m', 'rm');
    expect((await scanJson(dir, '--history')).code).toBe(1);
    await runCli(['baseline', '--history'], { cwd: dir });
    expect((await scanJson(dir, '--history')).code).toBe(0);
  });
});

describe('baseline format (pure)', () => {
  it('serializes one sorted entry per fingerprint and parses back', () => {
    const f = (file: string, fingerprint: string, commit: string | null = null) => ({
      ruleId: 'secrets/x', severity: 'critical' as const, message: '', fix: '', file, line: 3, column: 1, commit, authorDate: null, excerpt: 'abcd…', fingerprint,
    });
    const baseline = baselineFromFindings([f('b', 'b'.repeat(32)), f('a', 'c'.repeat(32)), f('a', 'c'.repeat(32), 'deadbeef'), f('a', `${'a'.repeat(32)}:1`)]);
    expect(baseline.entries.map((e) => [e.file, e.fingerprint.slice(0, 1)])).toEqual([
      ['a', 'a'],
      ['a', 'c'],
      ['b', 'b'],
    ]);
    const text = serializeBaseline(baseline);
    expect(text).not.toContain('abcd');
    expect(parseBaseline(text)).toEqual(baseline);
  });
});
