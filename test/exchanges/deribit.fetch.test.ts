import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import adapter, { dropClientSecrets } from '../../src/exchanges/deribit.js';
import { deps, describeFetch, fetchFacts, fixtureRaw, NOW } from './adapter-fetch.js';
import { fakeCredentials, mockRoute } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

describeFetch({
  exchange: 'deribit',
  adapter,
  routes: [
    { method: 'GET', path: '/api/v2/private/list_api_keys', ok: (c) => fixtureRaw('deribit', 'ok.trade-only', c, 'd3r1bitClientSecretForThisTestOnly0000000x') },
  ],
  okExpect: { canWithdraw: false, 'canTrade.any': true, ipAllowlist: ['203.0.113.7'] },
  authError: { status: 400, body: { jsonrpc: '2.0', error: { message: 'invalid_credentials', code: 13004 }, testnet: false } },
  forbidden: [
    { method: 'privateGetWithdraw', args: [{ currency: 'BTC' }] },
    { method: 'privateGetBuy', args: [{ instrument_name: 'BTC-PERPETUAL' }] },
    { method: 'privateGetSubmitTransferToUser', args: [{}] },
  ],
});

describe('deribit client secrets', () => {
  refuseRealNetwork();

  it('are dropped before fetchRaw returns and never reach the facts', async () => {
    const creds = fakeCredentials('deribit');
    const listed = new Fake('deribit-listed-secret').alnum(43);
    const body = fixtureRaw('deribit', 'ng.wallet-write', creds, listed);
    expect(JSON.stringify(body)).toContain(listed);
    const mock = mockRoute('deribit', 'GET', '/api/v2/private/list_api_keys', creds, [{ status: 200, body }]);
    const { facts, raw } = await fetchFacts(adapter, creds);
    expect(mock.problems).toEqual([]);
    expect(JSON.stringify(raw)).not.toContain(listed);
    expect(JSON.stringify(raw)).not.toContain('client_secret');
    expect(JSON.stringify(facts)).not.toContain(listed);
    expect(facts.canWithdraw.value).toBe(true);
  });

  it('are dropped by toFacts too when handed a raw answer that still has them', () => {
    const creds = fakeCredentials('deribit');
    const listed = new Fake('deribit-listed-secret-2').alnum(43);
    const facts = adapter.toFacts(fixtureRaw('deribit', 'ok.trade-only', creds, listed), { fetchedAt: NOW.toISOString(), apiKey: creds.apiKey });
    expect(JSON.stringify(facts)).not.toContain(listed);
    expect(dropClientSecrets({ result: [{ client_id: 'a', client_secret: listed }] })).toEqual({ result: [{ client_id: 'a' }] });
  });
});

describe('deribit sandbox', () => {
  refuseRealNetwork();

  it('sandbox: true asks test.deribit.com', async () => {
    const creds = fakeCredentials('deribit');
    const scope = nock('https://test.deribit.com');
    const mock = mockRoute('deribit', 'GET', '/api/v2/private/list_api_keys', creds, [{ status: 200, body: fixtureRaw('deribit', 'ok.trade-only', creds) }], undefined, scope);
    const { facts } = await fetchFacts(adapter, creds, deps({ sandbox: true }));
    expect(mock.problems).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(facts.canTrade.any.value).toBe(true);
  });
});
