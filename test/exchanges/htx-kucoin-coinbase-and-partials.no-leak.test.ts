/**
 * No-leak across the eight adapters' fault and success paths: the API key, secret, passphrase or
 * PEM used appears nowhere in text, JSON or SARIF output, with --verbose, including auth failures
 * (CCXT errors embed URLs — HTX's carry AccessKeyId — and bodies) and HTML answers.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { fixtureRaw } from './adapter-fetch.js';
import { fakeCredentials, mockRoute, type AdapterExchange } from './adapter-signing.js';
import { writeConfig } from './harness.js';
import { refuseRealNetwork } from '../helpers/nock.js';

refuseRealNetwork();

const FIRST: Record<AdapterExchange, { method: 'GET' | 'POST'; path: string; fixture: string; pick?: string; then?: { path: string; pick: string }; auth: { status: number; body: unknown } }> = {
  coinbase: { method: 'GET', path: '/api/v3/brokerage/key_permissions', fixture: 'ng.transfer-enabled', auth: { status: 401, body: 'Unauthorized' } },
  kucoin: { method: 'GET', path: '/api/v1/user/api-key', fixture: 'ng.withdrawal', auth: { status: 401, body: { code: '400003', msg: 'KC-API-KEY not exists' } } },
  htx: { method: 'GET', path: '/v2/user/uid', fixture: 'ok.safe', pick: 'uid', then: { path: '/v2/user/api-key', pick: 'keys' }, auth: { status: 200, body: { code: 1003, message: 'invalid signature' } } },
  gate: { method: 'GET', path: '/api/v4/account/detail', fixture: 'ok.spot-whitelisted', pick: 'detail', then: { path: '/api/v4/account/main_keys', pick: 'mainKeys' }, auth: { status: 401, body: { label: 'INVALID_KEY', message: 'Invalid key provided' } } },
  bitget: { method: 'GET', path: '/api/v2/spot/account/info', fixture: 'ng.withdraw-codes', auth: { status: 400, body: { code: '40037', msg: 'Apikey does not exist', data: null } } },
  bitfinex: { method: 'POST', path: '/v2/auth/r/permissions', fixture: 'ng.withdraw', auth: { status: 500, body: ['error', 10100, 'apikey: invalid'] } },
  gemini: { method: 'POST', path: '/v1/roles', fixture: 'ng.fund-manager', auth: { status: 400, body: { result: 'error', reason: 'InvalidSignature', message: 'InvalidSignature' } } },
  deribit: { method: 'GET', path: '/api/v2/private/list_api_keys', fixture: 'ng.wallet-write', auth: { status: 400, body: { jsonrpc: '2.0', error: { message: 'invalid_credentials', code: 13004 } } } },
};

const FORMATS = [['--format', 'text'], ['--format', 'json'], ['--format', 'sarif']];

describe.each(Object.keys(FIRST) as AdapterExchange[])('%s: no credential in any output', (exchange) => {
  it.each(['auth-error', 'html', 'answer'] as const)('%s path, text/json/sarif, --verbose', async (kind) => {
    const spec = FIRST[exchange];
    const creds = fakeCredentials(exchange);
    const names: Record<string, string> = {};
    const env: Record<string, string> = {};
    for (const field of ['apiKey', 'secret', 'password', 'privateKey'] as const) {
      const value = creds[field];
      if (value === undefined) continue;
      names[field] = `${exchange.toUpperCase()}_${field.toUpperCase()}`;
      env[names[field]] = value;
    }
    const dir = tempDir();
    // No retries: a fault here is about what is printed, not about backoff.
    writeConfig(dir, [{ name: 'main', exchange, env: names }], { audit: { retries: 0 } });
    const raw = fixtureRaw(exchange, spec.fixture, creds, 'x'.repeat(43));
    const body = kind === 'auth-error' ? spec.auth.body : kind === 'html' ? '<html>down</html>' : spec.pick === undefined ? raw : raw[spec.pick];
    const status = kind === 'auth-error' ? spec.auth.status : 200;
    let out = '';
    for (const format of FORMATS) {
      mockRoute(exchange, spec.method, spec.path, creds, [{ status, body }], spec.auth);
      if (kind === 'answer' && spec.then !== undefined) mockRoute(exchange, 'GET', spec.then.path, creds, [{ status: 200, body: raw[spec.then.pick] }], spec.auth);
      const result = await runCli(['scan', '--no-secrets', '--verbose', ...format], { cwd: dir, env });
      expect(result.stderr).not.toMatch(/\n\s+at /);
      out += result.stdout + result.stderr;
      nock.cleanAll();
    }
    for (const value of [creds.apiKey, creds.secret, creds.password, creds.privateKey]) {
      if (value !== undefined) expect(out.includes(value), `${exchange} ${kind}: a credential leaked`).toBe(false);
    }
    // The secret's PEM body lines must not leak either (Coinbase).
    for (const line of (creds.privateKey ?? '').split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'))) expect(out.includes(line)).toBe(false);
    expect(out, out.slice(0, 400)).toContain('main');
  });
});
