import adapter from '../../src/exchanges/kucoin.js';
import { describeFetch, fixtureRaw } from './adapter-fetch.js';

describeFetch({
  exchange: 'kucoin',
  adapter,
  routes: [
    { method: 'GET', path: '/api/v1/user/api-key', ok: (c) => fixtureRaw('kucoin', 'ok.spot-ip-bound', c) },
  ],
  okExpect: { canWithdraw: false, 'canTrade.spot': true, ipRestricted: true, 'ipAllowlist.masked': true },
  authError: { status: 401, body: { code: '400003', msg: 'KC-API-KEY not exists' } },
  forbidden: [
    { method: 'privatePostWithdrawals', args: [{ currency: 'USDT', address: 'x', amount: '1' }] },
    { method: 'privatePostOrders', args: [{ symbol: 'BTC-USDT' }] },
    { method: 'privatePostAccountsInnerTransfer', args: [{}] },
    { method: 'withdraw', args: ['USDT', 1, 'TXYZ0000000000000000000000000000'] },
  ],
});
