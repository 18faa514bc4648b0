/**
 * OKX v5: `GET /api/v5/account/config` carries the calling key's `perm` list, bound `ip`s and
 * `label`; it gives no dates. Doc:
 * https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration (5 req / 2 s).
 * Needs the passphrase (`password`). Field meanings: ../../shared/spec/exchanges.md §3 "OKX v5".
 */
import { z } from 'zod';
import { known, unknownTri, type KeyFacts, type Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { TokenList, asRecord, badResponse, deriveReadOnly, emptyFacts, ipFacts, parseEnvelope, triFromFlag, whenNotExposed } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /api/v5/account/config';

const endpoints: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v5/account/config', purpose: 'introspection' },
  { method: 'GET', path: '/api/v5/public/time', purpose: 'clock' },
];

const schema = z.looseObject({ code: z.string(), msg: z.string().optional(), data: z.array(z.unknown()) });

/** `perm` tokens the docs define. */
const PERMS = ['read_only', 'trade', 'withdraw'];

/**
 * OKX and its regional sites (CCXT `myokx` = my.okx.com/EEA, `okxus` = OKX US) share the API, the
 * signing and this endpoint; only the host differs.
 */
function okxAdapter(id: string, displayName: string): ExchangeAdapter {
  return {
    id,
    displayName,
    coverage: 'partial',
    supports: ['withdraw', 'transfer', 'trade', 'ipList'],
    endpoints,
    needs: ['secret', 'password'],
    requiredPermission: 'Read',
    docsUrl: 'https://www.okx.com/docs-v5/en/#trading-account-rest-api-get-account-configuration',

    async fetchRaw(credentials, deps) {
      const ex = await createCcxtExchange(id, credentials, deps, endpoints);
      return callWithRetry(() => callImplicit(ex, 'privateGetAccountConfig'), deps, ex);
    },

    toFacts(raw, { fetchedAt }): KeyFacts {
      const ctx = { exchange: id, endpoint: ENDPOINT, fetchedAt };
      const env = parseEnvelope(schema, raw, ctx, (d) => (d.code !== '0' ? `error code ${d.code}` : d.data.length === 0 ? 'empty data' : true));
      if (!env.ok) return env.facts;
      const facts = emptyFacts(ctx);
      const r = asRecord(env.data.data[0]);
      if (r === null) return badResponse(ctx, 'unexpected shape at data.0: expected an object');

      const perm = TokenList.from(r.perm, 'perm', PERMS, { separator: ',' });
      const trade = perm.has(['trade']);
      facts.canRead = perm.has(['read_only']);
      facts.canWithdraw = perm.has(['withdraw'], 'withdraw');
      // "Trade" includes funding transfers between the account's own wallets (docs, API key permissions).
      facts.canTransfer = { any: trade, internal: trade, subAccount: unknownTri('not-exposed'), universal: unknownTri('not-exposed') };
      // Margin and futures are account settings (acctLv), not key permissions: false only without trade.
      const accountSetting = (): Tri => (trade.value === false ? known(false, 'perm') : trade.value === true ? unknownTri('not-exposed', 'an account setting (acctLv), not a key permission') : trade);
      const options: Tri = trade.value === true ? triFromFlag(r, 'opAuth', ['1', 1], ['0', 0]) : accountSetting();
      facts.canTrade = { any: trade, spot: trade, margin: accountSetting(), futures: accountSetting(), options };
      facts.readOnly = deriveReadOnly(facts);

      Object.assign(facts, ipFacts(r.ip, 'ip', { separator: ',' }));
      facts.createdAt = whenNotExposed();
      facts.expiresAt = whenNotExposed();
      facts.lastUsedAt = whenNotExposed();
      if (typeof r.uid === 'string' && typeof r.mainUid === 'string' && r.uid !== '' && r.mainUid !== '') facts.isSubAccount = known(r.uid !== r.mainUid, 'uid, mainUid');
      else facts.isSubAccount = unknownTri('field-absent', undefined, 'uid, mainUid');
      if (typeof r.label === 'string' && r.label !== '') facts.label = r.label;
      return facts;
    },
  };
}

const okx = okxAdapter('okx', 'OKX');
export const myokx = okxAdapter('myokx', 'MyOKX (EEA)');
export const okxus = okxAdapter('okxus', 'OKX US');

export default okx;
