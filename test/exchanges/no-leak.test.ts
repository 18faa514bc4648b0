/**
 * No-leak: the API keys, secrets and passphrases used appear nowhere in stdout, stderr, JSON, SARIF
 * or --verbose text — on success, on findings and on every fault path, including an exchange error
 * that echoes the key back in its message.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { EXCHANGES, envNames, fixture, mockIntrospection, writeConfig, type Reply } from './harness.js';
import { fakeCredentials, type SignedExchange } from './signing.js';

const NOW = new Date();

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

function replies(exchange: SignedExchange, apiKey: string, secret: string): Record<string, Reply[]> {
  const withdraw = exchange === 'kraken' ? 'withdraw' : exchange === 'binance' ? 'withdraw-unrestricted' : 'withdraw-unbound';
  return {
    ok: [{ status: 200, body: fixture(exchange, 'safe', { now: NOW, apiKey }) }],
    withdraw: [{ status: 200, body: fixture(exchange, withdraw, { now: NOW, apiKey }) }],
    'echoing error': [{ status: 401, body: { code: -2015, msg: `Invalid API-key ${apiKey} with secret ${secret}`, retCode: 10003, retMsg: `key ${apiKey}`, error: [`EAPI:Invalid key ${apiKey}`] } }],
    'rate limited': [{ status: 429, body: { msg: `slow down ${apiKey}` }, headers: { 'Retry-After': '0' } }],
    html: [{ status: 200, body: `<html>${apiKey}</html>` }],
    reset: [{ error: Object.assign(new Error(`socket hang up ${apiKey}`), { code: 'ECONNRESET' }) }],
  };
}

describe.each(EXCHANGES)('%s', (exchange) => {
  it('no credential in any output format, on any path', async () => {
    const creds = fakeCredentials(exchange, 'leak');
    const secrets = [creds.apiKey, creds.secret, creds.password].filter((s): s is string => s !== undefined);
    const dir = tempDir();
    const { names, values } = envNames('acct', creds);
    writeConfig(dir, [{ name: 'acct', exchange, env: names }], { audit: { retries: 0, timeoutMs: 1000 } });
    for (const [name, reply] of Object.entries(replies(exchange, creds.apiKey, creds.secret ?? ''))) {
      for (const args of [['--format', 'json'], ['--format', 'sarif'], ['--verbose']]) {
        mockIntrospection(exchange, creds, reply);
        const { stdout, stderr, code } = await runCli(['scan', '--no-secrets', ...args], { cwd: dir, env: values });
        const out = stdout + stderr;
        for (const s of secrets) expect(out.includes(s), `${name} ${args.join(' ')} leaked a credential`).toBe(false);
        expect(code, `${name} ${args.join(' ')}: ${out.slice(0, 300)}`).toBe(name === 'ok' ? 0 : 1);
        nock.cleanAll();
      }
    }
  });
});
