/**
 * auditAccounts orchestration: credential sources, config errors, exchanges without an endpoint,
 * sandbox refusal, the per-exchange concurrency limit, and store dates for key rotation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import type { CredentialProvider } from '../../src/audit/credentials.js';
import { auditAccounts } from '../../src/audit/index.js';
import { validateConfig } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/core/errors.js';
import { startDouble, type Double } from '../exchanges/double.js';
import { fixture } from '../exchanges/harness.js';
import { fakeCredentials } from '../exchanges/signing.js';

const NOW = new Date();
let double: Double | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

const config = (accounts: Record<string, unknown>[], audit: Record<string, number> = {}) => {
  const raw = { accounts, audit: { retries: 0, ...audit } };
  return validateConfig(raw, '.keyauditrc.json', allRules, JSON.stringify(raw, null, 2));
};

const failingStore: CredentialProvider = {
  get: () => {
    throw new Error('the store must not be asked');
  },
};

describe('auditAccounts', () => {
  it('a CCXT id keyaudit cannot check is no-endpoint (no credentials asked); BitMEX is exchange-closed', async () => {
    const reports = await auditAccounts({
      config: config([
        { name: 'm', exchange: 'mexc' },
        { name: 'u', exchange: 'binanceus' },
        { name: 'x', exchange: 'bitmex' },
      ]),
      env: {},
      now: NOW,
      allowUnknown: false,
      storeProvider: failingStore,
    });
    expect(reports.map((r) => `${r.name}:${r.status}:${r.unknown.withdraw}`)).toEqual([
      expect.stringMatching(/^m:unknown:the exchange offers no safe key-introspection endpoint/),
      expect.stringMatching(/^u:unknown:the exchange offers no safe key-introspection endpoint/),
      expect.stringMatching(/^x:unknown:the exchange has closed/),
    ]);
    expect(reports.every((r) => r.findings.some((f) => f.ruleId === 'keys/permissions-unverified' && f.severity === 'high'))).toBe(true);
    expect(reports.map((r) => r.endpoint)).toEqual([null, null, null]);
  });

  it('an id CCXT does not know is a ConfigError naming the file and accounts[i].exchange', async () => {
    const error = await auditAccounts({ config: config([{ name: 'a', exchange: 'binance' }, { name: 'b', exchange: 'binanse' }]), env: {}, now: NOW, allowUnknown: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/\.keyauditrc\.json[\s\S]*accounts\[1\]\.exchange: unknown exchange "binanse".*did you mean "binance/);
  });

  it('sandbox on an exchange without a usable sandbox is unknown sandbox-unsupported, before any request', async () => {
    const creds = fakeCredentials('binance');
    const [r] = await auditAccounts({
      config: config([{ name: 'a', exchange: 'binance', sandbox: true, credentials: { env: { apiKey: 'K', secret: 'S' } } }]),
      env: { K: creds.apiKey, S: creds.secret },
      now: NOW,
      allowUnknown: false,
    });
    expect(r?.unknown.withdraw).toMatch(/no sandbox/);
  });

  it('OKX without its passphrase is credentials-missing', async () => {
    const [r] = await auditAccounts({ config: config([{ name: 'a', exchange: 'okx', credentials: { env: { apiKey: 'K', secret: 'S' } } }]), env: { K: 'k'.repeat(36), S: 's'.repeat(32) }, now: NOW, allowUnknown: false });
    expect(r?.unknown.withdraw).toMatch(/credentials are missing \(OKX needs password/);
  });

  it('store credentials: no creation date from OKX -> key-rotation by the store date, said so', async () => {
    const creds = fakeCredentials('okx', 'store');
    double = await startDouble([{ exchange: 'okx', credentials: creds, body: fixture('okx', 'safe', { now: NOW, apiKey: creds.apiKey }) }]);
    const added = new Date(NOW.getTime() - 120 * 86_400_000).toISOString();
    const store: CredentialProvider = { get: async () => ({ ok: true, credentials: creds, storeAddedAt: added, storeRotatedAt: null, source: 'store' }) };
    const [r] = await auditAccounts({ config: config([{ name: 'okx-main', exchange: 'okx', baseUrl: double.url }]), env: {}, now: NOW, allowUnknown: false, storeProvider: store });
    expect(r?.status).toBe('pass');
    const rotation = r?.findings.find((f) => f.ruleId === 'keys/key-rotation');
    expect(rotation?.message).toMatch(/120 days old \(the exchange gives no creation date; added .* per the local store\)/);
    expect(double.stats.signatureProblems).toEqual([]);
  });

  it("OKX's regional sites (okxus, myokx) use the same adapter, signing and lapse policy", async () => {
    const creds = fakeCredentials('okx', 'us');
    double = await startDouble([{ exchange: 'okx', credentials: creds, body: fixture('okx', 'withdraw-unbound', { now: NOW, apiKey: creds.apiKey }) }]);
    const reports = await auditAccounts({
      config: config(['okxus', 'myokx'].map((exchange) => ({ name: exchange, exchange, baseUrl: double?.url, credentials: { env: { apiKey: 'K', secret: 'S', password: 'P' } } }))),
      env: { K: creds.apiKey, S: creds.secret, P: creds.password },
      now: NOW,
      allowUnknown: false,
    });
    expect(double.stats.signatureProblems).toEqual([]);
    for (const r of reports) {
      expect(r.permissions.withdraw).toBe(true);
      expect(r.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['keys/withdraw-enabled', 'keys/lapse-policy']));
    }
  });

  it('a store that is not available is unknown store-unavailable', async () => {
    const store: CredentialProvider = { get: async () => ({ ok: false, reason: 'store-unavailable', detail: 'no store: run keyaudit init' }) };
    const [r] = await auditAccounts({ config: config([{ name: 'k', exchange: 'kraken' }]), env: {}, now: NOW, allowUnknown: true, storeProvider: store });
    expect(r?.unknown.withdraw).toMatch(/encrypted store is not available \(no store: run keyaudit init\)/);
    expect(r?.findings.find((f) => f.ruleId === 'keys/permissions-unverified')?.severity).toBe('info');
  });

  it('accounts run concurrently, at most concurrencyPerExchange at a time per exchange', async () => {
    const keys = Array.from({ length: 6 }, (_, i) => fakeCredentials('bybit', `c${i}`));
    const kraken = Array.from({ length: 2 }, (_, i) => fakeCredentials('kraken', `c${i}`));
    double = await startDouble(
      [
        ...keys.map((c) => ({ exchange: 'bybit', credentials: c, body: fixture('bybit', 'safe', { now: NOW, apiKey: c.apiKey }) })),
        ...kraken.map((c) => ({ exchange: 'kraken', credentials: c, body: fixture('kraken', 'safe', { now: NOW, apiKey: c.apiKey }) })),
      ],
      { latencyMs: 150 },
    );
    const env: Record<string, string> = {};
    const accounts = [...keys.map((c, i) => ({ c, i, ex: 'bybit' })), ...kraken.map((c, i) => ({ c, i, ex: 'kraken' }))].map(({ c, i, ex }) => {
      env[`${ex}${i}K`] = c.apiKey;
      env[`${ex}${i}S`] = c.secret ?? '';
      return { name: `${ex}-${i}`, exchange: ex, baseUrl: double?.url, credentials: { env: { apiKey: `${ex}${i}K`, secret: `${ex}${i}S` } } };
    });
    const tracking: CredentialProvider = { get: async () => ({ ok: false, reason: 'credentials-missing', detail: 'unused' }) };
    const started = Date.now();
    const reports = await auditAccounts({
      config: config(accounts, { concurrencyPerExchange: 2 }),
      env,
      now: NOW,
      allowUnknown: false,
      storeProvider: tracking,
    });
    const elapsed = Date.now() - started;
    expect(reports.map((r) => r.status)).toEqual(Array(8).fill('pass'));
    expect(double.stats.signatureProblems).toEqual([]);
    // 6 Bybit accounts two at a time = 3 waves of 150 ms; Kraken's 2 run alongside.
    expect(elapsed).toBeGreaterThanOrEqual(3 * 150 - 20);
    expect(elapsed).toBeLessThan(6 * 150 + 2000);
    expect(double.stats.peakInFlight).toEqual({ bybit: 2, kraken: 2 });
    expect(double.stats.peakTotal).toBe(4);
  });
});
