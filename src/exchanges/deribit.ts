/**
 * Deribit (../../shared/spec/exchanges.md §3 "Deribit").
 *
 * Endpoint: `GET /api/v2/private/list_api_keys` (scope `account:read`; CCXT `privateGetListApiKeys`),
 * https://docs.deribit.com/api-reference/account-management/private-list_api_keys — lists **every**
 * key of the account; the entry whose `client_id` is the calling key is used. Fields read (defined
 * there and in https://docs.deribit.com/articles/access-scope):
 * - `max_scope`: space-separated `area:level` tokens (`read`, `read_write`, `none`).
 *   `wallet:read_write` → canWithdraw and canTransfer.any (private/withdraw requires
 *   `wallet:read_write`: https://docs.deribit.com/api-reference/wallet/private-withdraw);
 *   `trade:read_write` or `block_trade:read_write` → canTrade.any; `account:read_write` → policy
 *   note (the key may manage API keys); any token → canRead;
 * - `ip_whitelist` (string[]), `timestamp` (ms) → createdAt, `enabled`, `name` → label.
 * **Every entry carries a `client_secret`** (the documented example shows them): fetchRaw deletes
 * them right after parsing, before the answer is returned, stored, logged or put in an error, and
 * clears CCXT's copies of the last response. Testnet `https://test.deribit.com` (CCXT sandbox).
 * Signing (CCXT): `Authorization: deri-hmac-sha256 id=…,ts=…,sig=…,nonce=…`, sig = hex
 * HMAC-SHA256 of `ts\nnonce\nGET\n/api/v2/private/list_api_keys\n\n`.
 */
import { z } from 'zod';
import { allUnknown, known, type KeyFacts, type Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { anyOf, asRecord, deriveReadOnly, emptyFacts, impliedBy, ipFacts, notExposed, parseDate, parseEnvelope, TokenList, whenNotExposed, type FactsContext } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /api/v2/private/list_api_keys';

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v2/private/list_api_keys', purpose: 'introspection' },
  { method: 'GET', path: '/api/v2/public/get_time', purpose: 'clock' },
];

const AREAS = ['account', 'trade', 'wallet', 'block_trade', 'block_rfq', 'custody'];
const VOCABULARY = AREAS.flatMap((a) => [`${a}:read`, `${a}:read_write`, `${a}:none`]);

const KeyEntry = z.looseObject({
  client_id: z.string(),
  id: z.unknown().optional(),
  max_scope: z.unknown().optional(),
  enabled: z.unknown().optional(),
  name: z.unknown().optional(),
  timestamp: z.unknown().optional(),
  ip_whitelist: z.unknown().optional(),
});
const Schema = z.looseObject({ result: z.array(KeyEntry) });

/**
 * Returns a copy of a list_api_keys answer without any `client_secret`. Exported so tests can
 * prove the secrets never survive the adapter boundary.
 */
export function dropClientSecrets(answer: unknown): unknown {
  const rec = asRecord(answer);
  if (rec === null || !Array.isArray(rec.result)) return answer;
  return {
    ...rec,
    result: rec.result.map((entry: unknown) => {
      const e = asRecord(entry);
      if (e === null) return entry;
      const { client_secret: _dropped, ...rest } = e;
      return rest;
    }),
  };
}

const implied = (parent: Tri, what: string): Tri => impliedBy(parent, notExposed(`Deribit grants ${what} through one scope`));

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'deribit', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  const env = parseEnvelope(Schema, dropClientSecrets(raw), ctx);
  if (!env.ok) return env.facts;
  const mine = env.data.result.filter((k) => k.client_id === context.apiKey);
  if (mine.length !== 1) {
    return allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'not-found', `${env.data.result.length} key(s) listed, none is the calling key`);
  }
  const key = mine[0] as Record<string, unknown>;
  const facts = emptyFacts(ctx);
  if (typeof key.name === 'string' && key.name !== '') facts.label = key.name;
  facts.isSubAccount = notExposed();

  const scope = TokenList.from(key.max_scope, 'max_scope', VOCABULARY, { separator: ' ' });
  facts.canRead = scope.tokens === null ? scope.has([]) : known(scope.tokens.size > 0, 'max_scope');
  const wallet = scope.has(['wallet:read_write'], 'withdraw');
  facts.canWithdraw = wallet;
  const transfer = wallet.value === true ? { ...wallet } : scope.has(['wallet:read_write'], 'transfer');
  facts.canTransfer = { any: transfer, internal: implied(transfer, 'transfers'), subAccount: implied(transfer, 'transfers'), universal: implied(transfer, 'transfers') };
  const trade = anyOf(scope.has(['trade:read_write']), scope.has(['block_trade:read_write']));
  facts.canTrade = { any: trade, spot: implied(trade, 'trading'), margin: notExposed('Deribit has no margin-trading scope'), futures: implied(trade, 'trading'), options: implied(trade, 'trading') };
  facts.readOnly = deriveReadOnly(facts);

  const ip = ipFacts(key.ip_whitelist, 'ip_whitelist');
  facts.ipRestricted = ip.ipRestricted;
  facts.ipAllowlist = ip.ipAllowlist;
  facts.createdAt = parseDate(key.timestamp, 'timestamp');
  facts.expiresAt = whenNotExposed();
  facts.lastUsedAt = whenNotExposed();

  if (scope.has(['account:read_write']).value === true) {
    facts.policyNotes.push({
      id: 'deribit-account-write',
      text: 'This key has account:read_write: it can create, edit and delete API keys and subaccounts.',
      source: 'https://docs.deribit.com/articles/access-scope',
    });
  }
  if (key.enabled === false) {
    facts.policyNotes.push({ id: 'deribit-key-disabled', text: 'Deribit reports this API key as disabled.', source: ctx.endpoint });
  }
  return facts;
}

const adapter: ExchangeAdapter = {
  id: 'deribit',
  displayName: 'Deribit',
  coverage: 'partial',
  supports: ['withdraw', 'transfer', 'trade', 'ipList', 'created'],
  endpoints: ENDPOINTS,
  needs: ['secret'],
  requiredPermission: 'account:read',
  docsUrl: 'https://docs.deribit.com/api-reference/account-management/private-list_api_keys',
  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('deribit', credentials, deps, ENDPOINTS);
    try {
      const answer = await callWithRetry(() => callImplicit(ex, 'privateGetListApiKeys'), deps, ex);
      return dropClientSecrets(answer);
    } finally {
      // CCXT keeps the last body on the instance: never let the client secrets outlive this call.
      const held = ex as unknown as Record<string, unknown>;
      held.last_http_response = undefined;
      held.last_json_response = undefined;
    }
  },
  toFacts,
};

export default adapter;
