import { describe, expect, it } from 'vitest';
import adapter from '../../src/exchanges/coinbase.js';
import { describeFetch, fetchFacts, fixtureRaw } from './adapter-fetch.js';
import { fakeCdpEd25519Credentials, mockRoute } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

describeFetch({
  exchange: 'coinbase',
  adapter,
  routes: [
    { method: 'GET', path: '/api/v3/brokerage/key_permissions', ok: (c) => fixtureRaw('coinbase', 'ok.trade-only', c) },
  ],
  okExpect: { canWithdraw: false, 'canTrade.any': true, canRead: true },
  authError: { status: 401, body: 'Unauthorized' },
  forbidden: [
    { method: 'v3PrivatePostBrokerageOrders', args: [{ product_id: 'BTC-USD', side: 'BUY' }] },
    { method: 'v3PrivatePostBrokeragePortfoliosMoveFunds', args: [{}] },
    { method: 'createOrder', args: ['BTC/USD', 'market', 'buy', 1] },
  ],
});

describe('coinbase Ed25519 CDP keys', () => {
  refuseRealNetwork();

  it('sign an EdDSA JWT (verified with the test public key) and read the answer', async () => {
    const creds = fakeCdpEd25519Credentials();
    const mock = mockRoute('coinbase', 'GET', '/api/v3/brokerage/key_permissions', creds, [{ status: 200, body: fixtureRaw('coinbase', 'ng.transfer-enabled', creds) }]);
    const { facts } = await fetchFacts(adapter, creds);
    expect(mock.problems).toEqual([]);
    expect(mock.scope.isDone()).toBe(true);
    expect(facts.canWithdraw.value).toBe(true);
  });
});
