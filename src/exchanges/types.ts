/**
 * The tiny interface every exchange adapter implements (../../shared/STYLE.md "Exchange adapters"):
 * what it may call, how it fetches (all network I/O) and how it reads the answer (pure).
 */
import type { KeyFacts } from '../core/key-facts.js';

/** Credentials as CCXT names them. Held in memory only for the audit. */
export interface Credentials {
  apiKey: string;
  secret?: string;
  /** Passphrase (OKX, KuCoin, Bitget). */
  password?: string;
  uid?: string;
  /** PEM private key (Coinbase CDP); CCXT takes it as `secret`. */
  privateKey?: string;
}

/** One method + exact path the adapter may request. */
export interface Endpoint {
  method: 'GET' | 'POST';
  path: string;
  /** Why it is called: "introspection" (the key facts) or "clock" (server time for clock sync). */
  purpose: 'introspection' | 'clock';
}

export type FactName = 'withdraw' | 'transfer' | 'trade' | 'ipList' | 'created' | 'expiry' | 'lastUsed';

export type Coverage = 'full' | 'partial' | 'none';

/** Everything fetchRaw needs from the outside world, injected so tests control it. */
export interface FetchDeps {
  /** Replaces the exchange's REST host for every request. */
  baseUrl?: string;
  sandbox?: boolean;
  timeoutMs: number;
  retries: number;
  now: () => Date;
  /** Set by tests to shorten backoff. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ExchangeAdapter {
  /** CCXT id. */
  id: string;
  displayName: string;
  coverage: Coverage;
  /** Facts this exchange can truly report. */
  supports: readonly FactName[];
  /** The request guard's allowlist for this adapter. */
  endpoints: readonly Endpoint[];
  /** Credential fields the exchange needs besides apiKey. */
  needs: readonly ('secret' | 'password' | 'uid' | 'privateKey')[];
  /** Permission the key needs for its introspection call, in the exchange's words. */
  requiredPermission: string;
  /** Official documentation page of the introspection endpoint. */
  docsUrl: string;
  /** All network I/O; returns the raw parsed answer(s), secrets already dropped. */
  fetchRaw(credentials: Credentials, deps: FetchDeps): Promise<unknown>;
  /** Pure: raw answer -> facts. Unexpected shapes give unknown facts naming the field. */
  toFacts(raw: unknown, context: { fetchedAt: string; apiKey: string }): KeyFacts;
}
