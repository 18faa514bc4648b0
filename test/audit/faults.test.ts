/**
 * Fault paths: every way an exchange call can go wrong ends `unknown` with its reason, fails
 * closed (permissions-unverified, exit 1), passes with --allow-unknown when nothing else fails, and
 * never shows a stack trace or a credential.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { allRules } from '../../rules/index.js';
import { auditAccounts } from '../../src/audit/index.js';
import { validateConfig } from '../../src/config/resolve.js';
import type { Reason } from '../../src/core/key-facts.js';
import type { Credentials } from '../../src/exchanges/types.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { envNames, fixture, mockIntrospection, writeConfig, type Reply } from '../exchanges/harness.js';
import { fakeCredentials, type SignedExchange } from '../exchanges/signing.js';

const NOW = new Date();

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function configFor(exchange: SignedExchange, creds: Credentials, audit: Record<string, number> = {}) {
  const { names, values } = envNames('acct', creds);
  const raw = { accounts: [{ name: 'acct', exchange, credentials: { env: names } }], audit: { retries: 2, ...audit } };
  return { config: validateConfig(raw, '.keyauditrc.json', allRules, JSON.stringify(raw, null, 2)), env: values };
}

async function run(exchange: SignedExchange, replies: Reply[], audit: Record<string, number> = {}, allowUnknown = false) {
  const creds = fakeCredentials(exchange, 'faults');
  const mock = mockIntrospection(exchange, creds, replies);
  const { config, env } = configFor(exchange, creds, audit);
  const sleeps: number[] = [];
  const [report] = await auditAccounts({ config, env, now: NOW, allowUnknown, sleep: async (ms) => void sleeps.push(ms) });
  if (report === undefined) throw new Error('no report');
  const text = JSON.stringify(report);
  for (const secret of [creds.apiKey, creds.secret, creds.password]) if (secret !== undefined) expect(text).not.toContain(secret);
  expect(mock.problems).toEqual([]);
  return { report, sleeps, mock };
}

const unverified = (report: { findings: { ruleId: string; severity: string; message: string }[] }) =>
  report.findings.find((f) => f.ruleId === 'keys/permissions-unverified');

const ok = (exchange: SignedExchange): Reply => ({ status: 200, body: fixture(exchange, 'safe', { now: NOW, apiKey: fakeCredentials(exchange, 'faults').apiKey }) });

describe('retries', () => {
  it('429 then success: retried after Retry-After, then pass', async () => {
    const { report, sleeps, mock } = await run('binance', [{ status: 429, body: { code: -1003, msg: 'Too many requests.' }, headers: { 'Retry-After': '2' } }, ok('binance')]);
    expect(mock.requests).toHaveLength(2);
    expect(sleeps).toEqual([2000]);
    expect(report.status).toBe('pass');
  });

  it('repeated 5xx: bounded retries, then unknown exchange-unavailable', async () => {
    const { report, mock, sleeps } = await run('okx', [503, 503, 503].map((status) => ({ status, body: '<html><body>Service Unavailable</body></html>' })));
    expect(mock.requests).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
    expect(report.status).toBe('unknown');
    expect(report.unknown.withdraw).toMatch(/unavailable/);
    expect(unverified(report)?.severity).toBe('high');
  });

  it('clock skew: syncs through the allowlisted public time endpoint, then retries once', async () => {
    const time = nock('https://api.binance.com')
      .get('/api/v3/time')
      .reply(200, () => ({ serverTime: Date.now() - 5000 }));
    const { report, mock } = await run('binance', [{ status: 400, body: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' } }, ok('binance')], { retries: 0 });
    expect(time.isDone()).toBe(true);
    expect(mock.requests).toHaveLength(2);
    // The retried request is signed with the server's clock (about 5 s behind ours).
    const stamp = (i: number) => Number(/timestamp=(\d+)/.exec(mock.requests[i]?.url ?? '')?.[1]);
    expect(stamp(0) - stamp(1)).toBeGreaterThan(3000);
    expect(report.status).toBe('pass');
  });

  it('never retries an authentication failure', async () => {
    const { report, mock } = await run('bybit', [{ status: 200, body: { retCode: 10003, retMsg: 'API key is invalid.', result: {}, retExtInfo: {}, time: 1 } }]);
    expect(mock.requests).toHaveLength(1);
    expect(report.unknown.withdraw).toMatch(/^authentication failed/);
  });
});

const CASES: { name: string; exchange: SignedExchange; replies: Reply[]; audit?: Record<string, number>; reason: Reason; text: RegExp }[] = [
  { name: 'timeout', exchange: 'kraken', replies: [{ delayMs: 1500, status: 200, body: {} }], audit: { timeoutMs: 150, retries: 0 }, reason: 'timeout', text: /did not answer in time/ },
  {
    name: 'connection reset',
    exchange: 'bybit',
    replies: [0, 1, 2].map(() => ({ error: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) })),
    reason: 'network-error',
    text: /network error/,
  },
  { name: 'HTML 200', exchange: 'binance', replies: [{ status: 200, body: '<!DOCTYPE html><html><body>Maintenance</body></html>' }], reason: 'bad-response', text: /unexpected response/ },
  { name: 'empty 200', exchange: 'okx', replies: [{ status: 200, body: '' }], reason: 'bad-response', text: /unexpected response/ },
  {
    name: 'wrong shape (data not a list)',
    exchange: 'okx',
    replies: [{ status: 200, body: { code: '0', msg: '', data: 'x' } }],
    reason: 'bad-response',
    text: /unexpected shape at data/,
  },
  { name: 'invalid key (Binance -2015)', exchange: 'binance', replies: [{ status: 401, body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } }], reason: 'auth-failed', text: /authentication failed.*-2015/ },
  { name: 'invalid signature (Kraken)', exchange: 'kraken', replies: [{ status: 200, body: { error: ['EAPI:Invalid signature'] } }], reason: 'auth-failed', text: /authentication failed/ },
  { name: 'no read permission (OKX 50110)', exchange: 'okx', replies: [{ status: 200, body: { code: '50110', msg: 'Your IP is not in the whitelist', data: [] } }], reason: 'permission-denied', text: /lacks the permission/ },
  { name: 'no read permission (Kraken)', exchange: 'kraken', replies: [{ status: 200, body: { error: ['EGeneral:Permission denied'] } }], reason: 'permission-denied', text: /lacks the permission/ },
];

describe('faults end unknown with their reason', () => {
  it.each(CASES)('$name -> $reason', async ({ exchange, replies, audit, reason, text }) => {
    const { report } = await run(exchange, replies, audit);
    expect(report.status).toBe('unknown');
    expect(report.permissions.withdraw).toBe('unknown');
    expect(report.unknown.withdraw).toMatch(text);
    const finding = unverified(report);
    expect(finding?.severity).toBe('high');
    expect(finding?.message).toMatch(text);
    void reason;
  });

  it('--allow-unknown downgrades the unverified finding to info', async () => {
    const { report } = await run('binance', [{ status: 200, body: '<html></html>' }], {}, true);
    expect(unverified(report)?.severity).toBe('info');
  });
});

describe('through the CLI', () => {
  it('exit 1 on unknown, exit 0 with --allow-unknown, no stack trace, no credential', async () => {
    const creds = fakeCredentials('okx', 'cli');
    const dir = tempDir();
    const { names, values } = envNames('okx-bot', creds);
    writeConfig(dir, [{ name: 'okx-bot', exchange: 'okx', env: names }], { audit: { retries: 0 } });
    for (const [args, code] of [
      [[], 1],
      [['--allow-unknown'], 0],
      [['--verbose'], 1],
    ] as const) {
      mockIntrospection('okx', creds, [{ status: 200, body: '<html>bad gateway</html>' }]);
      const result = await runCli(['scan', '--no-secrets', ...args], { cwd: dir, env: values });
      const out = result.stdout + result.stderr;
      expect(result.code, out).toBe(code);
      expect(out).toMatch(/okx-bot/);
      expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);
      for (const secret of Object.values(values)) expect(out).not.toContain(secret);
      nock.cleanAll();
    }
  });

  it('a signing regression is caught: a key signed with another secret is refused by the double', async () => {
    const signer = fakeCredentials('bybit', 'a');
    const other = fakeCredentials('bybit', 'b');
    const mock = mockIntrospection('bybit', { ...signer, secret: other.secret }, [{ status: 200, body: {} }]);
    const { config, env } = configFor('bybit', signer, { retries: 0 });
    const [report] = await auditAccounts({ config, env, now: NOW, allowUnknown: false });
    expect(mock.problems).toEqual(['signature mismatch']);
    expect(report?.status).toBe('unknown');
  });

  it('a missing environment variable is unknown credentials-missing naming the variable only', async () => {
    const creds = fakeCredentials('kraken', 'env');
    const { config, env } = configFor('kraken', creds);
    const [report] = await auditAccounts({ config, env: { ...env, ACCT_SECRET: undefined }, now: NOW, allowUnknown: false });
    expect(report?.unknown.withdraw).toMatch(/ACCT_SECRET is not set/);
    expect(JSON.stringify(report)).not.toContain(creds.apiKey);
  });
});
