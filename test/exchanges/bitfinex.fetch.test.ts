import adapter from '../../src/exchanges/bitfinex.js';
import { describeFetch, fixtureRaw } from './adapter-fetch.js';

describeFetch({
  exchange: 'bitfinex',
  adapter,
  routes: [
    { method: 'POST', path: '/v2/auth/r/permissions', ok: (c) => fixtureRaw('bitfinex', 'ok.trade-only', c) },
  ],
  okExpect: { canWithdraw: false, 'canTrade.any': true, 'canTransfer.any': false },
  authError: { status: 500, body: ['error', 10100, 'apikey: invalid'] },
  forbidden: [
    { method: 'privatePostAuthWWithdraw', args: [{}] },
    { method: 'privatePostAuthWOrderSubmit', args: [{}] },
    { method: 'privatePostAuthWTransfer', args: [{}] },
  ],
});
