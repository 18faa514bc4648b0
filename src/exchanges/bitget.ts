/**
 * Bitget (../../shared/spec/exchanges.md §3 "Bitget").
 *
 * Endpoint: `GET /api/v2/spot/account/info` (1/s; CCXT `privateSpotGetV2SpotAccountInfo`),
 * "Get Account Information": https://www.bitget.com/api-doc/spot/account/Get-Account-Info — fields
 * read (all defined there):
 * - envelope `code` ("00000" = success), `data`;
 * - `data.authorities`: the key's permissions. Bitget's short codes: `wwow` withdraw, `wtow`
 *   transfer, `stow` spot trade, `smow` margin trade, `coow`/`cpow` contract orders/positions,
 *   `ttow` copy trading (`…or` = the read-only variant). The page's example shows long words
 *   (`trade`, `readonly`); which form the live API returns is unverified, so long words give only
 *   canRead/canTrade.any and leave withdraw/transfer unknown `mapping-unverified`;
 * - `data.ips`: the key's IP whitelist, comma-separated, `""` = none.
 * `regisTime` is the account's registration, not the key's: Bitget reports no key dates. No
 * verified expiry policy. No sandbox for this endpoint. Signing (CCXT): `ACCESS-SIGN` = base64
 * HMAC-SHA256(timestamp + METHOD + path + body), passphrase sent as `ACCESS-PASSPHRASE`.
 */
import { z } from 'zod';
import { known, unknownTri, type KeyFacts, type Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { anyOf, deriveReadOnly, emptyFacts, impliedBy, ipFacts, notExposed, parseEnvelope, TokenList, whenNotExposed, type FactsContext } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /api/v2/spot/account/info';

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v2/spot/account/info', purpose: 'introspection' },
  { method: 'GET', path: '/api/v2/public/time', purpose: 'clock' },
];

const SHORT_WRITE = ['wwow', 'wtow', 'stow', 'smow', 'coow', 'cpow', 'ttow'];
const SHORT_READ = ['wwor', 'wtor', 'stor', 'smor', 'coor', 'cpor', 'ttor'];
const LONG = ['readonly', 'trade'];
const SHORT_CODE = /^[a-z]{2}o[wr]$/;

const Schema = z.looseObject({
  code: z.string(),
  msg: z.unknown().optional(),
  data: z.looseObject({
    userId: z.unknown().optional(),
    ips: z.unknown().optional(),
    authorities: z.unknown().optional(),
    parentId: z.unknown().optional(),
  }),
});

const implied = (parent: Tri): Tri => impliedBy(parent, unknownTri('mapping-unverified', 'Bitget returned long-form authorities, which do not name the market', parent.source));

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'bitget', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  const env = parseEnvelope(Schema, raw, ctx, (r) => (r.code === '00000' ? true : `code ${r.code}`));
  if (!env.ok) return env.facts;
  const data = env.data.data as Record<string, unknown>;
  const facts = emptyFacts(ctx);
  facts.isSubAccount = notExposed();

  const raw_ = data.authorities;
  const short = Array.isArray(raw_) && raw_.some((t) => typeof t === 'string' && SHORT_CODE.test(t.trim()));
  const perms = TokenList.from(raw_, 'authorities', short ? [...SHORT_WRITE, ...SHORT_READ] : LONG, { separator: ',', caseInsensitive: !short });

  if (perms.tokens === null) {
    const u = perms.has([]);
    facts.canRead = u;
    facts.canWithdraw = { ...u };
    facts.canTransfer = { any: { ...u }, internal: { ...u }, subAccount: { ...u }, universal: { ...u } };
    facts.canTrade = { any: { ...u }, spot: { ...u }, margin: { ...u }, futures: { ...u }, options: { ...u } };
  } else if (short) {
    facts.canRead = known(perms.tokens.size > 0, 'authorities');
    facts.canWithdraw = perms.has(['wwow'], 'withdraw');
    const transfer = perms.has(['wtow'], 'transfer');
    const undistinguished = notExposed('Bitget grants transfers through one permission');
    facts.canTransfer = {
      any: transfer,
      internal: transfer.value === false ? known(false, 'authorities') : undistinguished,
      subAccount: transfer.value === false ? known(false, 'authorities') : { ...undistinguished },
      universal: transfer.value === false ? known(false, 'authorities') : { ...undistinguished },
    };
    const spot = perms.has(['stow']);
    const margin = perms.has(['smow']);
    const futures = perms.has(['coow', 'cpow']);
    const copy = perms.has(['ttow']);
    facts.canTrade = { any: anyOf(spot, margin, futures, copy), spot, margin, futures, options: notExposed('Bitget has no options permission') };
  } else {
    facts.canRead = known(perms.tokens.size > 0, 'authorities');
    const trade = perms.has(['trade']);
    facts.canTrade = { any: trade, spot: implied(trade), margin: implied(trade), futures: implied(trade), options: notExposed('Bitget has no options permission') };
    const unverified = (what: string): Tri => {
      const hit = perms.has([], what === 'withdraw' ? 'withdraw' : 'transfer');
      return hit.value === 'unknown' ? hit : unknownTri('mapping-unverified', `long-form authorities do not document a ${what} token`, 'authorities');
    };
    facts.canWithdraw = unverified('withdraw');
    const transfer = unverified('transfer');
    facts.canTransfer = { any: transfer, internal: { ...transfer }, subAccount: { ...transfer }, universal: { ...transfer } };
  }
  facts.readOnly = deriveReadOnly(facts);

  const ip = ipFacts(data.ips, 'ips', { separator: ',' });
  facts.ipRestricted = ip.ipRestricted;
  facts.ipAllowlist = ip.ipAllowlist;
  facts.createdAt = whenNotExposed();
  facts.expiresAt = whenNotExposed();
  facts.lastUsedAt = whenNotExposed();
  return facts;
}

const adapter: ExchangeAdapter = {
  id: 'bitget',
  displayName: 'Bitget',
  coverage: 'partial',
  supports: ['withdraw', 'transfer', 'trade', 'ipList'],
  endpoints: ENDPOINTS,
  needs: ['secret', 'password'],
  requiredPermission: 'read (any key)',
  docsUrl: 'https://www.bitget.com/api-doc/spot/account/Get-Account-Info',
  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('bitget', credentials, deps, ENDPOINTS);
    return callWithRetry(() => callImplicit(ex, 'privateSpotGetV2SpotAccountInfo'), deps, ex);
  },
  toFacts,
};

export default adapter;
