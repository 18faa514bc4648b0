import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { binanceSecret, pemBlock } from '../scan/helpers.js';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  commit: string | null;
  authorDate: string | null;
  fingerprint: string;
  message: string;
}

async function historyFindings(dir: string, ...extra: string[]): Promise<{ code: number; findings: JsonFinding[]; stdout: string; stderr: string }> {
  const result = await runCli(['scan', '--no-keys', '--format', 'json', '--history', ...extra], { cwd: dir });
  const findings = result.code === 2 ? [] : (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
  return { ...result, findings };
}

function commit(dir: string, message: string, date: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message, `--date=${date}`);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

describe('keyaudit scan --history', () => {
  it('finds a secret added then removed, with commit, ISO author date, path and line in that commit', async () => {
    const fake = new Fake('history-1');
    const secret = binanceSecret(fake);
    const dir = gitRepo();
    writeTree(dir, { 'bot/config.py': 'import ccxt\n\n# settings\n' });
    commit(dir, 'start', '2024-01-02T03:04:05+02:00');
    writeTree(dir, { 'bot/config.py': `import ccxt\n\n# settings\n${secret.line}\n` });
    const added = commit(dir, 'add key', '2024-02-03T10:00:00+01:00');
    writeTree(dir, { 'bot/config.py': 'import ccxt\n\n# settings\nkey = os.environ["BINANCE_API_KEY"]\n' });
    commit(dir, 'remove key', '2024-02-04T10:00:00Z');

    // The working tree is clean now; only history holds the key.
    expect((await runCli(['scan', '--no-keys'], { cwd: dir })).code).toBe(0);
    const { code, findings, stdout } = await historyFindings(dir);
    expect(code).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      ruleId: 'secrets/binance-api-key',
      file: 'bot/config.py',
      line: 4,
      commit: added,
      authorDate: '2024-02-03T09:00:00.000Z',
    });
    expect(stdout).not.toContain(secret.value);
  });

  it('finds secrets in files that were later deleted, and multi-line PEM blocks added in one hunk', async () => {
    const fake = new Fake('history-2');
    const pem = pemBlock(fake);
    const dir = gitRepo();
    writeTree(dir, { 'keys/server.pem': `${pem.lines.join('\n')}\n`, 'README.md': 'hello\n' });
    const added = commit(dir, 'add key', '2024-03-01T00:00:00Z');
    git(dir, 'rm', '-q', 'keys/server.pem');
    commit(dir, 'delete key', '2024-03-02T00:00:00Z');
    const { findings } = await historyFindings(dir);
    expect(findings.map((f) => [f.ruleId, f.file, f.line, f.commit])).toEqual([['secrets/pem-private-key', 'keys/server.pem', 1, added]]);
  });

  it('reports the line in the commit version when a hunk lands mid-file, and each commit separately', async () => {
    const fake = new Fake('history-3');
    const a = binanceSecret(fake);
    const b = binanceSecret(fake, 'BINANCE_SECRET');
    const dir = gitRepo();
    const lines = Array.from({ length: 30 }, (_, i) => `x${i} = ${i}`);
    writeTree(dir, { 'app.py': `${lines.join('\n')}\n` });
    commit(dir, 'base', '2024-01-01T00:00:00Z');
    lines.splice(10, 0, a.line);
    writeTree(dir, { 'app.py': `${lines.join('\n')}\n` });
    const c1 = commit(dir, 'a', '2024-01-02T00:00:00Z');
    lines.splice(25, 0, b.line);
    writeTree(dir, { 'app.py': `${lines.join('\n')}\n` });
    const c2 = commit(dir, 'b', '2024-01-03T00:00:00Z');
    const { findings } = await historyFindings(dir);
    const got = findings.filter((f) => f.commit !== null).map((f) => [f.line, f.commit]).sort((x, y) => Number(x[0]) - Number(y[0]));
    expect(got).toEqual([
      [11, c1],
      [26, c2],
    ]);
  });

  it('limits the scan to a range, scans other branches with no range, and rejects a bad range with exit 2', async () => {
    const fake = new Fake('history-4');
    const dir = gitRepo();
    writeTree(dir, { 'old.py': `${binanceSecret(fake).line}\n` });
    commit(dir, 'old', '2024-01-01T00:00:00Z');
    git(dir, 'tag', 'v1');
    writeTree(dir, { 'new.py': `${binanceSecret(fake).line}\n` });
    commit(dir, 'new', '2024-01-02T00:00:00Z');
    git(dir, 'checkout', '-q', '-b', 'side', 'v1');
    writeTree(dir, { 'side.py': `${binanceSecret(fake).line}\n` });
    commit(dir, 'side', '2024-01-03T00:00:00Z');
    git(dir, 'checkout', '-q', 'main');

    const all = await historyFindings(dir);
    expect(all.findings.filter((f) => f.commit !== null).map((f) => f.file).sort()).toEqual(['new.py', 'old.py', 'side.py']);
    // The working tree (main) is scanned too, without a commit.
    expect(all.findings.filter((f) => f.commit === null).map((f) => f.file).sort()).toEqual(['new.py', 'old.py']);
    const ranged = await historyFindings(dir, 'v1..main');
    expect(ranged.findings.filter((f) => f.commit !== null).map((f) => f.file)).toEqual(['new.py']);
    // Paths limit both the working tree and the history.
    const onlyOld = await runCli(['scan', '--no-keys', '--format', 'json', '--history', '--', 'old.py'], { cwd: dir });
    expect((JSON.parse(onlyOld.stdout) as { findings: JsonFinding[] }).findings.map((f) => [f.file, f.commit === null])).toEqual(expect.arrayContaining([['old.py', true], ['old.py', false]]));
    expect((JSON.parse(onlyOld.stdout) as { findings: JsonFinding[] }).findings.every((f) => f.file === 'old.py')).toBe(true);

    const bad = await runCli(['scan', '--no-keys', '--history', 'no-such-ref..HEAD'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--history: git cannot read the range "no-such-ref\.\.HEAD"/);
    const injected = await runCli(['scan', '--no-keys', '--history=--output=/tmp/x'], { cwd: dir });
    expect(injected.code).toBe(2);
    expect(injected.stderr).toMatch(/not a revision range/);
  });

  it('skips binary changes with a note, honours inline allows and secrets.ignore', async () => {
    const fake = new Fake('history-5');
    const dir = gitRepo();
    writeTree(dir, {
      'blob.bin': { content: Buffer.from([0, 1, 2, 3, 0, 255]) },
      'allowed.py': `# keyaudit:allow\n${binanceSecret(fake).line}\n${binanceSecret(fake).line}  # keyaudit:allow secrets/binance-api-key, generic-secret-assignment\n`,
      'other-rule.py': `${binanceSecret(fake).line}  # keyaudit:allow pem-private-key\n`,
      'vendor/lib.py': `${binanceSecret(fake).line}\n`,
      '.keyauditrc.yml': 'secrets:\n  ignore: ["vendor/"]\n',
    });
    commit(dir, 'files', '2024-01-01T00:00:00Z');
    const { findings, stdout } = await historyFindings(dir);
    // The allow naming another rule does not hide this one; the working tree and the commit both report it.
    expect(findings.map((f) => [f.file, f.commit === null ? 'tree' : 'commit']).sort()).toEqual([
      ['other-rule.py', 'commit'],
      ['other-rule.py', 'tree'],
    ]);
    const skipped = (JSON.parse(stdout) as { skipped: { path: string; reason: string; detail: string }[] }).skipped;
    expect(skipped.filter((s) => s.detail?.includes('history'))).toEqual([{ path: 'blob.bin', reason: 'binary', detail: expect.stringMatching(/in history, first at commit [0-9a-f]{12}/) }]);
  });

  it('handles file names with spaces, quotes, newlines and non-ASCII bytes', async () => {
    const fake = new Fake('history-6');
    const dir = gitRepo();
    const names = ['with space.py', 'quo"te.py', 'new\nline.py', 'café.py', '-leading.py'];
    writeTree(dir, Object.fromEntries(names.map((n) => [n, `${binanceSecret(fake).line}\n`])));
    commit(dir, 'odd names', '2024-01-01T00:00:00Z');
    const { findings } = await historyFindings(dir, 'HEAD');
    expect(findings.filter((f) => f.commit !== null).map((f) => f.file).sort()).toEqual([...names].sort());
  });

  it('is fine with an empty repository and exits 2 outside git', async () => {
    const dir = gitRepo();
    const empty = await historyFindings(dir);
    expect(empty.code).toBe(0);
    const outside = await runCli(['scan', '--no-keys', '--history'], { cwd: tempDir() });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--history needs a git repository/);
  });

  it('never prints a history secret in any format, verbose included (only the 4-character mask)', async () => {
    const fake = new Fake('history-leak');
    const secrets = [binanceSecret(fake), binanceSecret(fake, 'BINANCE_SECRET')];
    const pem = pemBlock(fake);
    const dir = gitRepo();
    writeTree(dir, { 'a.py': `${secrets.map((s) => s.line).join('\n')}\n`, 'k.pem': `${pem.lines.join('\n')}\n` });
    commit(dir, 'add', '2024-01-01T00:00:00Z');
    git(dir, 'rm', '-q', 'a.py', 'k.pem');
    commit(dir, 'remove', '2024-01-02T00:00:00Z');
    for (const format of ['text', 'json', 'sarif']) {
      const result = await runCli(['scan', '--no-keys', '--history', '--verbose', '--format', format], { cwd: dir });
      expect(result.code).toBe(1);
      const output = result.stdout + result.stderr;
      for (const value of [...secrets.map((s) => s.value), ...pem.lines.slice(1, -1)]) {
        // Any 8-character window of a secret would be a leak; the mask shows at most 4.
        for (let i = 0; i + 8 <= value.length; i += 8) expect(output).not.toContain(value.slice(i, i + 8));
      }
    }
  });
});
