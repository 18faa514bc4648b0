/**
 * Bybit v5: `GET /v5/user/query-api` describes the calling key (master or sub): read-only flag,
 * permission lists, bound IPs, creation and expiry. Doc:
 * https://bybit-exchange.github.io/docs/v5/user/apikey-info (any permission, 10 req/s).
 * Field meanings: ../../shared/spec/exchanges.md §3 "Bybit v5".
 */
import { z } from 'zod';
import { known, unknownTri, type KeyFacts, type Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { TokenList, anyOf, asRecord, badResponse, emptyFacts, ipFacts, parseDate, parseEnvelope, triFromFlag } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /v5/user/query-api';

const endpoints: readonly Endpoint[] = [
  { method: 'GET', path: '/v5/user/query-api', purpose: 'introspection' },
  { method: 'GET', path: '/v5/market/time', purpose: 'clock' },
];

const schema = z.looseObject({ retCode: z.number(), retMsg: z.string().optional(), result: z.unknown() });

/** Tokens the docs list per permission group. */
const VOCAB: Record<string, string[]> = {
  Wallet: ['AccountTransfer', 'SubMemberTransfer', 'SubMemberTransferList', 'Withdraw'],
  Spot: ['SpotTrade'],
  Options: ['OptionsTrade'],
  Derivatives: ['DerivativesTrade'],
  ContractTrade: ['Order', 'Position'],
};

const bybit: ExchangeAdapter = {
  id: 'bybit',
  displayName: 'Bybit',
  coverage: 'full',
  supports: ['withdraw', 'transfer', 'trade', 'ipList', 'created', 'expiry'],
  endpoints,
  needs: ['secret'],
  requiredPermission: 'any API key (no specific permission)',
  docsUrl: 'https://bybit-exchange.github.io/docs/v5/user/apikey-info',

  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('bybit', credentials, deps, endpoints);
    const raw = await callWithRetry(() => callImplicit(ex, 'privateGetV5UserQueryApi'), deps, ex);
    // The answer has a `secret` field (documented as empty); never keep it.
    const result = asRecord(asRecord(raw)?.result);
    if (result !== null) delete result.secret;
    return raw;
  },

  toFacts(raw, { fetchedAt }): KeyFacts {
    const ctx = { exchange: 'bybit', endpoint: ENDPOINT, fetchedAt };
    const env = parseEnvelope(schema, raw, ctx, (d) => (d.retCode !== 0 ? `retCode ${d.retCode}` : true));
    if (!env.ok) return env.facts;
    const r = asRecord(env.data.result);
    if (r === null) return badResponse(ctx, 'unexpected shape at result: expected an object');
    const facts = emptyFacts(ctx);
    const perms = asRecord(r.permissions);
    const group = (name: string): TokenList => TokenList.from(perms === null ? undefined : perms[name], `permissions.${name}`, VOCAB[name] ?? []);

    const readOnly = triFromFlag(r, 'readOnly', [1], [0]);
    facts.readOnly = readOnly;
    facts.canRead = readOnly.value === 'unknown' ? readOnly : known(true, 'readOnly');
    if (readOnly.value === true) {
      // A read-only key can do nothing that writes; its lists then name readable areas (inference).
      const no = (): Tri => known(false, 'readOnly');
      facts.canWithdraw = no();
      facts.canTransfer = { any: no(), internal: no(), subAccount: no(), universal: no() };
      facts.canTrade = { any: no(), spot: no(), margin: no(), futures: no(), options: no() };
    } else if (readOnly.value === false) {
      const wallet = group('Wallet');
      facts.canWithdraw = wallet.has(['Withdraw'], 'withdraw');
      const internal = wallet.has(['AccountTransfer'], 'transfer');
      const subAccount = wallet.has(['SubMemberTransfer', 'SubMemberTransferList'], 'transfer');
      facts.canTransfer = { any: anyOf(internal, subAccount), internal, subAccount, universal: unknownTri('not-exposed') };
      const spot = group('Spot').has(['SpotTrade']);
      const contract = nonEmpty(perms, 'ContractTrade');
      const derivatives = group('Derivatives').has(['DerivativesTrade']);
      const futures = contract.value === true || derivatives.value === true ? known(true, contract.value === true ? 'permissions.ContractTrade' : derivatives.source ?? 'permissions.Derivatives') : anyOf(contract, derivatives);
      const options = group('Options').has(['OptionsTrade']);
      facts.canTrade = { any: anyOf(spot, futures, options), spot, margin: unknownTri('not-exposed'), futures, options };
    } else {
      const u = (): Tri => unknownTri(readOnly.reason ?? 'field-absent', 'readOnly flag missing or unrecognized', 'readOnly');
      facts.canWithdraw = u();
      facts.canTransfer = { any: u(), internal: u(), subAccount: u(), universal: u() };
      facts.canTrade = { any: u(), spot: u(), margin: u(), futures: u(), options: u() };
    }

    Object.assign(facts, ipFacts(r.ips, 'ips', { noneValues: ['*'] }));
    facts.createdAt = parseDate(r.createdAt, 'createdAt');
    // 1970-01-01 with a negative deadlineDay is the docs' "never expires" sentinel.
    const deadline = typeof r.deadlineDay === 'number' ? r.deadlineDay : undefined;
    if (typeof r.expiredAt === 'string' && r.expiredAt.startsWith('1970-01-01') && deadline !== undefined && deadline < 0) facts.expiresAt = { value: 'none', source: 'expiredAt' };
    else facts.expiresAt = parseDate(r.expiredAt, 'expiredAt');
    facts.lastUsedAt = { value: 'unknown', source: null, reason: 'not-exposed' };
    facts.isSubAccount = typeof r.isMaster === 'boolean' ? known(!r.isMaster, 'isMaster') : unknownTri('field-absent', undefined, 'isMaster');
    if (typeof r.note === 'string' && r.note !== '') facts.label = r.note;
    if (r.type === 2) {
      facts.policyNotes.push({ id: 'bybit-third-party-key', text: 'this is a third-party application key (type 2)', source: 'https://bybit-exchange.github.io/docs/v5/user/apikey-info' });
    }
    return facts;
  },
};

/** ContractTrade lists order/position rights: any entry means derivatives trading. */
function nonEmpty(perms: Record<string, unknown> | null, name: string): Tri {
  const v = perms === null ? undefined : perms[name];
  const source = `permissions.${name}`;
  if (v === undefined || v === null) return unknownTri('field-absent', undefined, source);
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string')) return unknownTri('unrecognized-value', 'expected a token list', source);
  return known(v.length > 0, source);
}

export default bybit;
