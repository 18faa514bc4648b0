/**
 * Pure helpers every adapter's `toFacts` uses, so all adapters read answers by the same rules
 * (../../shared/spec/exchanges.md §1): absence is unknown, never false; token lists are read
 * strictly; dates accept ms, s, numeric strings and ISO; readOnly is derived, not guessed.
 */
import type { z } from 'zod';
import { allUnknown, known, unknownTri, type KeyFacts, type Reason, type Tri, type When } from '../core/key-facts.js';

export interface FactsContext {
  exchange: string;
  /** `METHOD /path` of the introspection endpoint. */
  endpoint: string;
  fetchedAt: string;
}

export type EnvelopeResult<T> = { ok: true; data: T } | { ok: false; facts: KeyFacts };

/**
 * Validates a raw answer against the documented envelope. CCXT hands a non-JSON 200 (HTML, empty,
 * truncated) over as a string: that, and any answer failing the schema or the `success` test
 * (e.g. `retCode !== 0`), makes every fact `bad-response` with the failing path in `detail`.
 */
export function parseEnvelope<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  ctx: FactsContext,
  success?: (data: z.output<S>) => string | true,
): EnvelopeResult<z.output<S>> {
  const fail = (detail: string): EnvelopeResult<z.output<S>> => ({ ok: false, facts: badResponse(ctx, detail) });
  if (raw === undefined || raw === null || raw === '') return fail('empty response');
  if (typeof raw === 'string') return fail(/^\s*</.test(raw) ? 'HTML instead of JSON' : 'non-JSON response');
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return fail(`unexpected shape at ${path}: ${issue?.message ?? 'invalid'}`);
  }
  if (success !== undefined) {
    const verdict = success(parsed.data);
    if (verdict !== true) return fail(verdict);
  }
  return { ok: true, data: parsed.data };
}

/** A documented boolean field: true/false only for a real boolean; absent/null/other -> unknown. */
export function triFromBoolean(obj: Record<string, unknown>, field: string, source = field): Tri {
  if (!(field in obj) || obj[field] === undefined || obj[field] === null) return unknownTri('field-absent', undefined, source);
  const v = obj[field];
  if (typeof v === 'boolean') return known(v, source);
  return unknownTri('unrecognized-value', `expected a boolean, got ${describeValue(v)}`, source);
}

/** A documented flag encoded as numbers/strings (e.g. OKX `opAuth` "1"/"0"). */
export function triFromFlag(obj: Record<string, unknown>, field: string, truthy: readonly unknown[], falsy: readonly unknown[], source = field): Tri {
  if (!(field in obj) || obj[field] === undefined || obj[field] === null) return unknownTri('field-absent', undefined, source);
  const v = obj[field];
  if (truthy.includes(v)) return known(true, source);
  if (falsy.includes(v)) return known(false, source);
  return unknownTri('unrecognized-value', `unexpected value ${describeValue(v)}`, source);
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return `a string of ${v.length} chars`;
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

export const notExposed = (detail?: string): Tri => unknownTri('not-exposed', detail);

/** For endpoints that report permissions only: the IP allowlist and every date are not exposed. */
export function ipAndDatesNotExposed(facts: KeyFacts, ipDetail: string): void {
  facts.ipRestricted = notExposed(ipDetail);
  facts.ipAllowlist = { value: 'unknown', masked: false, source: null, reason: 'not-exposed' };
  facts.createdAt = whenNotExposed();
  facts.expiresAt = whenNotExposed();
  facts.lastUsedAt = whenNotExposed();
}

/**
 * A sub-fact the exchange does not break down (spot vs futures under one "trade" scope): false
 * when the parent is false, `ifGranted` when it is true, the parent's unknown otherwise.
 */
export function impliedBy(parent: Tri, ifGranted: Tri): Tri {
  if (parent.value === false) return known(false, parent.source ?? 'derived');
  if (parent.value === true) return ifGranted;
  return { ...parent };
}
export const whenNotExposed = (): When => ({ value: 'unknown', source: null, reason: 'not-exposed' });

/**
 * A permission token list (§1 rule 2). Built from an array of strings or a separated string;
 * anything else is not well-formed, and then every fact read from it is unknown.
 */
export class TokenList {
  readonly tokens: ReadonlySet<string> | null;
  private constructor(
    tokens: readonly string[] | null,
    readonly source: string,
    private readonly known: ReadonlySet<string>,
    private readonly fold: boolean,
    readonly problem: { reason: Reason; detail?: string } | null,
  ) {
    this.tokens = tokens === null ? null : new Set(tokens.map((t) => (fold ? t.toLowerCase() : t)));
  }

  /**
   * @param value the field's raw value: string[] or a `separator`-joined string
   * @param vocabulary the tokens the exchange documents; others are "unrecognized"
   */
  static from(value: unknown, source: string, vocabulary: readonly string[], options: { separator?: string; caseInsensitive?: boolean } = {}): TokenList {
    const fold = options.caseInsensitive === true;
    const vocab = new Set(vocabulary.map((t) => (fold ? t.toLowerCase() : t)));
    if (value === undefined || value === null) return new TokenList(null, source, vocab, fold, { reason: 'field-absent' });
    let list: string[] | null = null;
    if (Array.isArray(value) && value.every((t) => typeof t === 'string')) list = value.map((t: string) => t.trim()).filter((t) => t !== '');
    else if (typeof value === 'string' && options.separator !== undefined) list = value.split(options.separator).map((t) => t.trim()).filter((t) => t !== '');
    if (list === null) return new TokenList(null, source, vocab, fold, { reason: 'unrecognized-value', detail: `expected a token list, got ${describeValue(value)}` });
    return new TokenList(list, source, vocab, fold, null);
  }

  /** Tokens not in the documented vocabulary. */
  unrecognized(): string[] {
    return this.tokens === null ? [] : [...this.tokens].filter((t) => !this.known.has(t));
  }

  /**
   * True if any of `wanted` is present; false only if the list is well-formed and none is present —
   * unless an unrecognized token contains `keyword` (rule 2), which makes the fact unknown.
   */
  has(wanted: readonly string[], keyword?: 'withdraw' | 'transfer'): Tri {
    if (this.tokens === null) return unknownTri(this.problem?.reason ?? 'field-absent', this.problem?.detail, this.source);
    const hit = wanted.find((w) => this.tokens?.has(this.fold ? w.toLowerCase() : w));
    if (hit !== undefined) return known(true, `${this.source}∋${hit}`);
    if (keyword !== undefined) {
      const odd = this.unrecognized().filter((t) => t.toLowerCase().includes(keyword));
      if (odd.length > 0) return unknownTri('unrecognized-value', `unrecognized token(s) ${odd.join(', ')}`, this.source);
    }
    return known(false, this.source);
  }
}

/** §1 rule 3: one true -> true; all false -> false; else unknown. `not-exposed` facts are ignored. */
export function anyOf(...facts: Tri[]): Tri {
  const considered = facts.filter((f) => !(f.value === 'unknown' && f.reason === 'not-exposed'));
  const yes = considered.find((f) => f.value === true);
  if (yes !== undefined) return yes;
  if (considered.length > 0 && considered.every((f) => f.value === false)) {
    return known(false, [...new Set(considered.map((f) => f.source).filter((s): s is string => s !== null))].join(', ') || 'derived');
  }
  const firstUnknown = considered.find((f) => f.value === 'unknown');
  if (firstUnknown !== undefined) return unknownTri(firstUnknown.reason ?? 'field-absent', firstUnknown.detail, firstUnknown.source);
  return unknownTri('not-exposed');
}

/** §1 rule 4: readOnly from the write facts, unless the exchange names a native flag. */
export function deriveReadOnly(facts: Pick<KeyFacts, 'canWithdraw' | 'canTransfer' | 'canTrade'>): Tri {
  const writes = [facts.canWithdraw, facts.canTransfer.any, facts.canTrade.any];
  if (writes.some((f) => f.value === true)) return known(false, 'derived');
  if (writes.every((f) => f.value === false)) return known(true, 'derived');
  const u = writes.find((f) => f.value === 'unknown');
  return unknownTri(u?.reason ?? 'field-absent', 'derived from facts that are unknown');
}

/**
 * A date field: epoch ms or s (numbers or numeric strings; values below 1e11 are seconds), or an
 * ISO string. `noneValues` are the exchange's explicit no-expiry sentinels (§1 rule 5).
 */
export function parseDate(value: unknown, source: string, options: { noneValues?: readonly unknown[]; approximate?: boolean } = {}): When {
  if (value === undefined || value === null || value === '') return { value: 'unknown', source, reason: 'field-absent' };
  if (options.noneValues?.includes(value) === true) return { value: 'none', source };
  let ms: number | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) ms = value < 1e11 ? value * 1000 : value;
  else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) {
    const n = Number(value);
    ms = n < 1e11 ? n * 1000 : n;
  } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(value) || !value.includes('T') ? value : `${value}Z`);
    if (Number.isFinite(parsed)) ms = parsed;
  }
  if (ms === undefined || ms < 0 || ms > 8.64e15) return { value: 'unknown', source, reason: 'unrecognized-value' };
  const when: When = { value: new Date(ms).toISOString(), source };
  if (options.approximate === true) when.approximate = true;
  return when;
}

export interface IpFacts {
  ipRestricted: Tri;
  ipAllowlist: KeyFacts['ipAllowlist'];
}

/**
 * An IP list field: array of strings or a separated string. Empty, or one of `noneValues`
 * (e.g. Bybit `["*"]`), means no restriction (§1 rule 5). `masked` lists (KuCoin) are kept as returned.
 */
export function ipFacts(value: unknown, source: string, options: { separator?: string; noneValues?: readonly string[]; masked?: boolean } = {}): IpFacts {
  if (value === undefined || value === null) {
    return { ipRestricted: unknownTri('field-absent', undefined, source), ipAllowlist: { value: 'unknown', masked: false, source, reason: 'field-absent' } };
  }
  let list: string[] | null = null;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) list = value.map((v: string) => v.trim()).filter((v) => v !== '');
  else if (typeof value === 'string') list = value.split(options.separator ?? ',').map((v) => v.trim()).filter((v) => v !== '');
  if (list === null) {
    return {
      ipRestricted: unknownTri('unrecognized-value', `expected an IP list, got ${describeValue(value)}`, source),
      ipAllowlist: { value: 'unknown', masked: false, source, reason: 'unrecognized-value' },
    };
  }
  const none = options.noneValues ?? [];
  const entries = list.filter((ip) => !none.includes(ip));
  if (entries.length === 0) return { ipRestricted: known(false, source), ipAllowlist: { value: [], masked: false, source } };
  return { ipRestricted: known(true, source), ipAllowlist: { value: entries, masked: options.masked === true, source } };
}

/** Every fact `bad-response`: the answer was unusable as a whole. */
export function badResponse(ctx: FactsContext, detail: string): KeyFacts {
  return allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'bad-response', detail);
}

/** A KeyFacts with every fact unknown `field-absent`, to be filled in by an adapter. */
export function emptyFacts(ctx: FactsContext): KeyFacts {
  return allUnknown(ctx.exchange, ctx.endpoint, ctx.fetchedAt, 'field-absent');
}

/** `value` as a plain object, or null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
