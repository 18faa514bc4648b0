/**
 * KuCoin (../../shared/spec/exchanges.md §3 "KuCoin").
 *
 * Endpoint: `GET /api/v1/user/api-key` (master or sub-account key, weight 20; CCXT
 * `privateGetUserApiKey`), "Get API Key Info": https://www.kucoin.com/docs-new/api-3470130 — the
 * fields read here are defined on that page:
 * - envelope `code` ("200000" = success) and `data`;
 * - `data.permission`: comma-separated list. `General` → canRead; `Spot`, `Margin`, `Futures` →
 *   canTrade; `InnerTransfer` → canTransfer.internal; `Transfer` → canTransfer.universal.
 *   canWithdraw: `Withdrawal` → true (token used by KuCoin's key UI but missing from the field's
 *   description: unverified); otherwise `Transfer` → unknown `mapping-unverified` (KuCoin's 2021
 *   article says Transfer includes "deposit and withdrawal"); otherwise false;
 * - `data.ipWhitelist`: comma-separated, **masked** by KuCoin (`203.**.154`): restricted, kept as
 *   returned with `masked: true`; an empty string means no restriction;
 * - `data.createdAt` (epoch ms) → createdAt; `data.isMaster` → isSubAccount (negated);
 *   `data.remark` → label.
 * KuCoin reports no expiry or last use (its 30-day lapse of unbound trading keys is the
 * lapse-policy rule's). KuCoin has no sandbox for this endpoint.
 * Signing (CCXT): `KC-API-SIGN` = base64 HMAC-SHA256(timestamp + METHOD + path + body),
 * `KC-API-PASSPHRASE` = base64 HMAC-SHA256(secret, passphrase), key version 2.
 */
import { z } from 'zod';
import { known, unknownTri, type KeyFacts, type Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { anyOf, deriveReadOnly, emptyFacts, ipFacts, notExposed, parseDate, parseEnvelope, TokenList, whenNotExposed, type FactsContext } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /api/v1/user/api-key';

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v1/user/api-key', purpose: 'introspection' },
  { method: 'GET', path: '/api/v1/timestamp', purpose: 'clock' },
];

/**
 * Permission tokens KuCoin documents (plus `Withdrawal`, seen in its key UI). Any other token that
 * mentions transfer or withdraw makes that fact unknown (exchanges.md §1 rule 2).
 */
const VOCABULARY = ['General', 'Spot', 'Margin', 'Futures', 'InnerTransfer', 'Transfer', 'Withdrawal', 'Earn'];

const Schema = z.looseObject({
  code: z.string(),
  data: z.looseObject({
    remark: z.unknown().optional(),
    apiKey: z.unknown().optional(),
    apiVersion: z.unknown().optional(),
    permission: z.unknown().optional(),
    ipWhitelist: z.unknown().optional(),
    createdAt: z.unknown().optional(),
    uid: z.unknown().optional(),
    isMaster: z.unknown().optional(),
  }),
});

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'kucoin', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  const env = parseEnvelope(Schema, raw, ctx, (r) => (r.code === '200000' ? true : `code ${r.code}`));
  if (!env.ok) return env.facts;
  const data = env.data.data as Record<string, unknown>;
  const facts = emptyFacts(ctx);
  if (typeof data.remark === 'string' && data.remark !== '') facts.label = data.remark;

  if (typeof data.isMaster === 'boolean') facts.isSubAccount = known(!data.isMaster, 'isMaster');
  else facts.isSubAccount = unknownTri(data.isMaster === undefined ? 'field-absent' : 'unrecognized-value', undefined, 'isMaster');

  const perms = TokenList.from(data.permission, 'permission', VOCABULARY, { separator: ',' });
  facts.canRead = perms.has(['General']);

  const spot = perms.has(['Spot']);
  const margin = perms.has(['Margin']);
  const futures = perms.has(['Futures']);
  facts.canTrade = { any: anyOf(spot, margin, futures), spot, margin, futures, options: notExposed('KuCoin has no options permission') };

  const internal = perms.has(['InnerTransfer'], 'transfer');
  const universal = perms.has(['Transfer'], 'transfer');
  facts.canTransfer = {
    any: anyOf(internal, universal),
    internal,
    subAccount: notExposed('KuCoin folds master↔sub transfers into Transfer'),
    universal,
  };

  const withdrawal = perms.has(['Withdrawal'], 'withdraw');
  let canWithdraw: Tri = withdrawal;
  if (withdrawal.value === false && universal.value === true) {
    canWithdraw = unknownTri('mapping-unverified', 'KuCoin documents that Transfer includes deposit and withdrawal', 'permission∋Transfer');
  }
  facts.canWithdraw = canWithdraw;
  facts.readOnly = deriveReadOnly(facts);

  const ipValue = data.ipWhitelist;
  const masked = typeof ipValue === 'string' && ipValue.includes('*');
  const ip = ipFacts(ipValue, 'ipWhitelist', { separator: ',', masked });
  facts.ipRestricted = ip.ipRestricted;
  facts.ipAllowlist = ip.ipAllowlist;

  facts.createdAt = parseDate(data.createdAt, 'createdAt');
  facts.expiresAt = whenNotExposed();
  facts.lastUsedAt = whenNotExposed();

  // KuCoin's unbound-key lapse policy is reported by the lapse-policy rule from these facts.
  return facts;
}

const adapter: ExchangeAdapter = {
  id: 'kucoin',
  displayName: 'KuCoin',
  coverage: 'partial',
  supports: ['withdraw', 'transfer', 'trade', 'ipList', 'created'],
  endpoints: ENDPOINTS,
  needs: ['secret', 'password'],
  requiredPermission: 'General (any key, master or sub-account)',
  docsUrl: 'https://www.kucoin.com/docs-new/api-3470130',
  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('kucoin', credentials, deps, ENDPOINTS);
    return callWithRetry(() => callImplicit(ex, 'privateGetUserApiKey'), deps, ex);
  },
  toFacts,
};

export default adapter;
