import { describe, expect, it } from 'vitest';
import { readFileSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { Fake } from '../../src/core/fake.js';
import { runCli, spawnCli, REPO_ROOT } from '../helpers/cli.js';
import { gitRepo, tempDir, writeTree } from '../helpers/tmp.js';

const fake = new Fake('scan-foundation');

/** One critical (Binance key), one medium (.env readable by others, ignored so no high). */
function treeWithFindings(): string {
  const dir = gitRepo();
  writeTree(dir, {
    '.gitignore': '.env\n',
    'bot.py': `import ccxt\nex = ccxt.binance({"apiKey": "${fake.alnum(64)}"})\n`,
    '.env': { content: 'LOG_LEVEL=debug\n', mode: 0o644 },
  });
  return dir;
}

describe('keyaudit scan exit codes', () => {
  it.each([
    ['critical', 1],
    ['high', 1],
    ['medium', 1],
    ['low', 1],
    ['info', 1],
    ['never', 0],
  ])('--fail-on %s gives %i with a critical and a medium finding', async (failOn, expected) => {
    const dir = treeWithFindings();
    const result = await runCli(['scan', '--fail-on', failOn], { cwd: dir });
    expect(result.code).toBe(expected);
  });

  it('--fail-on critical passes when only medium findings exist', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.gitignore': '.env\n', '.env': { content: 'A=1\n', mode: 0o644 } });
    const result = await runCli(['scan', '--fail-on', 'critical'], { cwd: dir });
    expect(result.stdout).toMatch(/hygiene\/env-permissive/);
    expect(result.code).toBe(0);
    expect((await runCli(['scan', '--fail-on', 'medium'], { cwd: dir })).code).toBe(1);
  });

  it('exits 0 on a clean tree', async () => {
    const dir = gitRepo();
    writeTree(dir, { 'main.py': 'print("hello")\n', 'README.md': '# hi\n' });
    const result = await runCli(['scan'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/No findings \(2 file\(s\) scanned\)/);
  });

  it('exits 2 on bad flags and invalid config, naming file, path and expectation', async () => {
    const dir = tempDir();
    expect((await runCli(['scan', '--fail-on', 'sometimes'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['scan', '--no-such-flag'], { cwd: dir })).code).toBe(2);
    writeTree(dir, { '.keyauditrc.yml': 'rules:\n  not-a-rule: high\naccounts:\n  - name: x\n    exchange: 7\n' });
    const result = await runCli(['scan'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\.keyauditrc\.yml/);
    expect(result.stderr).toMatch(/rules\.not-a-rule: unknown rule id/);
    expect(result.stderr).toMatch(/accounts\[0\]\.exchange: expected string/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a config holding a literal secret with exit 2 and does not print it', async () => {
    const dir = tempDir();
    const key = fake.alnum(64);
    writeTree(dir, { '.keyauditrc.json': JSON.stringify({ accounts: [{ name: 'a', exchange: 'binance', credentials: { env: { apiKey: key } } }] }) });
    const result = await runCli(['scan'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/accounts\[0\]\.credentials\.env\.apiKey: looks like a literal secret/);
    expect(result.stderr + result.stdout).not.toContain(key);
  });
});

describe('keyaudit scan output', () => {
  it('--no-secrets skips the file scan', async () => {
    const dir = treeWithFindings();
    const result = await runCli(['scan', '--no-secrets', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(result.stdout).findings).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('--output writes the report atomically and refuses a planted symlink', async () => {
    const dir = treeWithFindings();
    const result = await runCli(['scan', '--format', 'sarif', '--output', 'out.sarif'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8')).version).toBe('2.1.0');

    const victim = path.join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, path.join(dir, 'report.json'));
    const refused = await runCli(['scan', '--format', 'json', '--output', 'report.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/symbolic link/);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
  });

  it('prints help with examples and the version', async () => {
    const dir = tempDir();
    const help = await runCli(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Examples:/);
    const scanHelp = await runCli(['scan', '--help'], { cwd: dir });
    expect(scanHelp.stdout).toMatch(/--no-keys/);
    const version = await runCli(['--version'], { cwd: dir });
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  it('the built binary finds the demo tree and exits 1; runs compiled JS without tsx', async () => {
    // --no-baseline: the repository's own .keyaudit-baseline.json accepts the demo's planted secrets.
    const result = await spawnCli(['scan', '--no-keys', '--no-baseline', 'fixtures/demo-tree'], { cwd: REPO_ROOT });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/fixtures\/demo-tree\/bot\.py:\d+:\d+ +critical/);
    expect(existsSync(path.join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'))).toBe(true);
    expect(readFileSync(path.join(REPO_ROOT, 'bin', 'keyaudit.js'), 'utf8')).not.toMatch(/tsx/);
  });
});

describe('progress line', () => {
  it('appears on an interactive stderr only, never in CI or piped output', async () => {
    const dir = gitRepo();
    writeTree(dir, { 'a.txt': 'hello\n' });
    const tty = await runCli(['scan'], { cwd: dir, isTTY: { stderr: true } });
    expect(tty.stderr).toContain("\r\u001b[2Kkeyaudit: scanned 1 files");
    expect((await runCli(['scan'], { cwd: dir, isTTY: { stderr: true }, env: { CI: 'true' } })).stderr).toBe('');
    expect((await runCli(['scan', '--no-progress'], { cwd: dir, isTTY: { stderr: true } })).stderr).toBe('');
    expect((await runCli(['scan'], { cwd: dir })).stderr).toBe('');
  });
});
