/**
 * The request guard (../../shared/spec/exchanges.md §7): every request an adapter makes, through CCXT
 * or raw, passes `check(method, url)` before a socket opens. The deny-list is checked first and wins;
 * then the method + exact path must be one the adapter declared. Anything else throws GuardError and
 * is never sent.
 */
import type { Endpoint } from './types.js';

export type GuardCategory = 'trade' | 'withdraw' | 'transfer' | 'key-management' | 'unknown-write' | 'not-allowlisted';

/** A request the guard refused. The message names method and path only (never query or body). */
export class GuardError extends Error {
  readonly reason = 'blocked-by-guard' as const;
  constructor(
    readonly adapterId: string,
    readonly category: GuardCategory,
    readonly method: string,
    readonly path: string,
  ) {
    super(`request guard refused ${method} ${path} for ${adapterId} (${category})`);
    this.name = 'GuardError';
  }
}

export interface Guard {
  /** Throws GuardError unless the request is an allowlisted read. */
  check(method: string, url: string): void;
}

/**
 * Deny rules, case-insensitive over the path, any method. Order matters only for the category
 * reported: key management first (Binance's `apiRestrictions/ipRestriction` also contains no
 * other word), then withdraw, transfer and trade (exchanges.md §7).
 */
const DENY: readonly { category: Exclude<GuardCategory, 'unknown-write' | 'not-allowlisted'>; test: (path: string) => boolean }[] = [
  {
    category: 'key-management',
    test: (p) =>
      /\/api\/v3\/apikeyinfo/.test(p) || // MEXC: POST rewrites the IP whitelist, GET undocumented
      /\/api\/v3\/sub-account\/apikey/.test(p) || // MEXC
      /\/sapi\/v1\/account\/apirestrictions\/iprestriction/.test(p) || // Binance (discontinued 2021-11-17)
      /\/v5\/user\/(update-|delete-|create-sub-)/.test(p) || // Bybit
      /\/api\/v5\/users\/subaccount\//.test(p) || // OKX
      /\/api\/v1\/sub\/api-key/.test(p) || // KuCoin
      /\/v2\/sub-user\/api-key-/.test(p) || // HTX
      /createsubaccount/.test(p) || // Kraken
      (/api_key/.test(p) && !/\/list_api_keys$/.test(p)) || // Deribit
      /revoke_all_api_keys/.test(p) || // Bitstamp
      /\/v2\/auth\/w\//.test(p), // Bitfinex writes
  },
  { category: 'withdraw', test: (p) => p.includes('withdraw') },
  { category: 'transfer', test: (p) => p.includes('transfer') || p.includes('portfolios/move_funds') },
  {
    category: 'trade',
    test: (p) =>
      p.includes('order') ||
      p.includes('/api/v5/trade/') ||
      /cancelall/.test(p) ||
      /\/private\/(buy|sell|edit|cancel[a-z_]*|close_position)$/.test(p), // Deribit
  },
];

/** Path of a URL, tolerant of CCXT's trailing empty `?` (Bybit) and of relative inputs. */
export function requestPath(url: string): string {
  let path: string;
  try {
    path = new URL(url, 'http://invalid.local').pathname;
  } catch {
    path = url.split(/[?#]/)[0] ?? url;
  }
  // Decode percent-encoding so `%77ithdraw` cannot slip past the deny-list; the allowlist then
  // compares the exact (decoded) path, so `/sapi//v1/...` is not the allowlisted `/sapi/v1/...`.
  try {
    path = decodeURIComponent(path);
  } catch {
    /* keep as is: an undecodable path simply will not match the allowlist */
  }
  return path;
}

/** Deny-list category of a path, or null. Exported for tests and the `exchanges` command. */
export function deniedCategory(path: string): GuardCategory | null {
  // Duplicate slashes must not hide a denied word from the patterns.
  const lower = path.toLowerCase().replace(/\/{2,}/g, '/');
  for (const rule of DENY) if (rule.test(lower)) return rule.category;
  return null;
}

/**
 * @param adapterId the adapter (CCXT id) the guard protects, for messages
 * @param endpoints the adapter's declared endpoints: the only requests that may be sent
 * @param pathPrefix a path prefix of a configured `baseUrl` (e.g. `/proxy`) stripped before matching
 */
export function createGuard(adapterId: string, endpoints: readonly Endpoint[], pathPrefix = ''): Guard {
  const allowed = new Set(endpoints.map((e) => `${e.method} ${e.path}`));
  const prefix = pathPrefix.replace(/\/+$/, '');
  return {
    check(method: string, url: string): void {
      const verb = method.toUpperCase();
      let path = requestPath(url);
      if (prefix !== '' && (path === prefix || path.startsWith(`${prefix}/`))) path = path.slice(prefix.length) || '/';
      const denied = deniedCategory(path);
      if (denied !== null) throw new GuardError(adapterId, denied, verb, path);
      if (allowed.has(`${verb} ${path}`)) return;
      throw new GuardError(adapterId, verb === 'GET' || verb === 'HEAD' ? 'not-allowlisted' : 'unknown-write', verb, path);
    },
  };
}
