/**
 * HTX, formerly Huobi (../../shared/spec/exchanges.md §3 "HTX").
 *
 * Two read calls, both documented at https://huobiapi.github.io/docs/spot/v1/en/ :
 * 1. `GET /v2/user/uid` ("Get UID", #get-uid; CCXT `v2PrivateGetUserUid`) → `{"code":200,"data":<uid>}`.
 * 2. `GET /v2/user/api-key?uid=…&accessKey=<apiKey>` ("API Key Query", #api-key-query; permission
 *    Read; CCXT `v2PrivateGetUserApiKey`) → `data[]`, matched on `accessKey`. Fields read:
 *    - `permission`: comma list of `readOnly`, `trade`, `withdraw`. `readOnly` → canRead;
 *      `withdraw` → canWithdraw; `trade` ("place order, cancel order and transfer") → canTrade.any
 *      and canTransfer.any (HTX does not break either down: sub-fields `not-exposed` when granted);
 *    - `ipAddresses`: comma list, `""` = not bound;
 *    - `createTime` (ms) → createdAt; `validDays`: -1 = never expires, N > 0 = days left, so
 *      expiresAt = fetchedAt + N days, marked approximate (HTX counts whole days);
 *    - `status` (`normal` | `expired`), `note` → label.
 * Envelope: `code` 200 = success; code 1002 ("unauthorized") → permission-denied (a sub-user key
 * may be refused; unverified); any other code → bad-response.
 * Keys not bound to an IP expire after 90 days (same page): the lapse-policy rule reports that.
 * Signing (CCXT): query `AccessKeyId`, `SignatureMethod=HmacSHA256`, `SignatureVersion=2`,
 * `Timestamp`; `Signature` = base64 HMAC-SHA256 of `GET\n<ex.hostname>\n<path>\n<sorted query>`.
 */
import { z } from 'zod';
import { allUnknown, type KeyFacts, type Tri, type When } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { AdapterError } from './errors.js';
import { asRecord, deriveReadOnly, emptyFacts, impliedBy, ipFacts, notExposed, parseDate, parseEnvelope, TokenList, whenNotExposed, type FactsContext } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /v2/user/api-key';
const DAY_MS = 86_400_000;

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/v2/user/uid', purpose: 'introspection' },
  { method: 'GET', path: '/v2/user/api-key', purpose: 'introspection' },
  { method: 'GET', path: '/v1/common/timestamp', purpose: 'clock' },
];

const VOCABULARY = ['readOnly', 'trade', 'withdraw'];

const UidSchema = z.looseObject({ code: z.number(), data: z.unknown().optional() });

const KeySchema = z.looseObject({
  accessKey: z.string(),
  status: z.unknown().optional(),
  note: z.unknown().optional(),
  permission: z.unknown().optional(),
  ipAddresses: z.unknown().optional(),
  validDays: z.unknown().optional(),
  createTime: z.unknown().optional(),
  updateTime: z.unknown().optional(),
});

const KeysSchema = z.looseObject({
  code: z.number(),
  message: z.unknown().optional(),
  data: z.array(KeySchema).optional(),
});

/** What fetchRaw returns: both answers, as CCXT parsed them. */
export interface HtxRaw {
  uid: unknown;
  keys?: unknown;
}

const implied = (parent: Tri): Tri => impliedBy(parent, notExposed('HTX grants one trade permission for orders and transfers of every kind'));

function envelopeVerdict(r: { code: number; message?: unknown }): string | true {
  return r.code === 200 ? true : `code ${r.code}${typeof r.message === 'string' ? `: ${r.message}` : ''}`;
}

function failedCode(raw: unknown, ctx: FactsContext): KeyFacts | null {
  const rec = asRecord(raw);
  if (rec !== null && rec.code === 1002) {
    return allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'permission-denied', 'code 1002: unauthorized (HTX answers this for keys that may not query key information, e.g. sub-user keys)');
  }
  return null;
}

function expiry(validDays: unknown, fetchedAt: string): When {
  if (validDays === undefined || validDays === null) return { value: 'unknown', source: 'validDays', reason: 'field-absent' };
  if (validDays === -1) return { value: 'none', source: 'validDays' };
  if (typeof validDays === 'number' && Number.isInteger(validDays) && validDays >= 0) {
    return { value: new Date(Date.parse(fetchedAt) + validDays * DAY_MS).toISOString(), source: 'validDays', approximate: true };
  }
  return { value: 'unknown', source: 'validDays', reason: 'unrecognized-value' };
}

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'htx', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  const both = asRecord(raw);
  if (both === null || !('uid' in both)) return allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'bad-response', 'unexpected shape at (root)');
  const uidCtx = { ...ctx, endpoint: 'GET /v2/user/uid' };
  const uidDenied = failedCode(both.uid, uidCtx);
  if (uidDenied !== null) return uidDenied;
  const uidEnv = parseEnvelope(UidSchema, both.uid, uidCtx, envelopeVerdict);
  if (!uidEnv.ok) return uidEnv.facts;

  const denied = failedCode(both.keys, ctx);
  if (denied !== null) return denied;
  const env = parseEnvelope(KeysSchema, both.keys, ctx, envelopeVerdict);
  if (!env.ok) return env.facts;
  const entries = env.data.data ?? [];
  const mine = entries.filter((k) => k.accessKey === context.apiKey);
  if (mine.length !== 1) {
    return allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'not-found', `${entries.length} key(s) listed, none is the calling key`);
  }
  const key = mine[0] as Record<string, unknown>;
  const facts = emptyFacts(ctx);
  if (typeof key.note === 'string' && key.note !== '') facts.label = key.note;
  facts.isSubAccount = notExposed('the endpoint answers for parent and sub-user keys alike');

  const perms = TokenList.from(key.permission, 'permission', VOCABULARY, { separator: ',' });
  facts.canRead = perms.has(['readOnly']);
  facts.canWithdraw = perms.has(['withdraw'], 'withdraw');
  const trade = perms.has(['trade']);
  facts.canTrade = { any: trade, spot: implied(trade), margin: implied(trade), futures: implied(trade), options: implied(trade) };
  facts.canTransfer = { any: { ...trade }, internal: implied(trade), subAccount: implied(trade), universal: implied(trade) };
  // Rule 2: an unrecognized token mentioning transfer makes transfer unknown unless already true.
  const transferToken = perms.has([], 'transfer');
  if (trade.value === false && transferToken.value === 'unknown') facts.canTransfer.any = transferToken;
  facts.readOnly = deriveReadOnly(facts);

  const ip = ipFacts(key.ipAddresses, 'ipAddresses', { separator: ',' });
  facts.ipRestricted = ip.ipRestricted;
  facts.ipAllowlist = ip.ipAllowlist;

  facts.createdAt = parseDate(key.createTime, 'createTime');
  facts.expiresAt = expiry(key.validDays, context.fetchedAt);
  facts.lastUsedAt = whenNotExposed();

  if (key.status === 'expired') {
    facts.policyNotes.push({ id: 'htx-key-expired', text: 'HTX reports this API key as expired.', source: 'https://huobiapi.github.io/docs/spot/v1/en/#api-key-query' });
  } else if (key.status !== undefined && key.status !== 'normal') {
    facts.policyNotes.push({ id: 'htx-key-status', text: `HTX reports an unexpected key status.`, source: 'https://huobiapi.github.io/docs/spot/v1/en/#api-key-query' });
  }
  // HTX's 90-day expiry of unbound keys is reported by the lapse-policy rule from these facts.
  return facts;
}

/** The uid from a successful `/v2/user/uid` answer, or undefined. */
function uidOf(answer: unknown): string | number | undefined {
  const rec = asRecord(answer);
  if (rec === null || rec.code !== 200) return undefined;
  return typeof rec.data === 'number' || (typeof rec.data === 'string' && rec.data !== '') ? rec.data : undefined;
}

const adapter: ExchangeAdapter = {
  id: 'htx',
  displayName: 'HTX (Huobi)',
  coverage: 'full',
  supports: ['withdraw', 'transfer', 'trade', 'ipList', 'created', 'expiry'],
  endpoints: ENDPOINTS,
  needs: ['secret'],
  requiredPermission: 'Read (parent-user key)',
  docsUrl: 'https://huobiapi.github.io/docs/spot/v1/en/#api-key-query',
  async fetchRaw(credentials, deps): Promise<HtxRaw> {
    const ex = await createCcxtExchange('htx', credentials, deps, ENDPOINTS);
    const uid = await callWithRetry(() => callImplicit(ex, 'v2PrivateGetUserUid'), deps, ex);
    const id = uidOf(uid);
    if (id === undefined) {
      if (asRecord(uid)?.code === 200) throw new AdapterError('bad-response', 'HTX /v2/user/uid answered without a uid');
      return { uid };
    }
    const keys = await callWithRetry(() => callImplicit(ex, 'v2PrivateGetUserApiKey', { uid: id, accessKey: credentials.apiKey }), deps, ex);
    return { uid, keys };
  },
  toFacts,
};

export default adapter;
