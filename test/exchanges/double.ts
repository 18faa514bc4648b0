/**
 * A loopback exchange double (node:http on 127.0.0.1, port 0) serving the introspection endpoints
 * of several exchanges at once, for the end-to-end test and the bench. It checks the signature of
 * every Binance/OKX/Bybit/Kraken request against the credentials it was given, can add latency,
 * and counts connections and requests.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Credentials } from '../../src/exchanges/types.js';
import { signatureProblem, type SignedExchange } from './signing.js';

/** What the double answers for one API key. */
export interface KeyBehaviour {
  exchange: string;
  credentials: Credentials;
  /** JSON body to answer with, or a raw string (e.g. HTML). */
  body: unknown;
  status?: number;
}

const ROUTES: Record<string, string> = {
  'GET /sapi/v1/account/apiRestrictions': 'binance',
  'GET /api/v5/account/config': 'okx',
  'GET /v5/user/query-api': 'bybit',
  'POST /0/private/GetApiKeyInfo': 'kraken',
  'GET /api/v1/user/api-key': 'kucoin',
  'GET /api/v2/spot/account/info': 'bitget',
  'GET /api/v2/private/list_api_keys': 'deribit',
};

const KEY_HEADER: Record<string, string> = {
  binance: 'x-mbx-apikey',
  okx: 'ok-access-key',
  bybit: 'x-bapi-api-key',
  kraken: 'api-key',
  kucoin: 'kc-api-key',
  bitget: 'access-key',
};

const SIGNED = new Set(['binance', 'okx', 'bybit', 'kraken']);

export interface Double {
  url: string;
  stats: { connections: number; requests: number; signatureProblems: string[]; unrouted: string[]; peakInFlight: Record<string, number>; peakTotal: number };
  close(): Promise<void>;
}

export async function startDouble(keys: readonly KeyBehaviour[], options: { latencyMs?: number } = {}): Promise<Double> {
  const byKey = new Map(keys.map((k) => [k.credentials.apiKey, k]));
  const stats: Double['stats'] = { connections: 0, requests: 0, signatureProblems: [], unrouted: [], peakInFlight: {}, peakTotal: 0 };
  const inFlight: Record<string, number> = {};
  let total = 0;
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '';
    const exchange = ROUTES[`${req.method ?? 'GET'} ${path}`];
    const lane = exchange ?? '?';
    inFlight[lane] = (inFlight[lane] ?? 0) + 1;
    total += 1;
    stats.peakInFlight[lane] = Math.max(stats.peakInFlight[lane] ?? 0, inFlight[lane] ?? 0);
    stats.peakTotal = Math.max(stats.peakTotal, total);
    if (options.latencyMs !== undefined) await new Promise((r) => setTimeout(r, options.latencyMs));
    inFlight[lane] = (inFlight[lane] ?? 1) - 1;
    total -= 1;
    const send = (status: number, payload: unknown): void => {
      const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
      res.writeHead(status, { 'content-type': typeof payload === 'string' ? 'text/html' : 'application/json' }).end(text);
    };
    if (exchange === undefined) {
      stats.unrouted.push(`${req.method ?? '?'} ${path}`);
      send(404, { error: 'not found' });
      return;
    }
    const behaviour = findKey(exchange, req, byKey);
    if (behaviour === undefined) {
      send(401, { code: -2015, msg: 'unknown key' });
      return;
    }
    if (SIGNED.has(exchange)) {
      const problem = signatureProblem(exchange as SignedExchange, { method: req.method ?? 'GET', url, headers: req.headers, body }, behaviour.credentials);
      if (problem !== null) {
        stats.signatureProblems.push(`${exchange}: ${problem}`);
        send(401, { code: -1022, msg: 'Signature for this request is not valid.' });
        return;
      }
    }
    send(behaviour.status ?? 200, behaviour.body);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', () => (stats.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function findKey(exchange: string, req: IncomingMessage, byKey: Map<string, KeyBehaviour>): KeyBehaviour | undefined {
  const header = KEY_HEADER[exchange];
  if (header !== undefined) {
    const v = req.headers[header];
    return byKey.get(Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
  }
  // Deribit signs with `Authorization: deri-hmac-sha256 id=<client_id>,...`.
  const auth = req.headers.authorization ?? '';
  const id = /id=([^,]+)/.exec(auth)?.[1];
  return id === undefined ? undefined : byKey.get(id);
}
