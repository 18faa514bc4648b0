/**
 * Gemini (../../shared/spec/exchanges.md §3 "Gemini").
 *
 * Endpoint: `POST /v1/roles` (any role; CCXT `privatePostV1Roles`), "Roles":
 * https://developer.gemini.com/rest-api/common/admin/roles-endpoint — fields read (defined there):
 * - `isAuditor` (bool): view-only role;
 * - `isFundManager` (bool): may withdraw and move funds between accounts
 *   (https://docs.gemini.com/roles) → canWithdraw and canTransfer.any (not broken down);
 * - `isTrader` (bool): may place orders → canTrade.any (one role for every market);
 * - `counterparty_id`: not a fact.
 * canRead: any role (every role can view). readOnly is derived (Auditor alone → read-only).
 * Gemini reports no IP allowlist and no dates. Sandbox: `https://api.sandbox.gemini.com` (CCXT).
 * CCXT signs only account-scoped keys (`account-…`); a master key fails before any request with an
 * authentication error naming that limit. Signing (CCXT): base64 payload
 * `{"request":"/v1/roles","nonce":…}` in `X-GEMINI-PAYLOAD`, hex HMAC-SHA384 of it in
 * `X-GEMINI-SIGNATURE`.
 */
import { z } from 'zod';
import type { KeyFacts, Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { AdapterError } from './errors.js';
import { anyOf, deriveReadOnly, emptyFacts, impliedBy, ipAndDatesNotExposed, notExposed, parseEnvelope, triFromBoolean, type FactsContext } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'POST /v1/roles';

const ENDPOINTS: readonly Endpoint[] = [{ method: 'POST', path: '/v1/roles', purpose: 'introspection' }];

const Schema = z.looseObject({
  isAuditor: z.unknown().optional(),
  isFundManager: z.unknown().optional(),
  isTrader: z.unknown().optional(),
  counterparty_id: z.unknown().optional(),
});

const implied = (parent: Tri, what: string): Tri => impliedBy(parent, notExposed(`Gemini grants ${what} through one role`));

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'gemini', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  // Gemini reports failures as {"result":"error",...}; CCXT throws on those, but check anyway.
  const env = parseEnvelope(Schema, raw, ctx, (r) => ((r as Record<string, unknown>).result === 'error' ? 'result: error' : true));
  if (!env.ok) return env.facts;
  const data = env.data as Record<string, unknown>;
  const facts = emptyFacts(ctx);
  facts.isSubAccount = notExposed();

  const auditor = triFromBoolean(data, 'isAuditor');
  const fundManager = triFromBoolean(data, 'isFundManager');
  const trader = triFromBoolean(data, 'isTrader');
  facts.canRead = anyOf(auditor, fundManager, trader);
  facts.canWithdraw = fundManager;
  facts.canTransfer = { any: { ...fundManager }, internal: implied(fundManager, 'transfers'), subAccount: implied(fundManager, 'transfers'), universal: implied(fundManager, 'transfers') };
  facts.canTrade = { any: trader, spot: implied(trader, 'trading'), margin: implied(trader, 'trading'), futures: implied(trader, 'trading'), options: implied(trader, 'trading') };
  facts.readOnly = deriveReadOnly(facts);

  ipAndDatesNotExposed(facts, 'Gemini does not return the key IP allowlist');
  return facts;
}

const adapter: ExchangeAdapter = {
  id: 'gemini',
  displayName: 'Gemini',
  coverage: 'partial',
  supports: ['withdraw', 'transfer', 'trade'],
  endpoints: ENDPOINTS,
  needs: ['secret'],
  requiredPermission: 'any role (account-scoped key)',
  docsUrl: 'https://developer.gemini.com/rest-api/common/admin/roles-endpoint',
  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('gemini', credentials, deps, ENDPOINTS);
    // Gemini has no public time endpoint in CCXT: a rejected nonce stays clock-skew.
    (ex as unknown as { loadTimeDifference: () => Promise<number> }).loadTimeDifference = () =>
      Promise.reject(new AdapterError('clock-skew', 'Gemini rejected the nonce; it has no time endpoint to sync with'));
    return callWithRetry(() => callImplicit(ex, 'privatePostV1Roles'), deps, ex);
  },
  toFacts,
};

export default adapter;
