/**
 * The I/O half of an adapter against nock: real CCXT signing (recomputed by the interceptor from
 * the test secret), the shared guarded client, and the same fetchRaw → toFacts / classifyError
 * path the audit takes. Shared by the per-exchange `*.fetch.test.ts` files.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { allUnknown, type KeyFacts } from '../../src/core/key-facts.js';
import { createCcxtExchange } from '../../src/exchanges/ccxt-client.js';
import { classifyError } from '../../src/exchanges/errors.js';
import { GuardError } from '../../src/exchanges/guard.js';
import type { ExchangeAdapter, FetchDeps } from '../../src/exchanges/types.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { expectFact, loadCases } from './adapter-cases.js';
import { writeConfig } from './harness.js';
import { fakeCredentials, mockRoute, type AdapterExchange, type Mock, type Reply, type TestCredentials } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

export const NOW = new Date('2026-01-15T00:00:00.000Z');

export function deps(extra: Partial<FetchDeps> = {}): FetchDeps {
  return { timeoutMs: 3000, retries: 0, now: () => NOW, sleep: () => Promise.resolve(), ...extra };
}

/** What the audit does with one account: fetchRaw, then toFacts, or the classified failure. */
export async function fetchFacts(adapter: ExchangeAdapter, creds: TestCredentials, d: FetchDeps = deps()): Promise<{ facts: KeyFacts; raw: unknown }> {
  const secrets = [creds.apiKey, creds.secret, creds.password, creds.privateKey].filter((s): s is string => s !== undefined);
  let raw: unknown;
  try {
    raw = await adapter.fetchRaw(creds, d);
  } catch (error) {
    const { reason, detail } = classifyError(error, secrets);
    return { facts: allUnknown(adapter.id, 'failed', NOW.toISOString(), reason, detail), raw: undefined };
  }
  return { facts: adapter.toFacts(raw, { fetchedAt: NOW.toISOString(), apiKey: creds.apiKey }), raw };
}

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** The documented success answer for these credentials. */
  ok: (creds: TestCredentials) => unknown;
}

export interface FetchSpec {
  exchange: AdapterExchange;
  adapter: ExchangeAdapter;
  /** Called in order; the first one also gets the fault replies. */
  routes: Route[];
  /** Facts the documented success answer must give. */
  okExpect: Record<string, unknown>;
  /** The exchange's documented authentication error (status + body). */
  authError: { status: number; body: unknown };
  /** Trading/funds calls to try on the adapter's guarded CCXT object (guard test). */
  forbidden: { method: string; args: unknown[] }[];
}

function mockAll(spec: FetchSpec, creds: TestCredentials, first: Reply[] | null): Mock[] {
  return spec.routes.map((r, i) => mockRoute(spec.exchange, r.method, r.path, creds, i === 0 && first !== null ? first : [{ status: 200, body: r.ok(creds) }], spec.authError));
}

function leaked(text: string, creds: TestCredentials): string[] {
  return [creds.secret, creds.password, creds.privateKey, creds.apiKey].filter((s): s is string => s !== undefined && s.length > 0 && text.includes(s));
}

export function describeFetch(spec: FetchSpec): void {
  describe(`${spec.exchange} fetchRaw (nock, recomputed signatures)`, () => {
    refuseRealNetwork();

    it('signs every call correctly and reads the documented answer', async () => {
      const creds = fakeCredentials(spec.exchange);
      const mocks = mockAll(spec, creds, null);
      const { facts } = await fetchFacts(spec.adapter, creds);
      for (const m of mocks) {
        expect(m.problems).toEqual([]);
        expect(m.scope.isDone()).toBe(true);
      }
      for (const [path, want] of Object.entries(spec.okExpect)) expectFact(facts, path, want);
    });

    it('a request signed with another secret is refused by the recomputing matcher (auth-failed)', async () => {
      const creds = fakeCredentials(spec.exchange);
      const other = fakeCredentials(spec.exchange, 'other');
      const wrong: TestCredentials = { ...creds, ...(other.secret === undefined ? {} : { secret: other.secret }), ...(other.privateKey === undefined ? {} : { privateKey: other.privateKey }) };
      const mocks = mockAll(spec, creds, null);
      const { facts } = await fetchFacts(spec.adapter, wrong);
      expect(mocks[0]?.problems.length).toBe(1);
      expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'auth-failed' });
    });

    it("the exchange's authentication error → every fact unknown auth-failed, nothing secret in the detail", async () => {
      const creds = fakeCredentials(spec.exchange);
      mockAll(spec, creds, [spec.authError]);
      const { facts } = await fetchFacts(spec.adapter, creds);
      expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'auth-failed' });
      expect(facts.canTransfer.any.reason).toBe('auth-failed');
      expect(leaked(JSON.stringify(facts), creds)).toEqual([]);
    });

    it('an HTML page with status 200 → bad-response', async () => {
      const creds = fakeCredentials(spec.exchange);
      mockAll(spec, creds, [{ status: 200, body: '<html><body>maintenance</body></html>' }]);
      const { facts } = await fetchFacts(spec.adapter, creds);
      expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'bad-response' });
      expect(facts.ipRestricted.value).toBe('unknown');
    });

    it('an empty 200 body → bad-response', async () => {
      const creds = fakeCredentials(spec.exchange);
      mockAll(spec, creds, [{ status: 200, body: '' }]);
      const { facts } = await fetchFacts(spec.adapter, creds);
      expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'bad-response' });
    });

    it('429 then success: retried (Retry-After honoured) and read', async () => {
      const creds = fakeCredentials(spec.exchange);
      const first = spec.routes[0];
      if (first === undefined) throw new Error('no route');
      const slept: number[] = [];
      const mocks = mockAll(spec, creds, [{ status: 429, body: 'Too Many Requests', headers: { 'retry-after': '1' } }, { status: 200, body: first.ok(creds) }]);
      const { facts } = await fetchFacts(spec.adapter, creds, deps({ retries: 2, sleep: (ms) => (slept.push(ms), Promise.resolve()) }));
      expect(mocks.every((m) => m.scope.isDone())).toBe(true);
      expect(slept).toEqual([1000]);
      for (const [path, want] of Object.entries(spec.okExpect)) expectFact(facts, path, want);
    });

    it('repeated 503 → exchange-unavailable after the configured retries', async () => {
      const creds = fakeCredentials(spec.exchange);
      const mocks = mockAll(spec, creds, [
        { status: 503, body: 'Service Unavailable' },
        { status: 503, body: 'Service Unavailable' },
      ]);
      const { facts } = await fetchFacts(spec.adapter, creds, deps({ retries: 1 }));
      expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'exchange-unavailable' });
      expect(mocks[0]?.scope.isDone()).toBe(true);
    });

    it('a connection reset → network-error after the configured retries', async () => {
      const creds = fakeCredentials(spec.exchange);
      const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      const mocks = mockAll(spec, creds, [{ error: reset }, { error: reset }]);
      const { facts } = await fetchFacts(spec.adapter, creds, deps({ retries: 1 }));
      expect(facts.canWithdraw.value).toBe('unknown');
      expect(facts.canWithdraw.reason).toBe('network-error');
      expect(mocks[0]?.scope.isDone()).toBe(true);
    });

    it('guard: trading, withdrawal and transfer calls on the audited object never reach the network', async () => {
      const creds = fakeCredentials(spec.exchange);
      const ex = (await createCcxtExchange(spec.exchange, creds, deps(), spec.adapter.endpoints)) as unknown as Record<string, unknown>;
      // CCXT's throttle would only delay the refusals (Bitfinex withdraw costs seconds); it is not under test.
      ex.enableRateLimit = false;
      let sockets = 0;
      const count = (): void => {
        sockets += 1;
      };
      nock.emitter.on('no match', count);
      try {
        for (const f of spec.forbidden) {
          const fn = ex[f.method] as (...a: unknown[]) => Promise<unknown>;
          expect(typeof fn, f.method).toBe('function');
          const error = await fn.apply(ex, f.args).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error, f.method).toBeInstanceOf(GuardError);
        }
      } finally {
        nock.emitter.removeListener('no match', count);
      }
      expect(sockets).toBe(0);
    });
  });
}

/** A fixture case's raw answer, with the calling key substituted (see adapter-cases.ts). */
export function fixtureRaw(exchange: AdapterExchange, name: string, creds: TestCredentials, secret = 'unused-in-this-answer'): Record<string, unknown> {
  const found = loadCases(exchange, { key: creds.apiKey, secret }).find((c) => c.name === name);
  if (found === undefined) throw new Error(`no fixture ${exchange}/${name}`);
  return found.raw as Record<string, unknown>;
}

export interface AuditedAccount {
  name: string;
  status: string;
  permissions: Record<string, unknown>;
  ipWhitelist: unknown;
  ageDays: number | null;
  expiresAt: string | null;
  unknown?: Record<string, string>;
  findings: { ruleId: string; severity: string; message: string; line: number | null; file: string | null }[];
}

/**
 * One account audited end to end through the real CLI (`scan --no-secrets --format json`): config
 * file, credentials from named environment variables, nock answering with recomputed signatures.
 */
/** One route the CLI audit mocks: method, exact path and the answer. */
export interface CliRoute {
  method: 'GET' | 'POST';
  path: string;
  status?: number;
  body: unknown;
}

export async function auditCli(
  exchange: AdapterExchange,
  creds: TestCredentials,
  routes: CliRoute[],
  opts: { expectedIps?: string[]; needs?: string[]; args?: string[]; authError?: { status: number; body: unknown } } = {},
): Promise<{ code: number; stdout: string; stderr: string; account: AuditedAccount; rules: string[]; mocks: Mock[] }> {
  const mocks = routes.map((r) => mockRoute(exchange, r.method, r.path, creds, [{ status: r.status ?? 200, body: r.body }], opts.authError));
  const dir = tempDir();
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const field of ['apiKey', 'secret', 'password', 'privateKey'] as const) {
    const value = creds[field];
    if (value === undefined) continue;
    names[field] = `${exchange.toUpperCase()}_${field.toUpperCase()}`;
    values[names[field]] = value;
  }
  writeConfig(dir, [{ name: `${exchange}-main`, exchange, env: names, ...(opts.expectedIps === undefined ? {} : { expectedIps: opts.expectedIps }), ...(opts.needs === undefined ? {} : { needs: opts.needs }) }]);
  const result = await runCli(['scan', '--no-secrets', '--format', 'json', ...(opts.args ?? [])], { cwd: dir, env: values });
  const report = JSON.parse(result.stdout) as { accounts: AuditedAccount[] };
  const account = report.accounts[0] as AuditedAccount;
  // No credential value anywhere in what the user sees.
  expect(leaked(result.stdout + result.stderr, creds)).toEqual([]);
  return { code: result.code, stdout: result.stdout, stderr: result.stderr, account, rules: account.findings.map((f) => `${f.ruleId}:${f.severity}`), mocks };
}

export const DAY_MS = 86_400_000;

/**
 * The two fault cases every partial adapter shares, end to end through the CLI: an HTML page with
 * status 200, and the exchange's own authentication error. Both must end unknown, exit 1, with no
 * stack trace.
 */
export function itHandlesCommonFaults(
  exchange: AdapterExchange,
  routes: (c: TestCredentials, fixture: string) => CliRoute[],
  okFixture: string,
  authFailure: { status: number; body: unknown },
): void {
  it('an HTML page with status 200 → unknown bad-response, exit 1', async () => {
    const creds = fakeCredentials(exchange);
    const first = routes(creds, okFixture)[0];
    if (first === undefined) throw new Error('no route');
    const { account, code } = await auditCli(exchange, creds, [{ ...first, body: '<html><body>502</body></html>' }]);
    expect(account.unknown?.withdraw).toMatch(/HTML instead of JSON/);
    expect(code).toBe(1);
  });

  it("the exchange's authentication error → unknown auth-failed, exit 1, no stack trace", async () => {
    const creds = fakeCredentials(exchange);
    const first = routes(creds, okFixture)[0];
    if (first === undefined) throw new Error('no route');
    const { account, code, stderr } = await auditCli(exchange, creds, [{ ...first, status: authFailure.status, body: authFailure.body }], { authError: authFailure });
    expect(account.unknown?.withdraw).toMatch(/authentication failed/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(1);
  });
}

/**
 * The CLI audit harness of one exchange's end-to-end test file: nock refuses real connections around
 * each test, and `audit(fixture, args)` runs the CLI against the documented answer, asserting every
 * mock saw a correctly signed request.
 */
export function cliAuditHarness(
  exchange: AdapterExchange,
  routes: (c: TestCredentials, fixture: string) => CliRoute[],
  authFailure: { status: number; body: unknown },
): (fixture: string, args?: string[]) => ReturnType<typeof auditCli> {
  refuseRealNetwork();
  return async (fixture, args = []) => {
    const creds = fakeCredentials(exchange);
    const out = await auditCli(exchange, creds, routes(creds, fixture), { authError: authFailure, args });
    for (const m of out.mocks) expect(m.problems).toEqual([]);
    return out;
  };
}
