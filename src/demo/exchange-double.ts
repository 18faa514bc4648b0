/**
 * A loopback exchange double for the offline demo: one HTTP server on 127.0.0.1 that answers the
 * documented key-introspection endpoints of Binance, OKX, Bybit and Kraken (response shapes from
 * shared/spec/exchanges.md §3 and the official pages named there). The API key of each request picks
 * the scenario, so one server serves every demo account. Nothing here ever leaves the machine.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const DAY = 86_400_000;

export interface DemoScenario {
  /** API key the demo account uses; the double recognises the account by it. */
  apiKey: string;
  exchange: 'binance' | 'okx' | 'bybit' | 'kraken';
  /** Builds the documented response body for this key; `status` defaults to 200. */
  respond: (now: number) => { status?: number; body: unknown };
}

export interface ExchangeDouble {
  url: string;
  /** Requests served, as `METHOD path` (no query, no headers: nothing secret). */
  requests: string[];
  close(): Promise<void>;
}

/** Header that carries the API key, per exchange (exchanges.md §3). */
function apiKeyOf(req: IncomingMessage): string | undefined {
  const header = (name: string): string | undefined => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return header('x-mbx-apikey') ?? header('ok-access-key') ?? header('x-bapi-api-key') ?? header('api-key');
}

const ROUTES: Record<string, { exchange: DemoScenario['exchange']; method: string }> = {
  '/sapi/v1/account/apiRestrictions': { exchange: 'binance', method: 'GET' },
  '/api/v5/account/config': { exchange: 'okx', method: 'GET' },
  '/v5/user/query-api': { exchange: 'bybit', method: 'GET' },
  '/0/private/GetApiKeyInfo': { exchange: 'kraken', method: 'POST' },
};

/** Public server-time endpoints, answered so clock sync works offline too. */
function timeResponse(path: string, now: number): unknown | undefined {
  switch (path) {
    case '/api/v3/time':
      return { serverTime: now };
    case '/api/v5/public/time':
      return { code: '0', msg: '', data: [{ ts: String(now) }] };
    case '/v5/market/time':
      return { retCode: 0, retMsg: 'OK', result: { timeSecond: String(Math.floor(now / 1000)), timeNano: `${now}000000` }, retExtInfo: {}, time: now };
    case '/0/public/Time':
      return { error: [], result: { unixtime: Math.floor(now / 1000), rfc1123: new Date(now).toUTCString() } };
    default:
      return undefined;
  }
}

export async function startExchangeDouble(scenarios: readonly DemoScenario[], clock: () => number = Date.now): Promise<ExchangeDouble> {
  const requests: string[] = [];
  const byKey = new Map(scenarios.map((s) => [s.apiKey, s]));
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      requests.push(`${req.method ?? '?'} ${path}`);
      const send = (status: number, body: unknown): void => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      const time = req.method === 'GET' ? timeResponse(path, clock()) : undefined;
      if (time !== undefined) return send(200, time);
      const route = ROUTES[path];
      if (route === undefined || route.method !== req.method) return send(404, { error: 'not found' });
      const scenario = byKey.get(apiKeyOf(req) ?? '');
      if (scenario === undefined || scenario.exchange !== route.exchange) return send(401, unknownKeyBody(route.exchange));
      const { status = 200, body } = scenario.respond(clock());
      return send(status, body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Each exchange's documented answer to an unknown API key. */
function unknownKeyBody(exchange: DemoScenario['exchange']): unknown {
  switch (exchange) {
    case 'binance':
      return { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' };
    case 'okx':
      return { code: '50111', msg: 'Invalid OK-ACCESS-KEY', data: [] };
    case 'bybit':
      return { retCode: 10003, retMsg: 'API key is invalid.', result: {}, retExtInfo: {}, time: Date.now() };
    case 'kraken':
      return { error: ['EAPI:Invalid key'] };
  }
}

/* ------------------------------------------------------------ demo scenarios */

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The five demo accounts' answers: safe, withdraw-enabled, no IP whitelist, old, unverifiable. */
export function demoScenarios(keys: { safe: string; withdraw: string; noIp: string; old: string; unverifiable: string }): DemoScenario[] {
  return [
    {
      // developers.binance.com/docs/wallet/account/api-key-permission: trade-only, IP-restricted, 30 days old.
      apiKey: keys.safe,
      exchange: 'binance',
      respond: (now) => ({
        body: {
          ipRestrict: true,
          createTime: now - 30 * DAY,
          enableReading: true,
          enableWithdrawals: false,
          enableInternalTransfer: false,
          permitsUniversalTransfer: false,
          enableMargin: false,
          enableFutures: false,
          enableVanillaOptions: false,
          enableSpotAndMarginTrading: true,
          enablePortfolioMarginTrading: false,
          enableFixApiTrade: false,
        },
      }),
    },
    {
      // okx.com/docs-v5 "Get account configuration": perm includes withdraw.
      apiKey: keys.withdraw,
      exchange: 'okx',
      respond: () => ({
        body: {
          code: '0',
          msg: '',
          data: [
            {
              acctLv: '2',
              autoLoan: false,
              ctIsoMode: 'automatic',
              greeksType: 'PA',
              level: 'Lv1',
              levelTmp: '',
              mgnIsoMode: 'automatic',
              posMode: 'long_short_mode',
              spotOffsetType: '',
              uid: '44705892343619584',
              mainUid: '44705892343619584',
              label: 'demo-withdraw',
              roleType: '0',
              traderInsts: [],
              spotRoleType: '0',
              spotTraderInsts: [],
              opAuth: '0',
              kycLv: '3',
              ip: '203.0.113.7',
              perm: 'read_only,withdraw,trade',
              liquidationGear: '-1',
              enableSpotBorrow: false,
              spotBorrowAutoRepay: false,
              type: '0',
              settleCcy: 'USDT',
              settleCcyList: ['USD', 'USDC', 'USDG'],
            },
          ],
        },
      }),
    },
    {
      // bybit-exchange.github.io/docs/v5/user/apikey-info: no IP bound (ips ["*"]), so it lapses in 90 days.
      apiKey: keys.noIp,
      exchange: 'bybit',
      respond: (now) => ({
        body: {
          retCode: 0,
          retMsg: '',
          result: {
            id: '13770661',
            note: 'demo-no-ip',
            apiKey: keys.noIp,
            readOnly: 0,
            secret: '',
            permissions: { ContractTrade: [], Spot: ['SpotTrade'], Wallet: [], Options: [], Derivatives: [], CopyTrading: [], BlockTrade: [], Exchange: [], NFT: [], Affiliate: [] },
            ips: ['*'],
            type: 1,
            deadlineDay: 80,
            expiredAt: iso(now + 80 * DAY),
            createdAt: iso(now - 10 * DAY),
            unified: 0,
            uta: 1,
            userID: 24617703,
            inviterID: 0,
            vipLevel: 'No VIP',
            mktMakerLevel: '0',
            affiliateID: 0,
            rsaPublicKey: '',
            isMaster: true,
            parentUid: '0',
            kycLevel: 'LEVEL_DEFAULT',
            kycRegion: '',
          },
          retExtInfo: {},
          time: now,
        },
      }),
    },
    {
      // docs.kraken.com/api-reference/account-data/get-api-key-info: created 400 days ago.
      apiKey: keys.old,
      exchange: 'kraken',
      respond: (now) => ({
        body: {
          error: [],
          result: {
            apiKeyName: 'demo-old',
            apiKey: keys.old,
            nonce: String(now),
            nonceWindow: 0,
            permissions: ['query-funds', 'query-open-trades', 'query-closed-trades', 'modify-trades'],
            validUntil: '0',
            createdTime: String(Math.floor((now - 400 * DAY) / 1000)),
            modifiedTime: String(Math.floor((now - 400 * DAY) / 1000)),
            ipAllowlist: ['203.0.113.7'],
            lastUsed: String(Math.floor((now - DAY) / 1000)),
          },
        },
      }),
    },
    {
      // A revoked Binance key: the documented -2015 answer with HTTP 401, so nothing can be verified.
      apiKey: keys.unverifiable,
      exchange: 'binance',
      respond: () => ({ status: 401, body: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' } }),
    },
  ];
}
