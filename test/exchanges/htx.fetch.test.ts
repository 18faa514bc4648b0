import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/exchanges/htx.js';
import { deps, describeFetch, fetchFacts, fixtureRaw } from './adapter-fetch.js';
import { fakeCredentials, signatureProblem } from './adapter-signing.js';

describeFetch({
  exchange: 'htx',
  adapter,
  routes: [
    { method: 'GET', path: '/v2/user/uid', ok: (c) => fixtureRaw('htx', 'ok.safe', c).uid },
    { method: 'GET', path: '/v2/user/api-key', ok: (c) => fixtureRaw('htx', 'ok.safe', c).keys },
  ],
  okExpect: { canWithdraw: false, 'canTrade.any': true, ipAllowlist: ['203.0.113.7'], expiresAt: 'none', createdAt: '2025-01-01T00:00:00.000Z' },
  authError: { status: 200, body: { code: 1003, message: 'invalid signature' } },
  forbidden: [
    { method: 'privatePostDwWithdrawApiCreate', args: [{}] },
    { method: 'privatePostOrderOrdersPlace', args: [{}] },
    { method: 'v2PrivatePostAccountTransfer', args: [{}] },
  ],
});

describe('htx through baseUrl (loopback server)', () => {
  it('signs with the rewritten host (ex.hostname), so a proxy or test double verifies it', async () => {
    nock.enableNetConnect('127.0.0.1');
    const creds = fakeCredentials('htx');
    const raw = fixtureRaw('htx', 'ok.safe', creds);
    const problems: string[] = [];
    const paths: string[] = [];
    const server = createServer((req, res) => {
      const url = req.url ?? '';
      paths.push(url.split('?')[0] ?? '');
      const problem = signatureProblem('htx', { method: req.method ?? 'GET', host: req.headers.host ?? '', url, headers: req.headers, body: '' }, creds);
      if (problem !== null) problems.push(problem);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(url.startsWith('/v2/user/uid') ? raw.uid : raw.keys));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { facts } = await fetchFacts(adapter, creds, deps({ baseUrl: `http://127.0.0.1:${port}` }));
      expect(problems).toEqual([]);
      expect(paths).toEqual(['/v2/user/uid', '/v2/user/api-key']);
      expect(facts.ipAllowlist.value).toEqual(['203.0.113.7']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      nock.enableNetConnect();
    }
  });
});
