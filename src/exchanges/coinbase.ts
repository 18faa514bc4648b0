/**
 * Coinbase Advanced Trade, CDP API keys (../../shared/spec/exchanges.md §3 "Coinbase").
 *
 * Endpoint: `GET /api/v3/brokerage/key_permissions` (any key; CCXT `v3PrivateGetBrokerageKeyPermissions`),
 * https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions
 * — every field read here is defined on that page:
 * - `can_view` (bool): the key may read → canRead.
 * - `can_trade` (bool): the key may place orders → canTrade.any / spot. Coinbase has one trade
 *   permission for every product, so margin/futures/options are `not-exposed` when it is true and
 *   false when it is false.
 * - `can_transfer` (bool): "deposit/withdrawal permissions" — the CDP `transfer` scope that "enables
 *   your application to send and receive funds, on and off platform"
 *   (https://docs.cdp.coinbase.com/coinbase-app/authentication-authorization/authorization) →
 *   canWithdraw and canTransfer.any. Coinbase does not break transfers down (sub-fields
 *   `not-exposed` when true, false when false).
 * - `portfolio_uuid`, `portfolio_type`: the portfolio the key is scoped to (label only).
 * The endpoint returns neither the key's IP allowlist (settable only at creation) nor any date:
 * those facts are `not-exposed`. The Coinbase sandbox lacks this endpoint, so `sandbox` is refused.
 *
 * Credentials: `apiKey` = `organizations/{org}/apiKeys/{id}` with an EC P-256 PEM secret (ES256 JWT),
 * or a UUID with an 88-char base64 Ed25519 secret (EdDSA JWT). CCXT builds a fresh 2-minute JWT per
 * request. Pasted PEMs often carry literal `\n`; CCXT reads only SEC1 (`BEGIN EC PRIVATE KEY`), so a
 * PKCS#8 EC key is converted here.
 */
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import type { KeyFacts, Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { deriveReadOnly, emptyFacts, impliedBy, ipAndDatesNotExposed, notExposed, parseEnvelope, triFromBoolean, type FactsContext } from './facts-helpers.js';
import type { Credentials, Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /api/v3/brokerage/key_permissions';

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v3/brokerage/key_permissions', purpose: 'introspection' },
  { method: 'GET', path: '/api/v3/brokerage/time', purpose: 'clock' },
];

/** GetApiKeyPermissionsResponse (documented fields; extras allowed, types checked per fact). */
const Schema = z.looseObject({
  can_view: z.unknown().optional(),
  can_trade: z.unknown().optional(),
  can_transfer: z.unknown().optional(),
  portfolio_uuid: z.string().optional(),
  portfolio_type: z.string().optional(),
});

/** A sub-scope the exchange does not break down: false when the parent is false, else not exposed. */
const implied = (parent: Tri, what: string): Tri => impliedBy(parent, notExposed(`Coinbase reports one ${what} permission for all products`));

/** Normalizes a pasted CDP secret: literal `\n` → newline, PKCS#8 EC PEM → SEC1 (what CCXT reads). */
export function normalizeCdpSecret(secret: string): string {
  let pem = secret.trim();
  if (pem.includes('\\n')) pem = pem.replace(/\\n/g, '\n');
  if (/-----BEGIN PRIVATE KEY-----/.test(pem)) {
    try {
      const key = createPrivateKey(pem);
      if (key.asymmetricKeyType === 'ec') return key.export({ type: 'sec1', format: 'pem' }).toString();
    } catch {
      /* not a key node can read: let CCXT report it */
    }
  }
  return pem;
}

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'coinbase', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  const env = parseEnvelope(Schema, raw, ctx);
  if (!env.ok) return env.facts;
  const data = env.data as Record<string, unknown>;
  const facts = emptyFacts(ctx);
  if (typeof data.portfolio_uuid === 'string' && data.portfolio_uuid !== '') {
    facts.label = `portfolio ${data.portfolio_uuid}${typeof data.portfolio_type === 'string' ? ` (${data.portfolio_type})` : ''}`;
  }
  facts.isSubAccount = notExposed();
  facts.canRead = triFromBoolean(data, 'can_view');

  const trade = triFromBoolean(data, 'can_trade');
  facts.canTrade = { any: trade, spot: { ...trade }, margin: implied(trade, 'trade'), futures: implied(trade, 'trade'), options: implied(trade, 'trade') };

  const transfer = triFromBoolean(data, 'can_transfer');
  facts.canWithdraw = { ...transfer };
  facts.canTransfer = { any: transfer, internal: implied(transfer, 'transfer'), subAccount: implied(transfer, 'transfer'), universal: implied(transfer, 'transfer') };
  facts.readOnly = deriveReadOnly(facts);

  ipAndDatesNotExposed(facts, 'the IP allowlist is set at key creation and not returned by the API');
  return facts;
}

const adapter: ExchangeAdapter = {
  id: 'coinbase',
  displayName: 'Coinbase Advanced Trade (CDP keys)',
  coverage: 'partial',
  supports: ['withdraw', 'transfer', 'trade'],
  endpoints: ENDPOINTS,
  needs: ['privateKey'],
  requiredPermission: 'any CDP key (view, trade or transfer)',
  docsUrl: 'https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions',
  async fetchRaw(credentials: Credentials, deps) {
    const secret = credentials.privateKey ?? credentials.secret;
    const normalized: Credentials = { apiKey: credentials.apiKey.trim() };
    if (secret !== undefined) normalized.secret = normalizeCdpSecret(secret);
    const ex = await createCcxtExchange('coinbase', normalized, deps, ENDPOINTS);
    // Clock sync must use the allowlisted Advanced Trade time endpoint, not CCXT's default /v2/time.
    (ex.options as Record<string, unknown>).fetchTime = 'v3PublicGetBrokerageTime';
    return callWithRetry(() => callImplicit(ex, 'v3PrivateGetBrokerageKeyPermissions'), deps, ex);
  },
  toFacts,
};

export default adapter;
