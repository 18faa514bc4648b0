import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import adapter from '../../src/exchanges/gemini.js';
import { deps, describeFetch, fetchFacts, fixtureRaw } from './adapter-fetch.js';
import { fakeCredentials, mockRoute } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

describeFetch({
  exchange: 'gemini',
  adapter,
  routes: [
    { method: 'POST', path: '/v1/roles', ok: (c) => fixtureRaw('gemini', 'ok.trader', c) },
  ],
  okExpect: { canWithdraw: false, 'canTrade.any': true },
  authError: { status: 400, body: { result: 'error', reason: 'InvalidSignature', message: 'InvalidSignature' } },
  forbidden: [
    { method: 'privatePostV1WithdrawCurrency', args: [{ currency: 'btc' }] },
    { method: 'privatePostV1OrderNew', args: [{}] },
    { method: 'privatePostV1Transfers', args: [{}] },
  ],
});

describe('gemini specifics', () => {
  refuseRealNetwork();

  it('sandbox: true asks the Gemini sandbox host', async () => {
    const creds = fakeCredentials('gemini');
    const scope = nock('https://api.sandbox.gemini.com');
    const mock = mockRoute('gemini', 'POST', '/v1/roles', creds, [{ status: 200, body: fixtureRaw('gemini', 'ok.trader', creds) }], undefined, scope);
    const { facts } = await fetchFacts(adapter, creds, deps({ sandbox: true }));
    expect(mock.problems).toEqual([]);
    expect(scope.isDone()).toBe(true);
    expect(facts.canTrade.any.value).toBe(true);
  });

  it('a master key (not account-scoped) fails before any request: CCXT signs account keys only', async () => {
    const creds = { ...fakeCredentials('gemini'), apiKey: `master-${new Fake('gemini-master').alnum(20)}` };
    const { facts } = await fetchFacts(adapter, creds);
    expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'auth-failed' });
    expect(facts.canWithdraw.detail).toMatch(/account-key/);
  });
});
