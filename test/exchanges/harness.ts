/**
 * Shared test harness for the Binance, OKX, Bybit and Kraken adapters: documented fixtures, nock
 * interceptors whose replies first recompute the request signature, and config files for the CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nock from 'nock';
import type { Credentials } from '../../src/exchanges/types.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { signatureProblem, type SeenRequest, type SignedExchange } from './signing.js';

export const EXCHANGES: readonly SignedExchange[] = ['binance', 'okx', 'bybit', 'kraken'];

/** Production REST origin and introspection endpoint per exchange (what CCXT calls without baseUrl). */
export const ORIGIN: Record<SignedExchange, string> = {
  binance: 'https://api.binance.com',
  okx: 'https://www.okx.com',
  bybit: 'https://api.bybit.com',
  kraken: 'https://api.kraken.com',
};
export const ENDPOINT: Record<SignedExchange, { method: 'GET' | 'POST'; path: string }> = {
  binance: { method: 'GET', path: '/sapi/v1/account/apiRestrictions' },
  okx: { method: 'GET', path: '/api/v5/account/config' },
  bybit: { method: 'GET', path: '/v5/user/query-api' },
  kraken: { method: 'POST', path: '/0/private/GetApiKeyInfo' },
};

const DAY = 86_400_000;

/** Placeholders fixtures may use; dates are relative to `now` so ages stay meaningful. */
export interface FixtureVars {
  now: Date;
  apiKey: string;
  createdDaysAgo?: number;
  expiresInDays?: number;
}

/** A fixture's documented response with placeholders filled. */
export function fixture(exchange: SignedExchange, name: string, vars: FixtureVars): Record<string, unknown> {
  const file = path.join(REPO_ROOT, 'fixtures', 'exchanges', exchange, `${name}.json`);
  const created = new Date(vars.now.getTime() - (vars.createdDaysAgo ?? 10) * DAY);
  const expires = new Date(vars.now.getTime() + (vars.expiresInDays ?? 60) * DAY);
  const text = readFileSync(file, 'utf8')
    .replaceAll('__API_KEY__', vars.apiKey)
    .replaceAll('__CREATED_AT__', created.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('"__CREATED_MS__"', String(created.getTime()))
    .replaceAll('__CREATED_S__', String(Math.floor(created.getTime() / 1000)))
    .replaceAll('__EXPIRES_AT__', expires.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('"__EXPIRES_MS__"', String(expires.getTime()))
    .replaceAll('__EXPIRES_S__', String(Math.floor(expires.getTime() / 1000)));
  return (JSON.parse(text) as { response: Record<string, unknown> }).response;
}

export type Reply = { status: number; body: unknown; headers?: Record<string, string> } | { error: NodeJS.ErrnoException } | { delayMs: number; status: number; body: unknown };

export interface Mock {
  /** Signature problems seen (must stay empty). */
  problems: string[];
  /** Requests that reached the interceptor. */
  requests: SeenRequest[];
  scope: nock.Scope;
}

/**
 * Intercepts the exchange's introspection endpoint once per reply, in order. Every request's
 * signature is recomputed from `creds`; a wrong one is answered 401 and recorded.
 */
export function mockIntrospection(exchange: SignedExchange, creds: Credentials, replies: Reply[]): Mock {
  const { method, path: p } = ENDPOINT[exchange];
  const mock: Mock = { problems: [], requests: [], scope: nock(ORIGIN[exchange]) };
  for (const reply of replies) {
    const interceptor = mock.scope.intercept(p, method).query(true);
    if ('error' in reply) {
      interceptor.replyWithError(reply.error);
      continue;
    }
    const handler = function (this: { req: { headers: Record<string, string> } }, uri: string, body: unknown): [number, string, Record<string, string>] {
      const seen: SeenRequest = { method, url: uri, headers: this.req.headers, body: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body) };
      mock.requests.push(seen);
      const problem = signatureProblem(exchange, seen, creds);
      if (problem !== null) {
        mock.problems.push(problem);
        return [401, JSON.stringify({ code: 401, msg: `bad signature: ${problem}` }), { 'content-type': 'application/json' }];
      }
      const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
      return [reply.status, text, { 'content-type': typeof reply.body === 'string' ? 'text/html' : 'application/json', ...('headers' in reply ? reply.headers : {}) }];
    };
    if ('delayMs' in reply) interceptor.delay(reply.delayMs).reply(handler);
    else interceptor.reply(handler);
  }
  return mock;
}

export interface AccountSpec {
  name: string;
  exchange: string;
  env: Record<string, string>;
  expectedIps?: string[];
  needs?: string[];
  baseUrl?: string;
  sandbox?: boolean;
}

/** Env var names for an account's credentials (names only go in the config). */
export function envNames(name: string, creds: Credentials): { names: Record<string, string>; values: Record<string, string> } {
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const field of ['apiKey', 'secret', 'password'] as const) {
    const value = creds[field];
    if (value === undefined) continue;
    const variable = `${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${field.toUpperCase()}`;
    names[field] = variable;
    values[variable] = value;
  }
  return { names, values };
}

/** Writes .keyauditrc.json (pretty, one key per line so account lines are findable). */
export function writeConfig(dir: string, accounts: AccountSpec[], extra: Record<string, unknown> = {}): string {
  const config = {
    accounts: accounts.map((a) => ({
      name: a.name,
      exchange: a.exchange,
      credentials: { env: a.env },
      ...(a.baseUrl === undefined ? {} : { baseUrl: a.baseUrl }),
      ...(a.sandbox === undefined ? {} : { sandbox: a.sandbox }),
      ...(a.expectedIps === undefined ? {} : { expectedIps: a.expectedIps }),
      ...(a.needs === undefined ? {} : { needs: a.needs }),
    })),
    ...extra,
  };
  const file = path.join(dir, '.keyauditrc.json');
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
