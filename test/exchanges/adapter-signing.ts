/**
 * Test-side signature checks for the Coinbase, KuCoin, HTX, Gate, Bitget, Bitfinex, Gemini and
 * Deribit adapters: each recomputes the exchange's documented signature from the test secret
 * (../../../shared/spec/exchanges.md §3), independently of CCXT, so a signing regression fails.
 * Credentials are generated at run time (Fake; Coinbase: a fresh EC P-256 pair from node:crypto).
 */
import { createHash, createHmac, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import nock from 'nock';
import { Fake } from '../../src/core/fake.js';
import type { Credentials } from '../../src/exchanges/types.js';

export type AdapterExchange = 'coinbase' | 'kucoin' | 'htx' | 'gate' | 'bitget' | 'bitfinex' | 'gemini' | 'deribit';

export interface SeenRequest {
  method: string;
  host: string;
  /** Path plus query, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface TestCredentials extends Credentials {
  /** Coinbase: the public half of the generated key, to verify JWTs. */
  publicKey?: KeyObject;
}

const header = (req: SeenRequest, name: string): string => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

export const ORIGIN: Record<AdapterExchange, string> = {
  coinbase: 'https://api.coinbase.com',
  kucoin: 'https://api.kucoin.com',
  htx: 'https://api.huobi.pro',
  gate: 'https://api.gateio.ws',
  bitget: 'https://api.bitget.com',
  bitfinex: 'https://api.bitfinex.com',
  gemini: 'https://api.gemini.com',
  deribit: 'https://www.deribit.com',
};

/** A CDP Ed25519 key: UUID key name, secret = base64(seed ‖ public key), 88 chars (exchanges.md §3). */
export function fakeCdpEd25519Credentials(): TestCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  const secret = Buffer.concat([Buffer.from(jwk.d ?? '', 'base64url'), Buffer.from(jwk.x ?? '', 'base64url')]).toString('base64');
  return { apiKey: new Fake('cdp-ed25519').uuid(), privateKey: secret, publicKey };
}

export function fakeCredentials(exchange: AdapterExchange, seed = 'main'): TestCredentials {
  const f = new Fake(`${exchange}:${seed}`);
  switch (exchange) {
    case 'coinbase': {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
      const pem = privateKey.export({ type: 'sec1', format: 'pem' }).toString();
      return { apiKey: `organizations/${f.uuid()}/apiKeys/${f.uuid()}`, privateKey: pem, publicKey };
    }
    case 'kucoin':
      return { apiKey: f.hex(24), secret: f.uuid(), password: `Pp${f.alnum(14)}` };
    case 'htx':
      return { apiKey: `${f.hex(8)}-${f.hex(8)}-${f.hex(8)}-${f.hex(5)}`, secret: `${f.hex(8)}-${f.hex(8)}-${f.hex(8)}-${f.hex(5)}` };
    case 'gate':
      return { apiKey: f.hex(32), secret: f.hex(64) };
    case 'bitget':
      return { apiKey: `bg_${f.hex(32)}`, secret: f.hex(64), password: `Pp${f.alnum(12)}` };
    case 'bitfinex':
      return { apiKey: f.alnum(43), secret: f.alnum(43) };
    case 'gemini':
      return { apiKey: `account-${f.alnum(20)}`, secret: f.alnum(28) };
    case 'deribit':
      return { apiKey: f.alnum(10), secret: f.alnum(43) };
  }
}

function b64urlJson(part: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Null when `req` is correctly signed with `creds`, else what is wrong. */
export function signatureProblem(exchange: AdapterExchange, req: SeenRequest, creds: TestCredentials): string | null {
  const secret = creds.secret ?? '';
  const [path = '', query = ''] = req.url.split('?');
  switch (exchange) {
    case 'coinbase': {
      // Authorization: Bearer <JWT>, header {kid, nonce}, claims sub/uri/nbf/exp (CDP auth docs):
      // ES256 for EC keys (`uri`), EdDSA for Ed25519 keys (`uris`).
      const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header(req, 'authorization'));
      if (m === null) return 'Authorization';
      const head = b64urlJson(m[1] ?? '');
      const claims = b64urlJson(m[2] ?? '');
      const ed = creds.publicKey?.asymmetricKeyType === 'ed25519';
      if (head?.alg !== (ed ? 'EdDSA' : 'ES256') || head.kid !== creds.apiKey || typeof head.nonce !== 'string') return 'JWT header';
      const signed = Buffer.from(`${m[1]}.${m[2]}`);
      const signature = Buffer.from(m[3] ?? '', 'base64url');
      if (creds.publicKey === undefined) return 'no public key';
      const valid = ed ? verify(null, signed, creds.publicKey, signature) : verify('sha256', signed, { key: creds.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
      if (!valid) return 'JWT signature';
      if (claims?.sub !== creds.apiKey) return 'JWT sub';
      const uri = ed ? (Array.isArray(claims.uris) ? claims.uris[0] : undefined) : claims.uri;
      if (uri !== `${req.method} ${req.host}${path}`) return `JWT uri ${String(uri)}`;
      const nbf = Number(claims.nbf);
      const exp = Number(claims.exp);
      if (!(exp - nbf === 120 && exp * 1000 > Date.now() && nbf * 1000 <= Date.now() + 5000)) return 'JWT nbf/exp';
      return null;
    }
    case 'kucoin': {
      // KC-API-SIGN = base64 HMAC-SHA256(timestamp + METHOD + path?query + body); passphrase HMAC'd (v2).
      if (header(req, 'kc-api-key') !== creds.apiKey) return 'KC-API-KEY';
      if (header(req, 'kc-api-key-version') !== '2') return 'KC-API-KEY-VERSION';
      const passphrase = createHmac('sha256', secret).update(creds.password ?? '').digest('base64');
      if (header(req, 'kc-api-passphrase') !== passphrase) return 'KC-API-PASSPHRASE';
      const ts = header(req, 'kc-api-timestamp');
      if (!/^\d{13}$/.test(ts)) return 'KC-API-TIMESTAMP';
      const expected = createHmac('sha256', secret).update(`${ts}${req.method}${req.url}${req.body}`).digest('base64');
      return expected === header(req, 'kc-api-sign') ? null : 'signature mismatch';
    }
    case 'htx': {
      // Signature = base64 HMAC-SHA256("GET\n<host>\n<path>\n<sorted encoded query>") (HTX auth docs).
      const m = /^(.*)&Signature=([^&]+)$/.exec(query);
      if (m === null) return 'Signature missing';
      const signed = m[1] ?? '';
      const params = new URLSearchParams(signed);
      if (params.get('AccessKeyId') !== creds.apiKey) return 'AccessKeyId';
      if (params.get('SignatureMethod') !== 'HmacSHA256' || params.get('SignatureVersion') !== '2') return 'SignatureMethod/Version';
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(params.get('Timestamp') ?? '')) return 'Timestamp';
      const names = signed.split('&').map((p) => p.split('=')[0] ?? '');
      if (names.join() !== [...names].sort().join()) return 'query not sorted';
      const expected = createHmac('sha256', secret).update(`${req.method}\n${req.host}\n${path}\n${signed}`).digest('base64');
      return expected === decodeURIComponent(m[2] ?? '') ? null : 'signature mismatch';
    }
    case 'gate': {
      // SIGN = hex HMAC-SHA512("METHOD\n/api/v4/path\nquery\nhex(SHA512(body))\nTimestamp"), seconds.
      if (header(req, 'key') !== creds.apiKey) return 'KEY';
      const ts = header(req, 'timestamp');
      if (!/^\d{10}$/.test(ts)) return 'Timestamp (seconds)';
      const bodyHash = createHash('sha512').update(req.body).digest('hex');
      const expected = createHmac('sha512', secret).update(`${req.method}\n${path}\n${query}\n${bodyHash}\n${ts}`).digest('hex');
      return expected === header(req, 'sign') ? null : 'signature mismatch';
    }
    case 'bitget': {
      // ACCESS-SIGN = base64 HMAC-SHA256(timestamp + METHOD + path[?query] + body); passphrase clear.
      if (header(req, 'access-key') !== creds.apiKey) return 'ACCESS-KEY';
      if (header(req, 'access-passphrase') !== creds.password) return 'ACCESS-PASSPHRASE';
      const ts = header(req, 'access-timestamp');
      if (!/^\d{13}$/.test(ts)) return 'ACCESS-TIMESTAMP';
      const expected = createHmac('sha256', secret).update(`${ts}${req.method}${req.url}${req.body}`).digest('base64');
      return expected === header(req, 'access-sign') ? null : 'signature mismatch';
    }
    case 'bitfinex': {
      // bfx-signature = hex HMAC-SHA384("/api" + path + nonce + body).
      if (header(req, 'bfx-apikey') !== creds.apiKey) return 'bfx-apikey';
      const nonce = header(req, 'bfx-nonce');
      if (!/^\d+$/.test(nonce)) return 'bfx-nonce';
      const expected = createHmac('sha384', secret).update(`/api${path}${nonce}${req.body}`).digest('hex');
      return expected === header(req, 'bfx-signature') ? null : 'signature mismatch';
    }
    case 'gemini': {
      // X-GEMINI-SIGNATURE = hex HMAC-SHA384(X-GEMINI-PAYLOAD), payload = base64 {"request", "nonce"}.
      if (header(req, 'x-gemini-apikey') !== creds.apiKey) return 'X-GEMINI-APIKEY';
      const payload = header(req, 'x-gemini-payload');
      let decoded: Record<string, unknown>;
      try {
        decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as Record<string, unknown>;
      } catch {
        return 'X-GEMINI-PAYLOAD';
      }
      if (decoded.request !== path || !/^\d+$/.test(String(decoded.nonce))) return 'payload request/nonce';
      const expected = createHmac('sha384', secret).update(payload).digest('hex');
      return expected === header(req, 'x-gemini-signature') ? null : 'signature mismatch';
    }
    case 'deribit': {
      // Authorization: deri-hmac-sha256 id=…,ts=…,sig=…,nonce=…; sig = hex HMAC-SHA256("ts\nnonce\nMETHOD\nuri\nbody\n").
      const m = /^deri-hmac-sha256 id=([^,]+),ts=(\d+),sig=([0-9a-f]{64}),nonce=(\w+)$/.exec(header(req, 'authorization'));
      if (m === null) return 'Authorization';
      if (m[1] !== creds.apiKey) return 'id';
      const expected = createHmac('sha256', secret).update(`${m[2]}\n${m[4]}\n${req.method}\n${req.url}\n${req.body}\n`).digest('hex');
      return expected === m[3] ? null : 'signature mismatch';
    }
  }
}

export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | { error: NodeJS.ErrnoException };

export interface Mock {
  problems: string[];
  requests: SeenRequest[];
  scope: nock.Scope;
}

/**
 * Intercepts `method path` on the exchange's production origin once per reply, in order. Each
 * request's signature is recomputed first; a wrong one is answered with `refusal` (the exchange's
 * own authentication error) and recorded in `problems`.
 */
export function mockRoute(
  exchange: AdapterExchange,
  method: 'GET' | 'POST',
  path: string,
  creds: TestCredentials,
  replies: Reply[],
  refusal: { status: number; body: unknown } = { status: 401, body: { code: 401, message: 'bad signature' } },
  scope = nock(ORIGIN[exchange]),
): Mock {
  const mock: Mock = { problems: [], requests: [], scope };
  const host = new URL(ORIGIN[exchange]).host;
  for (const reply of replies) {
    const interceptor = scope.intercept(path, method).query(true);
    if ('error' in reply) {
      interceptor.replyWithError(reply.error);
      continue;
    }
    interceptor.reply(function (uri, body) {
      const seen: SeenRequest = {
        method,
        host,
        url: uri,
        headers: this.req.headers as Record<string, string>,
        body: typeof body === 'string' ? body : body === undefined || body === null ? '' : JSON.stringify(body),
      };
      mock.requests.push(seen);
      const problem = signatureProblem(exchange, seen, creds);
      if (problem !== null) {
        mock.problems.push(problem);
        // Refused the way the exchange refuses a bad signature.
        return [refusal.status, typeof refusal.body === 'string' ? refusal.body : JSON.stringify(refusal.body), { 'content-type': 'application/json' }];
      }
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      return [reply.status, text, { 'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json', ...(reply.headers ?? {}) }];
    });
  }
  return mock;
}
