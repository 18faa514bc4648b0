import nock from 'nock';
import { describe, expect, it } from 'vitest';
import adapter from '../../src/exchanges/gate.js';
import { deps, describeFetch, fetchFacts, fixtureRaw } from './adapter-fetch.js';
import { fakeCredentials, mockRoute } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

describeFetch({
  exchange: 'gate',
  adapter,
  routes: [
    { method: 'GET', path: '/api/v4/account/detail', ok: (c) => fixtureRaw('gate', 'ok.spot-whitelisted', c).detail },
    { method: 'GET', path: '/api/v4/account/main_keys', ok: (c) => fixtureRaw('gate', 'ok.spot-whitelisted', c).mainKeys },
  ],
  okExpect: { 'canTrade.spot': true, 'canTransfer.any': false, ipAllowlist: ['203.0.113.7'], canWithdraw: 'unknown:mapping-unverified', isSubAccount: false },
  authError: { status: 401, body: { label: 'INVALID_KEY', message: 'Invalid key provided' } },
  forbidden: [
    { method: 'privateWithdrawalsPostWithdrawals', args: [{}] },
    { method: 'privateSpotPostOrders', args: [{}] },
    { method: 'privateWalletPostTransfers', args: [{}] },
  ],
});

describe('gate specifics', () => {
  refuseRealNetwork();

  it('a sub-account key (main_keys refused) keeps the IP facts of account/detail', async () => {
    const creds = fakeCredentials('gate');
    const raw = fixtureRaw('gate', 'ok.spot-whitelisted', creds);
    mockRoute('gate', 'GET', '/api/v4/account/detail', creds, [{ status: 200, body: raw.detail }]);
    mockRoute('gate', 'GET', '/api/v4/account/main_keys', creds, [{ status: 403, body: { label: 'FORBIDDEN', message: 'Sub-account is not allowed' } }]);
    const { facts } = await fetchFacts(adapter, creds);
    expect(facts.ipAllowlist.value).toEqual(['203.0.113.7']);
    expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'permission-denied' });
    expect(facts.canTrade.any.reason).toBe('permission-denied');
  });

  it('REQUEST_EXPIRED (clock skew) syncs through the allowlisted spot/time endpoint and retries once', async () => {
    const creds = fakeCredentials('gate');
    const raw = fixtureRaw('gate', 'ok.spot-whitelisted', creds);
    const detail = mockRoute('gate', 'GET', '/api/v4/account/detail', creds, [
      { status: 401, body: { label: 'REQUEST_EXPIRED', message: 'gap between request Timestamp and server time exceeds 60' } },
      { status: 200, body: raw.detail },
    ]);
    mockRoute('gate', 'GET', '/api/v4/account/main_keys', creds, [{ status: 200, body: raw.mainKeys }]);
    const time = nock('https://api.gateio.ws').get('/api/v4/spot/time').reply(200, { server_time: Date.now() });
    const { facts } = await fetchFacts(adapter, creds);
    expect(time.isDone()).toBe(true);
    expect(detail.scope.isDone()).toBe(true);
    expect(detail.problems).toEqual([]);
    expect(facts.canTrade.spot.value).toBe(true);
  });

  it('sandbox: true asks the Gate testnet (api-testnet.gateapi.io)', async () => {
    const creds = fakeCredentials('gate');
    const raw = fixtureRaw('gate', 'ok.spot-whitelisted', creds);
    const scope = nock('https://api-testnet.gateapi.io');
    const detail = mockRoute('gate', 'GET', '/api/v4/account/detail', creds, [{ status: 200, body: raw.detail }], undefined, scope);
    mockRoute('gate', 'GET', '/api/v4/account/main_keys', creds, [{ status: 200, body: raw.mainKeys }], undefined, scope);
    const { facts } = await fetchFacts(adapter, creds, deps({ sandbox: true }));
    expect(detail.problems).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(facts.canTrade.spot.value).toBe(true);
  });
});
