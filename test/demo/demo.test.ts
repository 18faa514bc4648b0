/**
 * The main job: `keyaudit scan --demo` on a fresh clone, offline. Run with outbound network
 * blocked: in a fresh network namespace (only loopback) when this machine allows it, and always
 * with a preload that refuses every non-loopback connection and DNS lookup.
 */
import { describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { BIN, REPO_ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { reportValidator, sarifValidator } from '../reporters/helpers.js';

const PRELOAD = path.join(REPO_ROOT, 'test', 'helpers', 'loopback-only.mjs');

function canUnshareNetwork(): boolean {
  try {
    execFileSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const NETNS = canUnshareNetwork();

function runOffline(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const node = [process.execPath, '--import', PRELOAD, BIN, ...args];
  const [cmd, argv] = NETNS
    ? ['unshare', ['-n', 'sh', '-c', 'ip link set lo up 2>/dev/null; exec "$@"', 'sh', ...node]]
    : [node[0] as string, node.slice(1)];
  return new Promise((resolve) => {
    execFile(cmd, argv, { cwd, env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: '1' }, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 99, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe('keyaudit scan --demo', () => {
  it('prints the labelled full report offline and exits 1', async () => {
    const cwd = tempDir();
    const result = await runOffline(['scan', '--demo'], cwd);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const out = result.stdout;
    expect(out.split('\n')[0]).toMatch(/^DEMO — /);
    expect(out).toMatch(/spot-bot +binance +no +no +yes .* PASS/);
    expect(out).toMatch(/arb-bot: key can withdraw funds/);
    expect(out).toMatch(/grid-bot: key is not IP-whitelisted/);
    expect(out).toMatch(/dca-bot: key is \d+ days old/);
    expect(out).toMatch(/old-bot +binance +unknown .* UNKNOWN/);
    expect(out).toMatch(/old-bot: permissions could not be verified.*authentication failed/);
    for (const rule of ['secrets/binance-api-key', 'secrets/pem-private-key', 'hygiene/env-tracked']) expect(out).toContain(rule);
    expect(out).not.toMatch(/\n\s+at /);
  });

  it('gives schema-valid JSON and SARIF, and exits 0 with --fail-on never', async () => {
    const cwd = tempDir();
    const json = await runOffline(['scan', '--demo', '--format', 'json'], cwd);
    const report = JSON.parse(json.stdout);
    expect(reportValidator()(report)).toEqual([]);
    const byName = Object.fromEntries(report.accounts.map((a: { name: string }) => [a.name, a]));
    expect(byName['spot-bot'].status).toBe('pass');
    expect(byName['arb-bot'].permissions.withdraw).toBe(true);
    expect(byName['old-bot'].status).toBe('unknown');
    expect(report.notes[0]).toMatch(/^DEMO/);

    const sarif = await runOffline(['scan', '--demo', '--format', 'sarif'], cwd);
    expect(sarifValidator()(JSON.parse(sarif.stdout))).toEqual([]);

    const lenient = await runOffline(['scan', '--demo', '--fail-on', 'never'], cwd);
    expect(lenient.code).toBe(0);
  });
});

it('the network block is real: a non-loopback connection fails under it', async () => {
  const cwd = tempDir();
  const probe = await new Promise<string>((resolve) => {
    execFile(process.execPath, ['--import', PRELOAD, '-e', "require('node:net').connect(80, '192.0.2.1').on('error', () => {})"], { cwd }, (_e, _o, stderr) => resolve(String(stderr)));
  });
  expect(probe).toMatch(/network blocked in test: 192\.0\.2\.1/);
});
