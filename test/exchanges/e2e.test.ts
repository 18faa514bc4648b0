/**
 * End to end: the BUILT CLI (bin/keyaudit.js) against a loopback exchange double this test starts,
 * reached through each account's `baseUrl`, for Binance, OKX, Bybit and Kraken. Each spawn pays
 * the cold CCXT import, so three spawns (text, JSON, SARIF) carry the end-to-end claim and the
 * remaining variations run the same CLI in-process. Checks text, JSON
 * and SARIF output, exit codes, and that no API key, secret or passphrase appears anywhere in any
 * output, --verbose and fault paths included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, spawnCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { startDouble, type Double, type KeyBehaviour } from './double.js';
import { envNames, fixture, writeConfig, type AccountSpec } from './harness.js';
import { fakeCredentials, type SignedExchange } from './signing.js';

const NOW = new Date();

interface Planned {
  name: string;
  exchange: SignedExchange;
  fixtureName?: string;
  raw?: string;
  expectedIps?: string[];
}

const SAFE: Planned[] = [
  { name: 'binance-bot', exchange: 'binance', fixtureName: 'safe' },
  { name: 'okx-bot', exchange: 'okx', fixtureName: 'safe', expectedIps: ['203.0.113.7'] },
  { name: 'bybit-bot', exchange: 'bybit', fixtureName: 'safe', expectedIps: ['203.0.113.0/24'] },
  { name: 'kraken-bot', exchange: 'kraken', fixtureName: 'safe', expectedIps: ['203.0.113.7'] },
];
const RISKY: Planned[] = [
  ...SAFE,
  { name: 'kraken-withdraw', exchange: 'kraken', fixtureName: 'withdraw' },
  { name: 'binance-html', exchange: 'binance', raw: '<!DOCTYPE html><html><body>502 Bad Gateway</body></html>' },
];

let double: Double;
const secrets: string[] = [];
const env: Record<string, string> = {};
const accounts = new Map<string, AccountSpec>();

beforeAll(async () => {
  const keys: KeyBehaviour[] = [];
  for (const plan of RISKY) {
    const creds = fakeCredentials(plan.exchange, plan.name);
    secrets.push(...[creds.apiKey, creds.secret, creds.password].filter((s): s is string => s !== undefined));
    const body = plan.raw ?? fixture(plan.exchange, plan.fixtureName ?? 'safe', { now: NOW, apiKey: creds.apiKey });
    keys.push({ exchange: plan.exchange, credentials: creds, body });
    const { names, values } = envNames(plan.name, creds);
    Object.assign(env, values);
    accounts.set(plan.name, { name: plan.name, exchange: plan.exchange, env: names, ...(plan.expectedIps === undefined ? {} : { expectedIps: plan.expectedIps }) });
  }
  double = await startDouble(keys);
});
afterAll(async () => {
  await double.close();
});

function project(plans: Planned[]): string {
  const dir = tempDir();
  writeConfig(
    dir,
    plans.map((p) => ({ ...(accounts.get(p.name) as AccountSpec), baseUrl: double.url })),
    { audit: { retries: 0 } },
  );
  return dir;
}

/** Spawns the built CLI; `inProcess` runs the same CLI as a function call (faster, same code). */
async function cli(dir: string, args: string[], inProcess = false) {
  const options = { cwd: dir, env: { ...env, HOME: dir, KEYAUDIT_HOME: `${dir}/.keyaudit` } };
  const argv = ['scan', '--no-secrets', ...args];
  const result = inProcess ? await runCli(argv, options) : await spawnCli(argv, options);
  const all = result.stdout + result.stderr;
  for (const s of secrets) expect(all.includes(s), `a credential leaked into the output of ${args.join(' ')}`).toBe(false);
  expect(all).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
  return result;
}

describe('built CLI against a loopback exchange double', () => {
  it('safe keys on four exchanges: exit 0 in text, JSON and SARIF', async () => {
    const dir = project(SAFE);
    const text = await cli(dir, [], true);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    for (const p of SAFE) expect(text.stdout).toMatch(new RegExp(`${p.name}\\s+${p.exchange}\\s+no\\s+.*PASS`));

    const json = await cli(dir, ['--format', 'json'], true);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { accounts: { name: string; status: string; endpoint: string; permissions: Record<string, unknown> }[] };
    expect(report.accounts.map((a) => `${a.name}:${a.status}`)).toEqual(SAFE.map((p) => `${p.name}:pass`));
    expect(report.accounts.find((a) => a.name === 'kraken-bot')?.endpoint).toBe('POST /0/private/GetApiKeyInfo');

    const sarif = await cli(dir, ['--format', 'sarif'], true);
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { level: string }[] }[] };
    expect(log.runs[0]?.results.filter((r) => r.level === 'error')).toEqual([]);
    expect(double.stats.signatureProblems).toEqual([]);
    expect(double.stats.unrouted).toEqual([]);
  });

  it('a withdraw-enabled key and an HTML answer: exit 1, critical + unknown, in every format', async () => {
    const dir = project(RISKY);
    const text = await cli(dir, []);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/kraken-withdraw\s+kraken\s+YES\s+.*FAIL/);
    expect(text.stdout).toMatch(/binance-html\s+binance\s+unknown\s+.*UNKNOWN/);
    expect(text.stdout).toMatch(/critical\s+kraken-withdraw: key can withdraw funds/);
    expect(text.stdout).toMatch(/high\s+binance-html: permissions could not be verified .*unexpected response \(HTML instead of JSON\)/);

    const json = await cli(dir, ['--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      summary: { failed: boolean; counts: Record<string, number> };
      accounts: { name: string; status: string; unknown: Record<string, string>; findings: { ruleId: string; severity: string; file: string; line: number }[] }[];
    };
    expect(report.summary.failed).toBe(true);
    expect(report.summary.counts.critical).toBe(1);
    const withdraw = report.accounts.find((a) => a.name === 'kraken-withdraw');
    expect(withdraw?.status).toBe('fail');
    expect(withdraw?.findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(expect.arrayContaining(['keys/withdraw-enabled:critical', 'keys/ip-whitelist-missing:high']));
    const html = report.accounts.find((a) => a.name === 'binance-html');
    expect(html?.status).toBe('unknown');
    expect(html?.unknown.withdraw).toMatch(/HTML/);

    const sarif = await cli(dir, ['--format', 'sarif']);
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout) as {
      runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const run = log.runs[0];
    const result = run?.results.find((r) => r.ruleId === 'keys/withdraw-enabled');
    expect(result?.level).toBe('error');
    const loc = result?.locations[0]?.physicalLocation;
    expect(loc?.artifactLocation.uri).toBe('.keyauditrc.json');
    // The account's `"name": "kraken-withdraw"` line in the written config.
    const lines = readFileSync(path.join(dir, '.keyauditrc.json'), 'utf8').split('\n');
    expect(loc?.region.startLine).toBe(lines.findIndex((l) => l.includes('"name": "kraken-withdraw"')) + 1);
    expect(run?.tool.driver.rules.map((r) => r.id)).toContain('keys/withdraw-enabled');
  });

  it('--allow-unknown: the HTML fault alone passes; --verbose shows reasons, never credentials', async () => {
    const dir = project([...SAFE, RISKY[5] as Planned]);
    const strict = await cli(dir, [], true);
    expect(strict.code).toBe(1);
    const lenient = await cli(dir, ['--allow-unknown', '--verbose'], true);
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/binance-html: withdraw unknown — the exchange returned an unexpected response/);
  });
});
