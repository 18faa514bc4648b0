import adapter from '../../src/exchanges/gemini.js';
import { describeFetch, fixtureRaw } from './adapter-fetch.js';

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
