/**
 * The one way adapters get a CCXT exchange object (../../shared/spec/exchanges.md §6, §7): CCXT is
 * imported lazily (it costs a few hundred ms and is needed only when an audit runs), `baseUrl` and
 * `sandbox` are applied, and the request guard is installed on BOTH `ex.fetch` and
 * `ex.fetchImplementation`, so no request outside the adapter's allowlist ever opens a socket.
 * `verbose` is never set: it prints keys, passphrases and JWTs.
 */
import type { Exchange } from 'ccxt';
import { SandboxUnsupportedError, classifyError } from './errors.js';
import { createGuard } from './guard.js';
import type { Credentials, Endpoint, FetchDeps } from './types.js';

export type CcxtExchange = Exchange;

/** Exchanges whose official sandbox serves the introspection endpoint (exchanges.md §3, §6). */
export const SANDBOX_EXCHANGES: ReadonlySet<string> = new Set(['okx', 'bybit', 'gate', 'gemini', 'deribit']);

/** Largest response body read; an introspection answer is a few KB. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** The parts of the CCXT module keyaudit uses: exchange classes by id, and the id list. */
type CcxtModule = Record<string, unknown> & { exchanges: string[] };
let ccxtModule: Promise<CcxtModule> | undefined;

/** Lazily loaded CCXT module (loaded once per process). */
export function loadCcxt(): Promise<CcxtModule> {
  ccxtModule ??= import('ccxt').then((m) => ((m as unknown as { default?: CcxtModule }).default ?? (m as unknown as CcxtModule)));
  return ccxtModule;
}

/** CCXT ids this CCXT version knows (config validation). */
export async function ccxtExchangeIds(): Promise<readonly string[]> {
  return (await loadCcxt()).exchanges;
}

export async function createCcxtExchange(id: string, credentials: Credentials, deps: FetchDeps, endpoints: readonly Endpoint[]): Promise<CcxtExchange> {
  if (deps.sandbox === true && !SANDBOX_EXCHANGES.has(id)) throw new SandboxUnsupportedError(id);
  const ccxt = await loadCcxt();
  const Ctor = ccxt[id];
  if (typeof Ctor !== 'function') throw new Error(`ccxt has no exchange "${id}"`);
  const config: Record<string, unknown> = { apiKey: credentials.apiKey, enableRateLimit: true, timeout: deps.timeoutMs, verbose: false };
  // CCXT takes a PEM private key (Coinbase CDP, Binance Ed25519/RSA) as `secret`.
  const secret = credentials.secret ?? credentials.privateKey;
  if (secret !== undefined) config.secret = secret;
  if (credentials.password !== undefined) config.password = credentials.password;
  if (credentials.uid !== undefined) config.uid = credentials.uid;
  const ex = new (Ctor as new (c: Record<string, unknown>) => CcxtExchange)(config);
  if (deps.sandbox === true) ex.setSandboxMode(true);

  let prefix = '';
  if (deps.baseUrl !== undefined) {
    const base = new URL(deps.baseUrl);
    const root = `${base.protocol}//${base.host}${base.pathname.replace(/\/+$/, '')}`;
    prefix = base.pathname.replace(/\/+$/, '');
    ex.urls.api = rewriteUrls(ex.urls.api, root) as typeof ex.urls.api;
    // HTX signs `ex.hostname` and others template it: point it at the double too.
    if (typeof (ex as { hostname?: unknown }).hostname === 'string') (ex as { hostname?: string }).hostname = base.host;
  }
  installGuard(ex, id, endpoints, prefix, deps);
  return ex;
}

/** Rewrites scheme + host (incl. `{hostname}` templates) of every string, recursively. */
export function rewriteUrls(value: unknown, root: string): unknown {
  if (typeof value === 'string') return /^(https?|wss?):\/\//i.test(value) ? value.replace(/^[a-z]+:\/\/[^/]+/i, root) : value;
  if (Array.isArray(value)) return value.map((v) => rewriteUrls(v, root));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteUrls(v, root)]));
  }
  return value;
}

type FetchFn = (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;

function installGuard(ex: CcxtExchange, id: string, endpoints: readonly Endpoint[], prefix: string, deps: FetchDeps): void {
  const guard = createGuard(id, endpoints, prefix);
  const target = ex as unknown as { fetch: FetchFn; fetchImplementation: unknown };
  const original = target.fetch.bind(ex) as FetchFn;
  // Layer 1: every implicit method goes through ex.fetch.
  target.fetch = async (url, method = 'GET', headers, body) => {
    guard.check(method, url);
    return original(url, method, headers, body);
  };
  // Layer 2: the socket-level implementation, also guarded, never following redirects and capping
  // the body. Setting it makes CCXT use global fetch (which nock sees) instead of undici directly.
  target.fetchImplementation = async (url: string, params: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => {
    const method = params.method ?? 'GET';
    guard.check(method, url);
    const init: RequestInit = { method, redirect: 'error' };
    if (params.headers !== undefined) init.headers = params.headers;
    if (params.body !== undefined) init.body = params.body;
    init.signal = params.signal ?? AbortSignal.timeout(deps.timeoutMs);
    const response = await fetch(url, init);
    return capBody(response, MAX_RESPONSE_BYTES);
  };
}

/** Reads at most `limit` bytes; a longer body is cut, which JSON parsing then reports as a bad response. */
async function capBody(response: Response, limit: number): Promise<Response> {
  if (response.body === null) return response;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      break;
    }
    chunks.push(value);
  }
  const body = Buffer.concat(chunks);
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  const nullBody = response.status === 204 || response.status === 205 || response.status === 304;
  return new Response(nullBody ? null : body, { status: response.status, statusText: response.statusText, headers });
}

/** Calls a CCXT implicit API method by name (`ex.sapiGetAccountApiRestrictions(params)`). */
export async function callImplicit(ex: CcxtExchange, method: string, params: Record<string, unknown> = {}): Promise<unknown> {
  const fn = (ex as unknown as Record<string, unknown>)[method];
  if (typeof fn !== 'function') throw new Error(`ccxt ${ex.id} has no method ${method}`);
  return (fn as (p: Record<string, unknown>) => Promise<unknown>).call(ex, params);
}

const RETRYABLE = new Set(['rate-limited', 'exchange-unavailable', 'timeout', 'network-error']);
const MAX_RETRY_AFTER_MS = 30_000;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` with at most `deps.retries` retries (exponential backoff, honouring Retry-After) for
 * rate limits, unavailability, timeouts and network errors; never for authentication. On clock skew
 * it syncs the clock once through the exchange's public time endpoint (`ex.loadTimeDifference()`)
 * and retries once.
 */
export async function callWithRetry<T>(fn: () => Promise<T>, deps: FetchDeps, ex?: CcxtExchange): Promise<T> {
  const sleep = deps.sleep ?? defaultSleep;
  let retries = 0;
  let clockSynced = false;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      const { reason } = classifyError(error, []);
      if (reason === 'clock-skew' && ex !== undefined && !clockSynced) {
        clockSynced = true;
        await ex.loadTimeDifference();
        // CCXT only applies the offset when asked to.
        (ex.options as Record<string, unknown>).adjustForTimeDifference = true;
        continue;
      }
      if (!RETRYABLE.has(reason) || retries >= deps.retries) throw error;
      retries += 1;
      await sleep(backoffMs(retries, ex));
    }
  }
}

function backoffMs(attempt: number, ex: CcxtExchange | undefined): number {
  const headers = (ex as { last_response_headers?: Record<string, string> } | undefined)?.last_response_headers;
  const retryAfter = headers === undefined ? undefined : Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.min(Math.max(0, at - Date.now()), MAX_RETRY_AFTER_MS);
  }
  return 250 * 2 ** (attempt - 1) + Math.floor(Math.random() * 100);
}
