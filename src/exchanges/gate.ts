/**
 * Gate (../../shared/spec/exchanges.md §3 "Gate").
 *
 * Two read calls, both on https://www.gate.com/docs/developers/apiv4/en/ :
 * 1. `GET /api/v4/account/detail` ("Retrieve user account information", #get-account-detail; CCXT
 *    `privateAccountGetDetail`): `ip_whitelist` (string[]) of the **calling** key, `user_id`.
 * 2. `GET /api/v4/account/main_keys` ("Query all main account key information",
 *    #query-all-main-account-key-information; CCXT `privateAccountGetMainKeys`): every key of the
 *    main account, `key` masked to its first 12 characters + `*****`, matched here by prefix
 *    (sub-account keys are not listed → `not-found`). Fields read:
 *    - `perms[{name, read_only}]`: a perm present = readable; `read_only: false` = read-write.
 *      `wallet` rw → canTransfer.any (Gate does not break transfers down); `spot` ("spot/margin"),
 *      `margin` → spot/margin trading; `futures`, `delivery` → futures; `options` → options;
 *      `unified` also counts for canTrade.any. The documented enum has no withdraw permission:
 *      a `withdraw*` perm counts if present, otherwise canWithdraw is unknown `mapping-unverified`;
 *    - `ip_whitelist` (also read from detail), `created_at`, `last_access` (unix s), `state`
 *      (1 normal, 2 locked, 3 frozen → note), `name` → label.
 * If `main_keys` fails (e.g. a sub-account key), the IP facts of `account/detail` still stand and
 * the permission facts carry the failure's reason. Unbound keys are valid for 90 days (help-centre
 * FAQ 17521, info note; no date is returned). Testnet via CCXT
 * sandbox. Signing (CCXT): `SIGN` = hex HMAC-SHA512 of
 * `METHOD\n/api/v4/path\nquery\nhex(SHA512(body))\nTimestamp` with `Timestamp` in unix seconds.
 */
import { z } from 'zod';
import { allUnknown, known, unknownTri, type KeyFacts, type Reason, type Tri } from '../core/key-facts.js';
import { callImplicit, callWithRetry, createCcxtExchange } from './ccxt-client.js';
import { classifyError } from './errors.js';
import { anyOf, asRecord, deriveReadOnly, emptyFacts, ipFacts, notExposed, parseDate, parseEnvelope, type FactsContext } from './facts-helpers.js';
import type { Endpoint, ExchangeAdapter } from './types.js';

const ENDPOINT = 'GET /api/v4/account/main_keys';

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/api/v4/account/detail', purpose: 'introspection' },
  { method: 'GET', path: '/api/v4/account/main_keys', purpose: 'introspection' },
  { method: 'GET', path: '/api/v4/spot/time', purpose: 'clock' },
];

const DetailSchema = z.looseObject({ user_id: z.unknown().optional(), ip_whitelist: z.unknown().optional() });

const Perm = z.looseObject({ name: z.string(), read_only: z.unknown().optional() });
const MainKey = z.looseObject({
  key: z.string(),
  state: z.unknown().optional(),
  name: z.unknown().optional(),
  perms: z.array(Perm).optional(),
  ip_whitelist: z.unknown().optional(),
  created_at: z.unknown().optional(),
  last_access: z.unknown().optional(),
});
const MainKeysSchema = z.array(MainKey);

/**
 * Gate's help centre ("How to utilize API", FAQ 17521): a key not bound to an IP "will allow access
 * from any address and is valid for 90 days". Not in the API reference, so it is an info note.
 */
const UNBOUND_NOTE = {
  id: 'gate-unbound-90-days',
  text: 'Gate: an API key not bound to an IP address is valid for 90 days only.',
  source: 'https://www.gate.com/help/guide/faq/17521/how-to-utilize-api',
};

/** What fetchRaw returns. `mainKeys` is replaced by the failure when that call failed. */
export interface GateRaw {
  detail: unknown;
  mainKeys?: unknown;
  mainKeysError?: { reason: Reason; detail: string };
}

/** Gate masks listed keys as `<first 12 chars>*****`. */
function matchesKey(masked: string, apiKey: string): boolean {
  const prefix = masked.replace(/\*+$/, '');
  return masked.endsWith('*') && prefix.length >= 8 && apiKey.startsWith(prefix);
}

function permFacts(perms: z.output<typeof Perm>[] | undefined): {
  read: Tri;
  rw: (names: readonly string[]) => Tri;
  unknownRw: (keyword: string) => string[];
} {
  if (perms === undefined) {
    const u = unknownTri('field-absent', undefined, 'perms');
    return { read: u, rw: () => ({ ...u }), unknownRw: () => [] };
  }
  return {
    read: known(perms.length > 0, 'perms'),
    rw: (names) => {
      const hits = perms.filter((p) => names.includes(p.name));
      const rw = hits.find((p) => p.read_only === false);
      if (rw !== undefined) return known(true, `perms[${rw.name}].read_only=false`);
      const odd = hits.find((p) => typeof p.read_only !== 'boolean');
      if (odd !== undefined) return unknownTri('unrecognized-value', 'read_only is not a boolean', `perms[${odd.name}].read_only`);
      return known(false, `perms[${names.join('|')}]`);
    },
    unknownRw: (keyword) => perms.filter((p) => p.name.toLowerCase().includes(keyword) && p.read_only !== true).map((p) => p.name),
  };
}

export function toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts {
  const ctx: FactsContext = { exchange: 'gate', endpoint: ENDPOINT, fetchedAt: context.fetchedAt };
  const both = asRecord(raw);
  if (both === null || !('detail' in both)) return allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'bad-response', 'unexpected shape at (root)');
  const detailCtx = { ...ctx, endpoint: 'GET /api/v4/account/detail' };
  const detail = parseEnvelope(DetailSchema, both.detail, detailCtx);
  if (!detail.ok) return detail.facts;

  // Which facts are known depends on the second call; start from its failure, if any.
  let facts: KeyFacts;
  let key: z.output<typeof MainKey> | undefined;
  const failure = asRecord(both.mainKeysError);
  if (failure !== null && typeof failure.reason === 'string') {
    facts = allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, failure.reason as Reason, typeof failure.detail === 'string' ? failure.detail : undefined);
  } else {
    const list = parseEnvelope(MainKeysSchema, both.mainKeys, ctx);
    if (!list.ok) facts = list.facts;
    else {
      const mine = list.data.filter((k) => matchesKey(k.key, context.apiKey));
      if (mine.length === 1) {
        key = mine[0];
        facts = emptyFacts(ctx);
      } else {
        facts = allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'not-found', `${list.data.length} main-account key(s) listed, none matches the calling key (sub-account keys are not listed)`);
      }
    }
  }

  // The calling key's IP whitelist comes from account/detail whatever happened to main_keys.
  const ip = ipFacts(detail.data.ip_whitelist, 'ip_whitelist');
  facts.ipRestricted = ip.ipRestricted;
  facts.ipAllowlist = ip.ipAllowlist;
  if (facts.ipRestricted.value === false) facts.policyNotes.push(UNBOUND_NOTE);
  if (key === undefined) return facts;

  if (typeof key.name === 'string' && key.name !== '') facts.label = key.name;
  facts.isSubAccount = known(false, 'main_keys');
  const perms = permFacts(key.perms);
  facts.canRead = perms.read;

  const spot = perms.rw(['spot']);
  const margin = anyOf(perms.rw(['spot']), perms.rw(['margin']));
  const futures = perms.rw(['futures', 'delivery']);
  const options = perms.rw(['options']);
  const unified = perms.rw(['unified']);
  facts.canTrade = { any: anyOf(spot, margin, futures, options, unified), spot, margin, futures, options };

  const wallet = perms.rw(['wallet']);
  const odd = perms.unknownRw('transfer');
  facts.canTransfer = {
    any: wallet.value === false && odd.length > 0 ? unknownTri('unrecognized-value', `unrecognized perm(s) ${odd.join(', ')}`, 'perms') : wallet,
    internal: notExposed('Gate grants transfers through the wallet permission without a breakdown'),
    subAccount: notExposed('Gate grants transfers through the wallet permission without a breakdown'),
    universal: notExposed('Gate grants transfers through the wallet permission without a breakdown'),
  };

  const withdrawPerms = key.perms?.filter((p) => p.name.toLowerCase().startsWith('withdraw')) ?? [];
  const withdrawRw = withdrawPerms.find((p) => p.read_only === false);
  if (withdrawRw !== undefined) facts.canWithdraw = known(true, `perms[${withdrawRw.name}].read_only=false`);
  else if (withdrawPerms.length > 0 && withdrawPerms.every((p) => p.read_only === true)) facts.canWithdraw = known(false, `perms[${withdrawPerms.map((p) => p.name).join('|')}]`);
  else facts.canWithdraw = unknownTri('mapping-unverified', 'Gate documents no withdraw permission in main_keys perms', 'perms');
  facts.readOnly = deriveReadOnly(facts);

  // Prefer the calling key's own whitelist (detail); the listed one must agree when detail lacks it.
  if (facts.ipRestricted.value === 'unknown') {
    const listed = ipFacts(key.ip_whitelist, 'main_keys.ip_whitelist');
    facts.ipRestricted = listed.ipRestricted;
    facts.ipAllowlist = listed.ipAllowlist;
  }
  facts.createdAt = parseDate(key.created_at, 'created_at');
  facts.expiresAt = { value: 'unknown', source: null, reason: 'not-exposed' };
  facts.lastUsedAt = parseDate(key.last_access, 'last_access');
  if (key.state === 2 || key.state === 3) {
    facts.policyNotes.push({
      id: 'gate-key-state',
      text: `Gate reports this API key as ${key.state === 2 ? 'locked' : 'frozen'}.`,
      source: 'https://www.gate.com/docs/developers/apiv4/en/#query-all-main-account-key-information',
    });
  }
  return facts;
}

const adapter: ExchangeAdapter = {
  id: 'gate',
  displayName: 'Gate',
  coverage: 'partial',
  supports: ['transfer', 'trade', 'ipList', 'created', 'lastUsed'],
  endpoints: ENDPOINTS,
  needs: ['secret'],
  requiredPermission: 'any read permission (main-account key for the permission list)',
  docsUrl: 'https://www.gate.com/docs/developers/apiv4/en/#query-all-main-account-key-information',
  async fetchRaw(credentials, deps): Promise<GateRaw> {
    const ex = await createCcxtExchange('gate', credentials, deps, ENDPOINTS);
    const detail = await callWithRetry(() => callImplicit(ex, 'privateAccountGetDetail'), deps, ex);
    try {
      const mainKeys = await callWithRetry(() => callImplicit(ex, 'privateAccountGetMainKeys'), deps, ex);
      return { detail, mainKeys };
    } catch (error) {
      return { detail, mainKeysError: classifyError(error, [credentials.apiKey, credentials.secret ?? '']) };
    }
  },
  toFacts,
};

export default adapter;
