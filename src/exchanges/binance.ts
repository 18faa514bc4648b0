/**
 * Binance: `GET /sapi/v1/account/apiRestrictions` reports the calling key's permissions, whether it
 * is IP-restricted, its creation time and the lapse of its trading authority.
 * Doc: https://developers.binance.com/docs/wallet/account/api-key-permission (weight 1, any key).
 * Field meanings: ../../shared/spec/exchanges.md §3 "Binance".
 */
import { z } from 'zod';
import { unknownTri, type KeyFacts } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { anyOf, deriveReadOnly, emptyFacts, parseDate, parseEnvelope, triFromBoolean, whenNotExposed } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /sapi/v1/account/apiRestrictions';

const endpoints: readonly Endpoint[] = [
  { method: 'GET', path: '/sapi/v1/account/apiRestrictions', purpose: 'introspection' },
  { method: 'GET', path: '/api/v3/time', purpose: 'clock' },
];

/** Documented shape; every field optional here so one missing field is unknown for that fact only. */
const schema = z.looseObject({});

const binance: ExchangeAdapter = {
  id: 'binance',
  displayName: 'Binance',
  coverage: 'full',
  supports: ['withdraw', 'transfer', 'trade', 'created', 'expiry'],
  endpoints,
  needs: ['secret'],
  requiredPermission: 'any API key (Enable Reading)',
  docsUrl: 'https://developers.binance.com/docs/wallet/account/api-key-permission',

  async fetchRaw(credentials, deps) {
    const ex = await createCcxtExchange('binance', credentials, deps, endpoints);
    return callWithRetry(() => callImplicit(ex, 'sapiGetAccountApiRestrictions'), deps, ex);
  },

  toFacts(raw, { fetchedAt }): KeyFacts {
    const ctx = { exchange: 'binance', endpoint: ENDPOINT, fetchedAt };
    const env = parseEnvelope(schema, raw, ctx);
    if (!env.ok) return env.facts;
    const r = env.data as Record<string, unknown>;
    const facts = emptyFacts(ctx);
    // Fields the docs list besides the core ones; counted for "any trade" only when present.
    const optional = (field: string) => (field in r ? triFromBoolean(r, field) : unknownTri('not-exposed', undefined, field));

    facts.isSubAccount = unknownTri('not-exposed');
    facts.canRead = triFromBoolean(r, 'enableReading');
    facts.canWithdraw = triFromBoolean(r, 'enableWithdrawals');
    const universal = triFromBoolean(r, 'permitsUniversalTransfer');
    facts.canTransfer = {
      // enableInternalTransfer = transfers between master and sub-accounts.
      subAccount: triFromBoolean(r, 'enableInternalTransfer'),
      internal: universal,
      universal,
      any: unknownTri('field-absent'),
    };
    facts.canTransfer.any = anyOf(facts.canTransfer.subAccount, facts.canTransfer.universal);
    facts.canTrade = {
      spot: triFromBoolean(r, 'enableSpotAndMarginTrading'),
      margin: triFromBoolean(r, 'enableMargin'),
      futures: triFromBoolean(r, 'enableFutures'),
      options: triFromBoolean(r, 'enableVanillaOptions'),
      any: unknownTri('field-absent'),
    };
    facts.canTrade.any = anyOf(
      facts.canTrade.spot,
      facts.canTrade.margin,
      facts.canTrade.futures,
      facts.canTrade.options,
      optional('enablePortfolioMarginTrading'),
      optional('enableFixApiTrade'),
    );
    facts.readOnly = deriveReadOnly(facts);

    facts.ipRestricted = triFromBoolean(r, 'ipRestrict');
    if (facts.ipRestricted.value === false) facts.ipAllowlist = { value: [], masked: false, source: 'ipRestrict' };
    else if (facts.ipRestricted.value === true) {
      // The own-key IP list endpoint was discontinued on 2021-11-17 (and is denied by the guard).
      facts.ipAllowlist = { value: 'unknown', masked: false, source: 'ipRestrict', reason: 'not-exposed' };
    } else facts.ipAllowlist = { value: 'unknown', masked: false, source: 'ipRestrict', reason: facts.ipRestricted.reason ?? 'field-absent' };

    facts.createdAt = parseDate(r.createTime, 'createTime');
    // tradingAuthorityExpirationTime is the lapse of the trading permission of unrestricted keys,
    // not of the key; an IP-restricted key without it has no such lapse.
    if (r.tradingAuthorityExpirationTime !== undefined && r.tradingAuthorityExpirationTime !== null) {
      facts.expiresAt = parseDate(r.tradingAuthorityExpirationTime, 'tradingAuthorityExpirationTime');
    } else if (facts.ipRestricted.value === true) facts.expiresAt = { value: 'none', source: 'ipRestrict' };
    else facts.expiresAt = { value: 'unknown', source: 'tradingAuthorityExpirationTime', reason: 'field-absent' };
    facts.lastUsedAt = whenNotExposed();
    if (facts.ipRestricted.value === false && facts.canWithdraw.value === true) {
      facts.policyNotes.push({
        id: 'binance-withdraw-needs-ip',
        text: 'Binance only lets a key withdraw when it is IP-restricted',
        source: 'https://developers.binance.com/docs/wallet/account/api-key-permission',
      });
    }
    return facts;
  },
};

export default binance;
