/**
 * Table tests of an adapter's pure half from fixture folders:
 * fixtures/exchanges/<id>/<ok|ng>.<case>/case.json = { doc, note, raw, expect }.
 * `raw` is the answer as the documented page shows it; `$KEY` / `$KEY12` (the calling key, or its
 * first 12 chars) and `$SECRET` are replaced at run time by Fake values, so no real-looking secret is
 * committed. `expect` maps fact paths to `true`/`false`, `"unknown:<reason>"`, an ISO date, `"none"`,
 * an IP list, or (for `policyNotes`) the note ids.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import type { KeyFacts } from '../../src/core/key-facts.js';
import type { ExchangeAdapter } from '../../src/exchanges/types.js';

export interface AdapterCase {
  name: string;
  doc: string;
  note: string;
  raw: unknown;
  expect: Record<string, unknown>;
}

export const FETCHED_AT = '2026-01-15T00:00:00.000Z';

function substitute(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const [k, v] of Object.entries(vars).sort((a, b) => b[0].length - a[0].length)) out = out.split(k).join(v);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)]));
  return value;
}

export function loadCases(exchange: string, vars: { key: string; secret: string }): AdapterCase[] {
  const dir = join(import.meta.dirname, '../../fixtures/exchanges', exchange);
  return readdirSync(dir)
    .filter((d) => /^(ok|ng)\./.test(d))
    .sort()
    .map((name) => {
      const json = JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8')) as Omit<AdapterCase, 'name'>;
      const raw = substitute(json.raw, { $KEY12: vars.key.slice(0, 12), $KEY: vars.key, $SECRET: vars.secret });
      return { name, doc: json.doc, note: json.note, raw, expect: json.expect };
    });
}

function at(facts: KeyFacts, path: string): unknown {
  let cur: unknown = facts;
  for (const part of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[part];
  return cur;
}

/** Checks one expectation against the facts; a Tri/When is compared by its value (and reason). */
export function expectFact(facts: KeyFacts, path: string, want: unknown): void {
  if (path === 'policyNotes') {
    expect(facts.policyNotes.map((n) => n.id).sort(), path).toEqual([...(want as string[])].sort());
    return;
  }
  const got = at(facts, path);
  const fact = got !== null && typeof got === 'object' && 'value' in got ? (got as { value: unknown; reason?: string; source: string | null }) : null;
  if (typeof want === 'string' && want.startsWith('unknown:')) {
    expect(fact?.value, path).toBe('unknown');
    expect(fact?.reason, `${path}.reason`).toBe(want.slice('unknown:'.length));
    return;
  }
  if (fact !== null) {
    expect(fact.value, path).toEqual(want);
    return;
  }
  expect(got, path).toEqual(want);
}

/** Invariants every KeyFacts must hold (exchanges.md §1). */
export function expectWellFormed(facts: KeyFacts, exchange: string): void {
  expect(facts.exchange).toBe(exchange);
  expect(facts.fetchedAt).toBe(FETCHED_AT);
  const tris = [
    facts.isSubAccount,
    facts.canRead,
    facts.canWithdraw,
    facts.readOnly,
    ...Object.values(facts.canTransfer),
    ...Object.values(facts.canTrade),
    facts.ipRestricted,
  ];
  for (const t of tris) {
    if (t.value === 'unknown') expect(t.reason, JSON.stringify(t)).toBeTruthy();
    else expect(t.source, JSON.stringify(t)).toBeTruthy();
  }
  for (const w of [facts.createdAt, facts.expiresAt, facts.lastUsedAt]) {
    if (w.value === 'unknown') expect(w.reason).toBeTruthy();
    else if (w.value !== 'none') expect(Number.isNaN(Date.parse(w.value))).toBe(false);
  }
  if (facts.ipAllowlist.value === 'unknown') expect(facts.ipAllowlist.reason).toBeTruthy();
}

/** Runs every fixture case of an adapter through its pure toFacts. */
export function checkCase(adapter: ExchangeAdapter, c: AdapterCase, apiKey: string): KeyFacts {
  expect(c.doc, `${c.name} names its doc page`).toMatch(/^https:\/\//);
  const facts = adapter.toFacts(c.raw, { fetchedAt: FETCHED_AT, apiKey });
  expectWellFormed(facts, adapter.id);
  for (const [path, want] of Object.entries(c.expect)) expectFact(facts, path, want);
  return facts;
}

/**
 * The table test of one adapter's pure half: every fixture case under fixtures/exchanges/<id>/,
 * with an API key of the exchange's own shape, and no credential echoed back into the facts.
 */
export function describeFactsCases(adapter: ExchangeAdapter, makeKey: (fake: Fake) => string): void {
  const fake = new Fake(`${adapter.id}-facts`);
  const apiKey = makeKey(fake);
  const secret = fake.alnum(43);
  const cases = loadCases(adapter.id, { key: apiKey, secret });
  describe(`${adapter.id} toFacts (fixtures/exchanges/${adapter.id})`, () => {
    it('has ok and ng cases', () => {
      expect(cases.some((c) => c.name.startsWith('ok.'))).toBe(true);
      expect(cases.some((c) => c.name.startsWith('ng.'))).toBe(true);
    });
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const facts = checkCase(adapter, c, apiKey);
      // Nothing the caller passed in as a credential comes back out in the facts.
      expect(JSON.stringify(facts)).not.toContain(secret);
    });
  });
}
