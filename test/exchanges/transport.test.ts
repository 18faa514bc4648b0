/**
 * The guarded transport under CCXT: redirects are never followed (a redirect could point a signed
 * request elsewhere) and oversized bodies are cut (an introspection answer is a few KB).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import binance from '../../src/exchanges/binance.js';
import { classifyError } from '../../src/exchanges/errors.js';
import { fakeCredentials } from './signing.js';

let server: Server;
let base = '';
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url?.startsWith('/redirect/')) {
      res.writeHead(302, { location: `${base}/elsewhere/sapi/v1/account/apiRestrictions` }).end();
    } else if (req.url?.startsWith('/huge/')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      // 3 MB of a valid-looking JSON prefix that never closes within the cap.
      res.write('{"ipRestrict":true,"pad":"');
      const chunk = 'a'.repeat(64 * 1024);
      for (let i = 0; i < 48; i++) res.write(chunk);
      res.end('"}');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const deps = (prefix: string) => ({ timeoutMs: 3000, retries: 0, now: () => new Date(), baseUrl: `${base}/${prefix}` });

describe('guarded transport', () => {
  it('does not follow redirects', async () => {
    const error = await binance.fetchRaw(fakeCredentials('binance'), deps('redirect')).catch((e: unknown) => e);
    expect(classifyError(error, []).reason).toBe('network-error');
    expect(hits.filter((h) => h.startsWith('/elsewhere'))).toEqual([]);
  });

  it('cuts bodies over 1 MB, which then read as a bad response', async () => {
    const raw = await binance.fetchRaw(fakeCredentials('binance'), deps('huge')).catch((e: unknown) => e);
    const facts = raw instanceof Error ? null : binance.toFacts(raw, { fetchedAt: new Date().toISOString(), apiKey: 'k' });
    const reason = raw instanceof Error ? classifyError(raw, []).reason : facts?.canWithdraw.reason;
    expect(reason).toBe('bad-response');
  });
});
