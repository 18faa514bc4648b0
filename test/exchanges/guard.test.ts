/**
 * The request guard: unit table over exchanges.md §7, then the real thing — an audited CCXT
 * instance asked to withdraw, create an order and transfer must not open a single socket (nock
 * blocks all network, and a loopback server set as baseUrl counts connections).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nock from 'nock';
import { createCcxtExchange } from '../../src/exchanges/ccxt-client.js';
import { createGuard, deniedCategory, GuardError } from '../../src/exchanges/guard.js';
import { getAdapter, listAdapters } from '../../src/exchanges/registry.js';
import { classifyError } from '../../src/exchanges/errors.js';
import { fakeCredentials, type SignedExchange } from './signing.js';

describe('createGuard', () => {
  const guard = createGuard('binance', getAdapter('binance')?.endpoints ?? []);
  const refused = (method: string, url: string): string => {
    try {
      guard.check(method, url);
      return 'allowed';
    } catch (error) {
      expect(error).toBeInstanceOf(GuardError);
      return (error as GuardError).category;
    }
  };

  it.each([
    ['GET', 'https://api.binance.com/sapi/v1/account/apiRestrictions?timestamp=1&signature=ab', 'allowed'],
    ['GET', 'https://api.binance.com/api/v3/time', 'allowed'],
    ['POST', 'https://api.binance.com/sapi/v1/account/apiRestrictions', 'unknown-write'],
    ['GET', 'https://api.binance.com/sapi/v1/account/apiRestrictions/ipRestriction', 'key-management'],
    ['POST', 'https://api.binance.com/sapi/v1/capital/withdraw/apply', 'withdraw'],
    ['POST', 'https://api.binance.com/api/v3/order', 'trade'],
    ['DELETE', 'https://api.binance.com/api/v3/openOrders', 'trade'],
    ['POST', 'https://api.binance.com/sapi/v1/asset/transfer', 'transfer'],
    ['GET', 'https://api.binance.com/sapi/v1/capital/config/getall', 'not-allowlisted'],
    ['GET', 'https://api.binance.com/sapi//v1/account/apiRestrictions', 'not-allowlisted'],
    ['GET', 'https://api.binance.com/sapi//v1//capital/withdraw/history', 'withdraw'],
    ['GET', 'https://api.binance.com/sapi/v1/capital/%77ithdraw/history', 'withdraw'],
  ])('%s %s -> %s', (method, url, expected) => {
    expect(refused(method, url)).toBe(expected);
  });

  it('parses the final URL (Bybit adds an empty "?")', () => {
    const bybit = createGuard('bybit', getAdapter('bybit')?.endpoints ?? []);
    expect(() => bybit.check('GET', 'https://api.bybit.com/v5/user/query-api?')).not.toThrow();
    expect(() => bybit.check('POST', 'https://api.bybit.com/v5/user/update-api')).toThrow(/key-management/);
  });

  it('the deny-list wins over any allowlist entry', () => {
    const g = createGuard('x', [{ method: 'POST', path: '/api/v3/order', purpose: 'introspection' }]);
    expect(() => g.check('POST', 'http://h/api/v3/order')).toThrow(/trade/);
  });

  it('strips a baseUrl path prefix before matching', () => {
    const g = createGuard('kraken', getAdapter('kraken')?.endpoints ?? [], '/proxy');
    expect(() => g.check('POST', 'http://127.0.0.1:1/proxy/0/private/GetApiKeyInfo')).not.toThrow();
    expect(() => g.check('POST', 'http://127.0.0.1:1/0/private/GetApiKeyInfo')).not.toThrow();
    expect(() => g.check('POST', 'http://127.0.0.1:1/proxy/0/private/AddOrder')).toThrow(/trade/);
  });

  it('no adapter allowlists a denied path', () => {
    for (const adapter of listAdapters()) for (const e of adapter.endpoints) expect(deniedCategory(e.path), `${adapter.id} ${e.path}`).toBeNull();
  });

  it('classifies as blocked-by-guard', () => {
    expect(classifyError(new GuardError('okx', 'withdraw', 'POST', '/api/v5/asset/withdrawal'), []).reason).toBe('blocked-by-guard');
  });
});

describe('an audited CCXT instance cannot move funds', () => {
  let server: Server;
  let connections = 0;
  /** Paths that reached the loopback server, and hosts/paths nock refused (attempted sockets). */
  const served: string[] = [];
  const attempted: string[] = [];
  let baseUrl = '';
  const onNoMatch = (req: { path?: string; options?: { path?: string } }) => attempted.push(req.path ?? req.options?.path ?? '?');

  beforeAll(async () => {
    server = createServer((req, res) => {
      served.push(req.url ?? '');
      res.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock.emitter.on('no match', onNoMatch);
  });
  afterAll(async () => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.enableNetConnect();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const ATTEMPTS: [string, (ex: Record<string, (...a: unknown[]) => Promise<unknown>>) => Promise<unknown>][] = [
    ['withdraw', (ex) => ex.withdraw!('USDT', 100, 'TQrY8tryqsYVCYS3MFbtffiPp2ccyn4STm')],
    ['createOrder', (ex) => ex.createOrder!('BTC/USDT', 'market', 'buy', 1, undefined, {})],
    ['transfer', (ex) => ex.transfer!('USDT', 100, 'spot', 'future')],
  ];

  for (const exchange of ['binance', 'okx', 'bybit', 'kraken'] as SignedExchange[]) {
    for (const withBase of [false, true]) {
      it(`${exchange}${withBase ? ' (baseUrl loopback)' : ' (real hosts, network disabled)'}: withdraw, createOrder, transfer send nothing`, async () => {
        const adapter = getAdapter(exchange);
        if (adapter === undefined) throw new Error('missing adapter');
        const allowed = new Set(adapter.endpoints.map((e) => e.path));
        served.length = 0;
        attempted.length = 0;
        const before = connections;
        const ex = (await createCcxtExchange(exchange, fakeCredentials(exchange, 'guard'), { timeoutMs: 2000, retries: 0, now: () => new Date(), ...(withBase ? { baseUrl } : {}) }, adapter.endpoints)) as unknown as Record<
          string,
          (...a: unknown[]) => Promise<unknown>
        >;
        for (const [name, attempt] of ATTEMPTS) {
          const error = await attempt(ex).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error, `${exchange}.${name} must fail`).not.toBeNull();
        }
        // CCXT may first try a read it needs (e.g. Bybit's withdraw asks /v5/user/query-api): only
        // allowlisted reads may ever be attempted; everything else was refused before a socket.
        const paths = [...served, ...attempted].map((u) => u.split('?')[0] ?? '');
        for (const p of paths) expect(allowed.has(p), `${exchange} attempted ${p}`).toBe(true);
        // Proof the recording works: Bybit's withdraw does ask that allowlisted read first.
        if (exchange === 'bybit') expect(paths).toContain('/v5/user/query-api');
        if (!withBase) expect(served).toEqual([]);
        if (paths.length === 0) expect(connections - before).toBe(0);
      });
    }
  }

  it('the raw fetch layer is guarded too (ex.fetchImplementation)', async () => {
    const adapter = getAdapter('binance');
    const before = connections;
    const ex = (await createCcxtExchange('binance', fakeCredentials('binance'), { timeoutMs: 2000, retries: 0, now: () => new Date(), baseUrl }, adapter?.endpoints ?? [])) as unknown as {
      fetchImplementation: (url: string, params: { method: string }) => Promise<unknown>;
    };
    served.length = 0;
    await expect(ex.fetchImplementation(`${baseUrl}/sapi/v1/capital/withdraw/apply`, { method: 'POST' })).rejects.toThrow(/withdraw/);
    expect(served).toEqual([]);
    expect(connections).toBe(before);
  });
});
