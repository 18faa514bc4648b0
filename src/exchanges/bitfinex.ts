/**
 * Bitfinex (../../shared/spec/exchanges.md §3 "Bitfinex").
 *
 * Endpoint: `POST /v2/auth/r/permissions` (read; body `{}`; CCXT `privatePostAuthRPermissions`),
 * "Key Permissions": https://docs.bitfinex.com/reference/key-permissions — the answer is an array of
 * `[SCOPE, READ, WRITE]` rows with 0/1 flags (all defined there). Read here:
 * - any row with READ = 1 → canRead;
 * - `withdraw` WRITE → canWithdraw (another scope naming withdraw with WRITE = 1, e.g. a future
 *   `ui_withdraw`, makes it unknown unless already true: exchanges.md §1 rule 2);
 * - `wallets` WRITE → canTransfer.any ("transfer between your wallets"; unverified on the page),
 *   not broken down;
 * - `orders` or `positions` WRITE → canTrade.any (one permission for every market).
 * Bitfinex reports no IP allowlist and no dates. No sandbox, no public time endpoint (the nonce is
 * local ms, so clock sync does not apply). Signing (CCXT): `bfx-signature` = hex
 * HMAC-SHA384(`/api/v2/auth/r/permissions` + nonce + body).
 */
import { z } from 'zod';
import { known, unknownTri, type KeyFacts, type Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { AdapterError } from './errors.js';
import { anyOf, deriveReadOnly, emptyFacts, impliedBy, ipAndDatesNotExposed, notExposed, parseEnvelope, type FactsContext } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'POST /v2/auth/r/permissions';

const ENDPOINTS: readonly Endpoint[] = [{ method: 'POST', path: '/v2/auth/r/permissions', purpose: 'introspection' }];

const Row = z.tuple([z.string(), z.unknown(), z.unknown()]).rest(z.unknown());
const Schema = z.array(Row);

const implied = (parent: Tri, what: string): Tri => impliedBy(parent, notExposed(`Bitfinex grants ${what} without a breakdown`));

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'bitfinex', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  const env = parseEnvelope(Schema, raw, ctx, (rows) => (rows.length > 0 ? true : 'empty permission list'));
  if (!env.ok) return env.facts;
  const rows = new Map(env.data.map((r) => [r[0], r] as const));

  /** READ (1) or WRITE (2) flag of a scope row: 1 → true, 0 → false, else unknown. */
  const flag = (scope: string, index: 1 | 2): Tri => {
    const row = rows.get(scope);
    const source = `${scope}[${index === 1 ? 'read' : 'write'}]`;
    if (row === undefined) return unknownTri('field-absent', undefined, scope);
    const v = row[index];
    if (v === 1 || v === true) return known(true, source);
    if (v === 0 || v === false) return known(false, source);
    return unknownTri('unrecognized-value', 'expected 0 or 1', source);
  };

  const facts = emptyFacts(ctx);
  facts.isSubAccount = notExposed();
  facts.canRead = anyOf(...[...rows.keys()].map((scope) => flag(scope, 1)));

  let withdraw = flag('withdraw', 2);
  if (withdraw.value !== true) {
    const odd = [...rows.keys()].filter((s) => s !== 'withdraw' && s.toLowerCase().includes('withdraw') && flag(s, 2).value !== false);
    if (odd.length > 0) withdraw = unknownTri('unrecognized-value', `unrecognized scope(s) ${odd.join(', ')} with write access`, 'permissions');
  }
  facts.canWithdraw = withdraw;

  const transfer = flag('wallets', 2);
  facts.canTransfer = { any: transfer, internal: implied(transfer, 'wallet transfers'), subAccount: implied(transfer, 'wallet transfers'), universal: implied(transfer, 'wallet transfers') };

  const trade = anyOf(flag('orders', 2), flag('positions', 2));
  facts.canTrade = { any: trade, spot: implied(trade, 'trading'), margin: implied(trade, 'trading'), futures: implied(trade, 'trading'), options: implied(trade, 'trading') };
  facts.readOnly = deriveReadOnly(facts);

  ipAndDatesNotExposed(facts, 'Bitfinex does not return the key IP allowlist');
  return facts;
}

const adapter: ExchangeAdapter = {
  id: 'bitfinex',
  displayName: 'Bitfinex',
  coverage: 'partial',
  supports: ['withdraw', 'transfer', 'trade'],
  endpoints: ENDPOINTS,
  needs: ['secret'],
  requiredPermission: 'any key (read)',
  docsUrl: 'https://docs.bitfinex.com/reference/key-permissions',
  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('bitfinex', credentials, deps, ENDPOINTS);
    // Bitfinex has no public time endpoint (CCXT fetchTime: false): a rejected nonce stays clock-skew.
    (ex as unknown as { loadTimeDifference: () => Promise<number> }).loadTimeDifference = () =>
      Promise.reject(new AdapterError('clock-skew', 'Bitfinex rejected the nonce; it has no time endpoint to sync with'));
    return callWithRetry(() => callImplicit(ex, 'privatePostAuthRPermissions'), deps, ex);
  },
  toFacts,
};

export default adapter;
