/**
 * Key audit entry point, loaded lazily by `scan` only when accounts are configured (it pulls in
 * CCXT). For every account: credentials (env or store) -> adapter.fetchRaw (guarded, retried) ->
 * adapter.toFacts -> key rules -> AccountReport. Accounts run concurrently, at most
 * `audit.concurrencyPerExchange` at a time per exchange. Anything that cannot be verified ends as
 * unknown facts with a reason, which the permissions-unverified rule turns into a failing finding
 * (fail closed) unless --allow-unknown.
 */
import { PassThrough } from 'node:stream';
import { keyRules } from '../../rules/keys/index.js';
import type { AccountConfig } from '../config/schema.js';
import type { ResolvedConfig } from '../config/resolve.js';
import type { KeyRule } from '../core/define-rule.js';
import { ConfigError, type ConfigProblem } from '../core/errors.js';
import { allUnknown, type KeyFacts, type Reason } from '../core/key-facts.js';
import { redactText } from '../core/mask.js';
import type { AccountReport } from '../core/types.js';
import type { Writer } from '../cli/io.js';
import { ccxtExchangeIds } from '../exchanges/ccxt-client.js';
import { classifyError } from '../exchanges/errors.js';
import { CLOSED_EXCHANGES, getAdapter } from '../exchanges/registry.js';
import type { Credentials, ExchangeAdapter, FetchDeps } from '../exchanges/types.js';
import { createEnvCredentialProvider, type CredentialProvider, type CredentialResult } from './credentials.js';
import { runKeyRules } from './engine.js';
import { toAccountReport } from './report.js';

export interface AuditOptions {
  config: ResolvedConfig;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  allowUnknown: boolean;
  /** Terminal for the store's passphrase prompt; without it the store can only use KEYAUDIT_PASSPHRASE. */
  io?: { stdin: NodeJS.ReadableStream; stderr: Writer; isTTY: { stdin: boolean; stderr: boolean } };
  /** Replaces the store provider (tests, library users). */
  storeProvider?: CredentialProvider;
  /** Shortens retry backoff in tests. */
  sleep?: (ms: number) => Promise<void>;
  /** Called as each account finishes (progress). */
  onAccount?: (report: AccountReport) => void;
}

export async function auditAccounts(options: AuditOptions): Promise<AccountReport[]> {
  const { config } = options;
  await validateExchanges(config);
  const envProvider = createEnvCredentialProvider(options.env);
  let store: Promise<CredentialProvider> | undefined;
  const storeProvider = (): Promise<CredentialProvider> => {
    store ??= options.storeProvider !== undefined ? Promise.resolve(options.storeProvider) : loadStoreProvider(options);
    return store;
  };
  const limit = new Map<string, Limiter>();
  const limiter = (exchange: string): Limiter => {
    let l = limit.get(exchange);
    if (l === undefined) limit.set(exchange, (l = createLimiter(config.audit.concurrencyPerExchange)));
    return l;
  };
  return Promise.all(
    config.accounts.map((account) =>
      limiter(account.exchange)(async () => {
        const report = await auditOne(account, options, account.credentials?.env !== undefined ? envProvider : await storeProvider());
        options.onAccount?.(report);
        return report;
      }),
    ),
  );
}

async function loadStoreProvider(options: AuditOptions): Promise<CredentialProvider> {
  const { createStoreCredentialProvider } = await import('../store/provider.js');
  const io = options.io ?? { stdin: emptyStdin(), stderr: { write: () => true }, isTTY: { stdin: false, stderr: false } };
  return createStoreCredentialProvider({ env: options.env, stdin: io.stdin, stderr: io.stderr, isTTY: io.isTTY });
}

function emptyStdin(): NodeJS.ReadableStream {
  const s = new PassThrough();
  s.end();
  return s;
}

/** Ids CCXT does not know are a config error naming the file and `accounts[i].exchange`. */
async function validateExchanges(config: ResolvedConfig): Promise<void> {
  const problems: ConfigProblem[] = [];
  let ids: ReadonlySet<string> | undefined;
  for (const [i, account] of config.accounts.entries()) {
    if (getAdapter(account.exchange) !== undefined || account.exchange in CLOSED_EXCHANGES) continue;
    ids ??= new Set(await ccxtExchangeIds());
    if (ids.has(account.exchange)) continue;
    const near = [...ids].filter((id) => id.startsWith(account.exchange.slice(0, 3))).slice(0, 3);
    problems.push({
      path: `accounts[${i}].exchange`,
      message: `unknown exchange "${account.exchange}": expected a CCXT exchange id${near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(', ')}?)` : ''}; \`keyaudit exchanges\` lists the supported ones`,
    });
  }
  if (problems.length > 0) throw new ConfigError(config.file ?? '(config)', problems);
}

async function auditOne(account: AccountConfig, options: AuditOptions, provider: CredentialProvider): Promise<AccountReport> {
  const { config, now } = options;
  const fetchedAt = now.toISOString();
  const adapter = getAdapter(account.exchange);
  let facts: KeyFacts;
  let secrets: string[] = [];
  let cred: CredentialResult | undefined;
  if (adapter === undefined) {
    const closed = CLOSED_EXCHANGES[account.exchange];
    facts =
      closed !== undefined
        ? allUnknown(account.exchange, '', fetchedAt, 'exchange-closed', `closed on ${closed}`)
        : allUnknown(account.exchange, '', fetchedAt, 'no-endpoint', `keyaudit has no safe key-introspection endpoint for ${account.exchange}`);
  } else if (adapter.endpoints.length === 0) {
    // Nothing can be asked (no-endpoint / closed): no credentials needed, no network.
    facts = adapter.toFacts(undefined, { fetchedAt, apiKey: '' });
  } else {
    cred = await provider.get(account);
    if (!cred.ok) facts = failed(adapter, fetchedAt, cred.reason, cred.detail);
    else {
      secrets = secretValues(cred.credentials);
      const missing = adapter.needs.filter((n) => n !== 'privateKey' && cred?.ok === true && cred.credentials[n] === undefined && !(n === 'secret' && cred.credentials.privateKey !== undefined));
      if (missing.length > 0) facts = failed(adapter, fetchedAt, 'credentials-missing', `${adapter.displayName} needs ${missing.join(', ')} besides the API key`);
      else facts = await fetchFacts(adapter, cred.credentials, account, options, fetchedAt, secrets);
    }
  }
  const findings = runKeyRules(facts, {
    rules: keyRules as readonly KeyRule[],
    settings: config.rules,
    account: {
      name: account.name,
      exchange: account.exchange,
      ...(account.expectedIps === undefined ? {} : { expectedIps: account.expectedIps }),
      ...(account.needs === undefined ? {} : { needs: account.needs }),
      storeAddedAt: cred?.ok === true ? (cred.storeAddedAt ?? null) : null,
      storeRotatedAt: cred?.ok === true ? (cred.storeRotatedAt ?? null) : null,
    },
    now,
    allowUnknown: options.allowUnknown,
    file: config.file,
    line: config.accountLines[account.name] ?? null,
    secrets,
  });
  return redactDeep(toAccountReport(account.name, facts, findings, now), secrets);
}

function failed(adapter: ExchangeAdapter, fetchedAt: string, reason: Reason, detail: string): KeyFacts {
  return allUnknown(adapter.id, endpointOf(adapter), fetchedAt, reason, detail);
}

function endpointOf(adapter: ExchangeAdapter): string {
  return adapter.endpoints
    .filter((e) => e.purpose === 'introspection')
    .map((e) => `${e.method} ${e.path}`)
    .join(', ');
}

async function fetchFacts(adapter: ExchangeAdapter, credentials: Credentials, account: AccountConfig, options: AuditOptions, fetchedAt: string, secrets: string[]): Promise<KeyFacts> {
  const deps: FetchDeps = {
    timeoutMs: options.config.audit.timeoutMs,
    retries: options.config.audit.retries,
    now: () => options.now,
    ...(account.baseUrl === undefined ? {} : { baseUrl: account.baseUrl }),
    ...(account.sandbox === undefined ? {} : { sandbox: account.sandbox }),
    ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
  };
  let raw: unknown;
  try {
    raw = await adapter.fetchRaw(credentials, deps);
  } catch (error) {
    const { reason, detail } = classifyError(error, secrets);
    return failed(adapter, fetchedAt, reason, detail);
  }
  try {
    return adapter.toFacts(raw, { fetchedAt, apiKey: credentials.apiKey });
  } catch (error) {
    // A toFacts bug must not crash the run or pass the key: the answer counts as unusable.
    return failed(adapter, fetchedAt, 'bad-response', classifyError(error, secrets).detail);
  }
}

function secretValues(c: Credentials): string[] {
  // uid is an account number, not a secret (and short digits would mangle dates if redacted).
  return [c.apiKey, c.secret, c.password, c.privateKey].filter((v): v is string => typeof v === 'string' && v.length >= 4);
}

/** Last line of defence: no credential value survives in any string of the report. */
function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

function createLimiter(max: number): Limiter {
  let active = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    // A finishing task hands its slot straight to the next waiter, so `active` never exceeds max.
    if (active >= max) await new Promise<void>((resolve) => queue.push(resolve));
    else active += 1;
    try {
      return await task();
    } finally {
      const next = queue.shift();
      if (next === undefined) active -= 1;
      else next();
    }
  };
}
