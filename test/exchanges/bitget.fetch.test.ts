import adapter from '../../src/exchanges/bitget.js';
import { describeFetch, fixtureRaw } from './adapter-fetch.js';

describeFetch({
  exchange: 'bitget',
  adapter,
  routes: [
    { method: 'GET', path: '/api/v2/spot/account/info', ok: (c) => fixtureRaw('bitget', 'ok.spot-codes', c) },
  ],
  okExpect: { canWithdraw: false, 'canTrade.spot': true, ipAllowlist: ['203.0.113.7'] },
  authError: { status: 400, body: { code: '40037', msg: 'Apikey does not exist', requestTime: 1736467200000, data: null } },
  forbidden: [
    { method: 'privateSpotPostV2SpotWalletWithdrawal', args: [{}] },
    { method: 'privateSpotPostV2SpotTradePlaceOrder', args: [{}] },
    { method: 'privateSpotPostV2SpotWalletTransfer', args: [{}] },
  ],
});
