/**
 * Kraken spot: `POST /0/private/GetApiKeyInfo` describes the calling key: permissions, IP
 * allowlist, creation, expiry and last use. Doc:
 * https://docs.kraken.com/api-reference/account-data/get-api-key-info ("Permissions Required: None").
 * Field meanings: ../../shared/spec/exchanges.md §3 "Kraken spot".
 */
import { z } from 'zod';
import { known, unknownTri, type KeyFacts } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { TokenList, anyOf, asRecord, badResponse, deriveReadOnly, emptyFacts, ipFacts, parseDate, parseEnvelope } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'POST /0/private/GetApiKeyInfo';

const endpoints: readonly Endpoint[] = [
  { method: 'POST', path: '/0/private/GetApiKeyInfo', purpose: 'introspection' },
  { method: 'GET', path: '/0/public/Time', purpose: 'clock' },
];

const schema = z.looseObject({ error: z.array(z.unknown()), result: z.unknown() });

/** Permission tokens Kraken's key settings define. */
const PERMS = [
  'query-funds',
  'deposit-funds',
  'withdraw-funds',
  'add-withdraw-address',
  'update-withdraw-address',
  'query-open-trades',
  'query-closed-trades',
  'modify-trades',
  'close-trades',
  'query-ledger',
  'export-data',
  'earn-funds',
  'access-websockets',
];

const kraken: ExchangeAdapter = {
  id: 'kraken',
  displayName: 'Kraken',
  coverage: 'full',
  supports: ['withdraw', 'transfer', 'trade', 'ipList', 'created', 'expiry', 'lastUsed'],
  endpoints,
  needs: ['secret'],
  requiredPermission: 'none (any API key)',
  docsUrl: 'https://docs.kraken.com/api-reference/account-data/get-api-key-info',

  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('kraken', credentials, deps, endpoints);
    return callWithRetry(() => callImplicit(ex, 'privatePostGetApiKeyInfo'), deps, ex);
  },

  toFacts(raw, { fetchedAt }): KeyFacts {
    const ctx = { exchange: 'kraken', endpoint: ENDPOINT, fetchedAt };
    const env = parseEnvelope(schema, raw, ctx, (d) => (d.error.length > 0 ? `error ${d.error.filter((e) => typeof e === 'string').join(', ')}` : true));
    if (!env.ok) return env.facts;
    const r = asRecord(env.data.result);
    if (r === null) return badResponse(ctx, 'unexpected shape at result: expected an object');
    const facts = emptyFacts(ctx);
    const perms = TokenList.from(r.permissions, 'permissions', PERMS);

    facts.canRead = perms.tokens === null ? perms.has([]) : known([...perms.tokens].some((t) => t.startsWith('query-')), 'permissions');
    facts.canWithdraw = perms.has(['withdraw-funds'], 'withdraw');
    // Spot -> futures wallet transfers need only Funds-Query; sub-account transfers need Withdraw Funds.
    const internal = perms.has(['query-funds'], 'transfer');
    const subAccount = perms.has(['withdraw-funds'], 'transfer');
    facts.canTransfer = { any: anyOf(internal, subAccount), internal, subAccount, universal: unknownTri('not-exposed') };
    const spot = perms.has(['modify-trades']);
    facts.canTrade = {
      spot,
      any: anyOf(spot, perms.has(['close-trades'])),
      margin: unknownTri('not-exposed'),
      futures: unknownTri('not-exposed', 'Kraken Futures keys are separate'),
      options: unknownTri('not-exposed'),
    };
    facts.readOnly = deriveReadOnly(facts);

    Object.assign(facts, ipFacts(r.ipAllowlist, 'ipAllowlist'));
    facts.createdAt = parseDate(r.createdTime, 'createdTime');
    facts.expiresAt = parseDate(r.validUntil, 'validUntil', { noneValues: ['0', 0] });
    facts.lastUsedAt = parseDate(r.lastUsed, 'lastUsed', { noneValues: ['0', 0] });
    facts.isSubAccount = unknownTri('not-exposed');
    if (typeof r.apiKeyName === 'string' && r.apiKeyName !== '') facts.label = r.apiKeyName;
    if (perms.tokens?.has('add-withdraw-address') === true || perms.tokens?.has('update-withdraw-address') === true) {
      facts.policyNotes.push({
        id: 'kraken-withdraw-address-management',
        text: 'the key may add or change withdrawal addresses',
        source: 'https://docs.kraken.com/api-reference/account-data/get-api-key-info',
      });
    }
    return facts;
  },
};

export default kraken;
