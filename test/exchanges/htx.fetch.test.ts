import adapter from '../../src/exchanges/htx.js';
import { describeFetch, fixtureRaw } from './adapter-fetch.js';

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
