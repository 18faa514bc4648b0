/**
 * Test-side signature checks: recompute each exchange's signature from the test secret, exactly as
 * the exchange documents it (../../../shared/spec/exchanges.md §3), so a signing regression in the
 * CCXT path fails the tests. Used by nock matchers, the loopback double, the e2e test and the bench.
 */
import { createHash, createHmac, createPublicKey, verify } from 'node:crypto';
import { Fake } from '../../src/core/fake.js';
import type { Credentials } from '../../src/exchanges/types.js';

export type SignedExchange = 'binance' | 'okx' | 'bybit' | 'kraken';

export interface SeenRequest {
  method: string;
  /** Path plus query, as sent. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const header = (req: SeenRequest, name: string): string => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

/** Fresh fake credentials in each exchange's documented format (exchanges.md §5). */
export function fakeCredentials(exchange: SignedExchange, seed: string | number = exchange): Credentials {
  const f = new Fake(`${exchange}:${seed}`);
  switch (exchange) {
    case 'binance':
      return { apiKey: f.alnum(64), secret: f.alnum(64) };
    case 'okx':
      return { apiKey: f.uuid(), secret: f.upperHex(32), password: `Pp${f.alnum(12)}` };
    case 'bybit':
      return { apiKey: f.alnum(18), secret: f.alnum(36) };
    case 'kraken':
      return { apiKey: Buffer.from(f.bytes(42)).toString('base64'), secret: Buffer.from(f.bytes(64)).toString('base64') };
  }
}

/** Returns null when the request is correctly signed with `creds`, else what is wrong. */
export function signatureProblem(exchange: SignedExchange, req: SeenRequest, creds: Credentials): string | null {
  const secret = creds.secret ?? '';
  const [path = '', query = ''] = req.url.split('?');
  switch (exchange) {
    case 'binance': {
      // X-MBX-APIKEY; signature = hex HMAC-SHA256 of the query without `signature` (api-key-permission doc).
      if (header(req, 'x-mbx-apikey') !== creds.apiKey) return 'X-MBX-APIKEY';
      const m = /^(.*)&signature=([^&]+)$/.exec(query);
      if (m === null) return 'signature missing';
      if (!/(^|&)timestamp=\d{13}(&|$)/.test(m[1] ?? '')) return 'timestamp';
      if (secret.includes('PRIVATE KEY')) {
        // Ed25519/RSA keys: base64 signature of the query, URL-encoded (binance-spot-api-docs).
        const signature = Buffer.from(decodeURIComponent(m[2] ?? ''), 'base64');
        const key = createPublicKey(secret);
        const ok = key.asymmetricKeyType === 'ed25519' ? verify(null, Buffer.from(m[1] ?? ''), key, signature) : verify('sha256', Buffer.from(m[1] ?? ''), key, signature);
        return ok ? null : 'signature mismatch';
      }
      const expected = createHmac('sha256', secret).update(m[1] ?? '').digest('hex');
      return expected === m[2] ? null : 'signature mismatch';
    }
    case 'okx': {
      // OK-ACCESS-SIGN = base64 HMAC-SHA256(timestamp + METHOD + path?query + body).
      if (header(req, 'ok-access-key') !== creds.apiKey) return 'OK-ACCESS-KEY';
      if (header(req, 'ok-access-passphrase') !== creds.password) return 'OK-ACCESS-PASSPHRASE';
      const ts = header(req, 'ok-access-timestamp');
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(ts)) return 'OK-ACCESS-TIMESTAMP';
      const expected = createHmac('sha256', secret).update(`${ts}${req.method.toUpperCase()}${req.url}${req.body}`).digest('base64');
      return expected === header(req, 'ok-access-sign') ? null : 'signature mismatch';
    }
    case 'bybit': {
      // X-BAPI-SIGN = hex HMAC-SHA256(timestamp + apiKey + recvWindow + query).
      if (header(req, 'x-bapi-api-key') !== creds.apiKey) return 'X-BAPI-API-KEY';
      const ts = header(req, 'x-bapi-timestamp');
      const recv = header(req, 'x-bapi-recv-window');
      if (!/^\d{13}$/.test(ts)) return 'X-BAPI-TIMESTAMP';
      const payload = req.method.toUpperCase() === 'GET' ? query : req.body;
      const expected = createHmac('sha256', secret).update(`${ts}${creds.apiKey}${recv}${payload}`).digest('hex');
      return expected === header(req, 'x-bapi-sign') ? null : 'signature mismatch';
    }
    case 'kraken': {
      // API-Sign = base64 HMAC-SHA512(base64decode(secret), path + SHA256(nonce + body)).
      if (header(req, 'api-key') !== creds.apiKey) return 'API-Key';
      const nonce = new URLSearchParams(req.body).get('nonce');
      if (nonce === null || !/^\d+$/.test(nonce)) return 'nonce';
      const inner = createHash('sha256').update(nonce + req.body).digest();
      const expected = createHmac('sha512', Buffer.from(secret, 'base64')).update(Buffer.concat([Buffer.from(path), inner])).digest('base64');
      return expected === header(req, 'api-sign') ? null : 'signature mismatch';
    }
  }
}
