/** Pure parts of the exchange core: facts helpers, error classification/sanitizing, URL rewriting. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCcxtExchange, rewriteUrls, callWithRetry } from '../../src/exchanges/ccxt-client.js';
import { AdapterError, SandboxUnsupportedError, classifyError, sanitize } from '../../src/exchanges/errors.js';
import { TokenList, anyOf, deriveReadOnly, ipFacts, parseDate, parseEnvelope, triFromBoolean } from '../../src/exchanges/facts-helpers.js';
import { known, unknownTri } from '../../src/core/key-facts.js';
import { getAdapter } from '../../src/exchanges/registry.js';

const ctx = { exchange: 'x', endpoint: 'GET /x', fetchedAt: '2026-01-01T00:00:00.000Z' };

describe('parseEnvelope', () => {
  const schema = z.looseObject({ code: z.string(), data: z.array(z.unknown()) });
  it.each([
    [undefined, 'empty response'],
    ['', 'empty response'],
    ['<!DOCTYPE html><html></html>', 'HTML instead of JSON'],
    ['{"code":"0","data":[', 'non-JSON response'],
    [{ code: 0, data: [] }, 'unexpected shape at code'],
    [{ code: '1', data: [] }, 'error code 1'],
  ])('%j -> bad-response (%s)', (raw, detail) => {
    const r = parseEnvelope(schema, raw, ctx, (d) => (d.code === '0' ? true : `error code ${d.code}`));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'bad-response' });
      expect(r.facts.canWithdraw.detail).toContain(detail);
      expect(r.facts.ipAllowlist.reason).toBe('bad-response');
    }
  });
  it('accepts a documented envelope with extra fields', () => {
    expect(parseEnvelope(schema, { code: '0', data: [], extra: 1 }, ctx).ok).toBe(true);
  });
});

describe('tri-state helpers', () => {
  it('a boolean only from a real boolean', () => {
    expect(triFromBoolean({ a: true }, 'a')).toEqual({ value: true, source: 'a' });
    expect(triFromBoolean({ a: false }, 'a')).toEqual({ value: false, source: 'a' });
    expect(triFromBoolean({}, 'a')).toMatchObject({ value: 'unknown', reason: 'field-absent' });
    expect(triFromBoolean({ a: null }, 'a')).toMatchObject({ value: 'unknown', reason: 'field-absent' });
    expect(triFromBoolean({ a: 'false' }, 'a')).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
    expect(triFromBoolean({ a: 0 }, 'a')).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
  });

  it('token lists: present true, absent false only when well-formed, odd withdraw tokens unknown', () => {
    const list = TokenList.from('read_only,trade,withdraw_v2', 'perm', ['read_only', 'trade', 'withdraw'], { separator: ',' });
    expect(list.has(['trade'])).toMatchObject({ value: true });
    expect(list.has(['withdraw'], 'withdraw')).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
    expect(list.has(['withdraw'])).toMatchObject({ value: false });
    expect(TokenList.from(undefined, 'perm', []).has(['trade'])).toMatchObject({ value: 'unknown', reason: 'field-absent' });
    expect(TokenList.from(42, 'perm', []).has(['trade'])).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
    expect(TokenList.from(['Withdraw'], 'w', ['withdraw'], { caseInsensitive: true }).has(['withdraw'])).toMatchObject({ value: true });
    expect(TokenList.from([], 'w', ['Withdraw']).has(['Withdraw'], 'withdraw')).toEqual({ value: false, source: 'w' });
  });

  it('anyOf: one true wins, all false is false, not-exposed is ignored, else unknown', () => {
    expect(anyOf(known(false, 'a'), known(true, 'b')).value).toBe(true);
    expect(anyOf(known(false, 'a'), unknownTri('not-exposed')).value).toBe(false);
    expect(anyOf(known(false, 'a'), unknownTri('field-absent')).value).toBe('unknown');
    expect(anyOf(unknownTri('not-exposed')).reason).toBe('not-exposed');
  });

  it('readOnly derivation', () => {
    const no = known(false, 'x');
    const base = { canWithdraw: no, canTransfer: { any: no, internal: no, subAccount: no, universal: no }, canTrade: { any: no, spot: no, margin: no, futures: no, options: no } };
    expect(deriveReadOnly(base).value).toBe(true);
    expect(deriveReadOnly({ ...base, canWithdraw: known(true, 'w') }).value).toBe(false);
    expect(deriveReadOnly({ ...base, canWithdraw: unknownTri('field-absent') }).value).toBe('unknown');
  });

  it.each([
    [1704067200000, '2024-01-01T00:00:00.000Z'],
    [1704067200, '2024-01-01T00:00:00.000Z'],
    ['1704067200', '2024-01-01T00:00:00.000Z'],
    ['1704067200000', '2024-01-01T00:00:00.000Z'],
    ['2024-01-01T00:00:00Z', '2024-01-01T00:00:00.000Z'],
    ['2024-01-01T02:00:00+02:00', '2024-01-01T00:00:00.000Z'],
  ])('parseDate(%j)', (value, iso) => expect(parseDate(value, 'f').value).toBe(iso));

  it('parseDate sentinels and garbage', () => {
    expect(parseDate('0', 'f', { noneValues: ['0'] }).value).toBe('none');
    expect(parseDate(undefined, 'f')).toMatchObject({ value: 'unknown', reason: 'field-absent' });
    expect(parseDate('soon', 'f')).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
    expect(parseDate(-5, 'f')).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
  });

  it('ipFacts', () => {
    expect(ipFacts(['*'], 'ips', { noneValues: ['*'] })).toMatchObject({ ipRestricted: { value: false }, ipAllowlist: { value: [] } });
    expect(ipFacts('', 'ip')).toMatchObject({ ipRestricted: { value: false }, ipAllowlist: { value: [] } });
    expect(ipFacts('1.2.3.4, 5.6.7.8', 'ip')).toMatchObject({ ipRestricted: { value: true }, ipAllowlist: { value: ['1.2.3.4', '5.6.7.8'] } });
    expect(ipFacts('203.**.7', 'w', { masked: true }).ipAllowlist).toMatchObject({ masked: true, value: ['203.**.7'] });
    expect(ipFacts(undefined, 'ip').ipRestricted).toMatchObject({ value: 'unknown', reason: 'field-absent' });
    expect(ipFacts(7, 'ip').ipRestricted).toMatchObject({ value: 'unknown', reason: 'unrecognized-value' });
  });
});

/** CCXT-shaped errors without loading CCXT: same class names, same message shapes. */
function ccxtError(chain: string[], message: string): Error {
  let Base: new (m: string) => Error = Error;
  for (const name of chain) {
    const Parent = Base;
    const C = { [name]: class extends Parent {} }[name] as new (m: string) => Error;
    Base = C;
  }
  const e = new Base(message);
  e.name = chain.at(-1) ?? 'Error';
  return e;
}

describe('classifyError', () => {
  const secret = 'Zq8vN3kP0sLm5Xc7Rt2Yw9Hb4Jd6Fg1';
  it.each([
    [['BaseError', 'ExchangeError', 'AuthenticationError', 'PermissionDenied'], 'okx {"code":"50110","msg":"IP not allowed"}', 'permission-denied', 'PermissionDenied: code 50110: IP not allowed'],
    [['BaseError', 'ExchangeError', 'AuthenticationError'], 'binance {"code":-2015,"msg":"Invalid API-key, IP, or permissions for action."}', 'auth-failed', 'code -2015'],
    [['BaseError', 'OperationFailed', 'NetworkError', 'InvalidNonce'], 'bybit {"retCode":10002,"retMsg":"invalid request, please check your server timestamp"}', 'clock-skew', 'code 10002'],
    [['BaseError', 'OperationFailed', 'NetworkError', 'RateLimitExceeded'], 'binance GET https://api.binance.com/sapi/v1/account/apiRestrictions?timestamp=1&signature=abc 429 Too Many Requests', 'rate-limited', 'HTTP 429'],
    [['BaseError', 'OperationFailed', 'NetworkError', 'DDoSProtection'], 'binance 418 I am a teapot', 'rate-limited', 'HTTP 418'],
    [['BaseError', 'OperationFailed', 'NetworkError', 'RequestTimeout'], 'kraken POST https://api.kraken.com/0/private/GetApiKeyInfo request timed out (10000 ms)', 'timeout', 'request timed out'],
    [['BaseError', 'OperationFailed', 'NetworkError', 'ExchangeNotAvailable'], 'okx GET https://www.okx.com/api/v5/account/config 503 Service Unavailable <html>…</html>', 'exchange-unavailable', 'HTTP 503'],
    [['BaseError', 'OperationFailed', 'NetworkError'], 'bybit GET https://api.bybit.com/v5/user/query-api? fetch failed: ECONNRESET', 'network-error', 'fetch failed'],
    [['BaseError', 'OperationFailed', 'BadResponse'], 'htx GET https://api.huobi.pro/v2/user/api-key?AccessKeyId=Zq8vN3kP0sLm5Xc7Rt2Yw9Hb4Jd6Fg1&Signature=x unparseable', 'bad-response', 'BadResponse'],
    [['BaseError', 'ExchangeError'], 'kraken {"error":["EAPI:Invalid signature"]}', 'auth-failed', 'EAPI:Invalid signature'],
    [['BaseError', 'ExchangeError', 'AuthenticationError'], 'gate {"label":"REQUEST_EXPIRED","message":"gap too large"}', 'clock-skew', 'REQUEST_EXPIRED'],
    [['BaseError', 'ExchangeError'], 'deribit {"error":{"code":13009}}', 'exchange-error', 'ExchangeError'],
  ])('%j -> %s', (chain, message, reason, detail) => {
    const r = classifyError(ccxtError(chain, message), [secret]);
    expect(r.reason).toBe(reason);
    expect(r.detail).toContain(detail);
    expect(r.detail).not.toContain(secret);
    expect(r.detail).not.toMatch(/https?:\/\/|signature=|AccessKeyId/);
  });

  it('non-CCXT errors', () => {
    expect(classifyError(new SandboxUnsupportedError('binance'), []).reason).toBe('sandbox-unsupported');
    expect(classifyError(new AdapterError('not-found', 'no entry for the calling key'), []).reason).toBe('not-found');
    expect(classifyError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), []).reason).toBe('network-error');
    expect(classifyError('weird', []).reason).toBe('exchange-error');
    expect(classifyError(new TypeError('x is not a function'), []).reason).toBe('exchange-error');
  });

  it('sanitize removes secrets, queries and header-like pairs, and caps length', () => {
    const s = sanitize(`GET https://h/p?apiKey=${secret} X-MBX-APIKEY: ${secret} ${'y'.repeat(300)}`, [secret]);
    expect(s).not.toContain(secret);
    expect(s).not.toContain('?apiKey');
    expect(s.length).toBeLessThanOrEqual(200);
  });
});

describe('ccxt client', () => {
  it('rewrites every URL incl. {hostname} templates, recursively', () => {
    const api = { rest: 'https://{hostname}', nested: { a: 'https://api.{hostname}/v5', b: ['https://x.com/sapi/v1'] }, n: 3, ws: 'wss://stream.x.com/ws' };
    expect(rewriteUrls(api, 'http://127.0.0.1:9/p')).toEqual({
      rest: 'http://127.0.0.1:9/p',
      nested: { a: 'http://127.0.0.1:9/p/v5', b: ['http://127.0.0.1:9/p/sapi/v1'] },
      n: 3,
      ws: 'http://127.0.0.1:9/p/ws',
    });
  });

  it('baseUrl reaches every Binance entry and the HTX signing hostname', async () => {
    const binance = await createCcxtExchange('binance', { apiKey: 'k', secret: 's' }, { timeoutMs: 1000, retries: 0, now: () => new Date(), baseUrl: 'http://127.0.0.1:9' }, []);
    const urls = JSON.stringify(binance.urls.api);
    expect(urls).not.toMatch(/binance\.com/);
    const htx = await createCcxtExchange('htx', { apiKey: 'k', secret: 's' }, { timeoutMs: 1000, retries: 0, now: () => new Date(), baseUrl: 'http://127.0.0.1:9' }, []);
    expect((htx as unknown as { hostname: string }).hostname).toBe('127.0.0.1:9');
  });

  it('sandbox only where it serves the endpoint', async () => {
    const deps = { timeoutMs: 1000, retries: 0, now: () => new Date(), sandbox: true };
    await expect(createCcxtExchange('binance', { apiKey: 'k', secret: 's' }, deps, [])).rejects.toBeInstanceOf(SandboxUnsupportedError);
    await expect(createCcxtExchange('coinbase', { apiKey: 'k', secret: 's' }, deps, [])).rejects.toBeInstanceOf(SandboxUnsupportedError);
    const bybit = await createCcxtExchange('bybit', { apiKey: 'k', secret: 's' }, deps, getAdapter('bybit')?.endpoints ?? []);
    expect(JSON.stringify(bybit.urls.api)).toContain('testnet');
  });

  it('never verbose, rate limiting on, configured timeout', async () => {
    const ex = await createCcxtExchange('okx', { apiKey: 'k', secret: 's', password: 'p' }, { timeoutMs: 1234, retries: 0, now: () => new Date() }, []);
    expect(ex.verbose).toBe(false);
    expect(ex.enableRateLimit).toBe(true);
    expect(ex.timeout).toBe(1234);
  });

  it('callWithRetry: bounded, backs off, never retries auth, syncs the clock once', async () => {
    const sleeps: number[] = [];
    const deps = { timeoutMs: 1000, retries: 2, now: () => new Date(), sleep: async (ms: number) => void sleeps.push(ms) };
    let calls = 0;
    const flaky = () => {
      calls += 1;
      return Promise.reject(ccxtError(['BaseError', 'OperationFailed', 'NetworkError', 'ExchangeNotAvailable'], 'x 503'));
    };
    await expect(callWithRetry(flaky, deps)).rejects.toThrow();
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
    calls = 0;
    await expect(callWithRetry(() => (calls++, Promise.reject(ccxtError(['BaseError', 'ExchangeError', 'AuthenticationError'], 'no'))), deps)).rejects.toThrow();
    expect(calls).toBe(1);
    let synced = 0;
    calls = 0;
    const fakeEx = { loadTimeDifference: async () => void synced++, options: {} } as never;
    const skewThenOk = () => (++calls === 1 ? Promise.reject(ccxtError(['BaseError', 'OperationFailed', 'NetworkError', 'InvalidNonce'], 'skew')) : Promise.resolve('ok'));
    await expect(callWithRetry(skewThenOk, deps, fakeEx)).resolves.toBe('ok');
    expect(synced).toBe(1);
  });
});
