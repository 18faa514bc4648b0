import adapter from '../../src/exchanges/coinbase.js';
import { describeFetch, fixtureRaw } from './adapter-fetch.js';

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
