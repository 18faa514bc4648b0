/**
 * The secret scanner: pure text in, secret hits out. One pass of a combined keyword regex decides
 * which rules run on a fragment (the prefilter); only those rules' patterns run. Hits carry the
 * secret only inside the engine: `toFindings` in pipeline.ts masks them before anyone else sees them.
 */
import type { SecretRule } from './define-rule.js';
import type { Fragment } from './types.js';
import { shannonEntropy } from './entropy.js';
import { isEnvReference, isPlaceholder } from './placeholders.js';

export interface SecretHit {
  rule: SecretRule;
  /** Internal only: never put in a finding, a log or an error. */
  secret: string;
  path: string;
  line: number;
  column: number;
  /** Offset of the secret in the whole file (for de-duplicating chunk overlaps). */
  offset: number;
  commit: string | null;
  authorDate: string | null;
  /** The variable the secret was assigned to, when the rule captures it (`BINANCE_SECRET`, `apiKey`). */
  name?: string;
}

export interface ScannerOptions {
  /** Extra allow regexes per rule id (from config), matched against the secret. */
  allowByRule?: Record<string, readonly RegExp[]>;
  /** Extra allow regexes for every rule. */
  allowAll?: readonly RegExp[];
}

interface CompiledRule {
  rule: SecretRule;
  pattern: RegExp;
  allow: readonly RegExp[];
}

const INLINE_ALLOW = /keyaudit:allow(?:[ \t]{1,8}([a-z0-9/ ,\t-]{1,200}))?/i;
const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/**
 * One regex for many keywords, shaped as a trie (`b(?:inance|itget|…)|k(?:ey|raken)…`) so the
 * engine dispatches on the next character instead of trying every keyword at every position: a
 * flat alternation of ~100 case-insensitive keywords ran at ~1 MB/s, the trie at hundreds of MB/s.
 * At each position the longest keyword wins (optional tails are greedy).
 */
export function trieRegex(words: readonly string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const word of words) {
    let node = root;
    for (const ch of word.toLowerCase()) {
      let child = node.next.get(ch);
      if (child === undefined) {
        child = { end: false, next: new Map() };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Node): string => {
    const branches = [...node.next.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ch, child]) => escapeRegex(ch) + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
    if (!node.end) return body;
    return branches.length === 1 && (branches[0] as string).length === 1 ? `${body}?` : `(?:${branches.length === 1 ? body : branches.join('|')})?`;
  };
  return emit(root);
}

export class SecretScanner {
  private readonly byKeyword = new Map<string, CompiledRule[]>();
  private readonly alwaysRun: CompiledRule[] = [];
  private readonly prefilter: RegExp | null;
  readonly rules: readonly SecretRule[];
  private readonly compiledCount: number;
  private readonly patterns = new Map<string, RegExp>();

  constructor(rules: readonly SecretRule[], options: ScannerOptions = {}) {
    this.rules = rules;
    this.compiledCount = rules.length;
    const keywords = new Set<string>();
    for (const rule of rules) {
      const flags = [...new Set(`${rule.pattern.flags}gd`.replace(/[yuv]/g, ''))].sort().join('');
      // Rules with the same pattern (the exchange rules) share one RegExp, so a file that mentions
      // many exchanges is matched once and each match is offered to every rule of the group.
      const key = `${flags}/${rule.pattern.source}`;
      let pattern = this.patterns.get(key);
      if (pattern === undefined) {
        pattern = new RegExp(rule.pattern.source, flags);
        this.patterns.set(key, pattern);
      }
      const compiled: CompiledRule = {
        rule,
        pattern,
        allow: [...(rule.allow ?? []), ...(options.allowByRule?.[rule.meta.id] ?? []), ...(options.allowAll ?? [])],
      };
      if (rule.keywords.length === 0) this.alwaysRun.push(compiled);
      for (const keyword of rule.keywords) {
        const k = keyword.toLowerCase();
        keywords.add(k);
        const list = this.byKeyword.get(k) ?? [];
        list.push(compiled);
        this.byKeyword.set(k, list);
      }
    }
    // The trie regex returns the longest keyword at a position; the keywords that are its prefixes
    // (`priv` in `private_key`) are there too, so their rules come along.
    for (const [k, list] of [...this.byKeyword]) {
      for (const prefix of keywords) {
        if (prefix === k || !k.startsWith(prefix)) continue;
        for (const c of this.byKeyword.get(prefix) ?? []) if (!list.includes(c)) list.push(c);
      }
    }
    // Case-sensitive over lower-cased text: about twice as fast as the `i` flag.
    this.prefilter = keywords.size > 0 ? new RegExp(trieRegex([...keywords]), 'g') : null;
  }

  /** The rules whose keywords occur in `text` (plus the always-run rules). */
  candidateRules(text: string): CompiledRule[] {
    const selected = new Set<CompiledRule>(this.alwaysRun);
    if (this.prefilter !== null) {
      this.prefilter.lastIndex = 0;
      const seen = new Set<string>();
      const re = this.prefilter;
      re.lastIndex = 0;
      const lower = text.toLowerCase();
      // Resume one character after each match, not after its end: keywords may overlap
      // (`private_key` holds `key`, `pkey` holds `pk` and `key`).
      for (let m = re.exec(lower); m !== null; m = re.exec(lower)) {
        re.lastIndex = m.index + 1;
        const k = m[0].toLowerCase();
        if (seen.has(k)) continue;
        seen.add(k);
        for (const c of this.byKeyword.get(k) ?? []) selected.add(c);
        if (seen.size === this.byKeyword.size || selected.size === this.compiledCount) break;
      }
    }
    return [...selected];
  }

  scan(fragment: Fragment): SecretHit[] {
    const { text } = fragment;
    const candidates = this.candidateRules(text);
    if (candidates.length === 0) return [];
    const lines = new LineIndex(text);
    const hits: SecretHit[] = [];
    // Per-line facts computed once per line, never once per hit: on a 10 MB single line, slicing or
    // searching the whole line for every hit would make the scan quadratic.
    const minified = new Map<number, boolean>();
    const allowed = new Map<number, string[] | null>();
    const inlineAllowed = new Set<SecretHit>();
    const groups = new Map<RegExp, CompiledRule[]>();
    for (const c of candidates) groups.set(c.pattern, [...(groups.get(c.pattern) ?? []), c]);
    for (const [pattern, group] of groups) {
      pattern.lastIndex = 0;
      for (const m of text.matchAll(pattern)) {
        const found = secretGroup(m);
        if (found === null) continue;
        const { secret, span } = found;
        const { line, column } = lines.position(span[0]);
        const lineStart = span[0] - column + 1;
        const matchStart = m.index ?? span[0];
        // `$before`: up to 200 characters before the match, for rules that weigh what names the value.
        const matchGroups = { ...(m.groups ?? {}), $before: text.slice(Math.max(0, matchStart - 200), matchStart) };
        for (const c of group) {
          if (c.rule.generic === true && isMinifiedLine(text, lineStart, minified)) continue;
          if (!this.accept(c, secret, matchGroups, text, span[0], matchStart, lineStart)) continue;
          const hit: SecretHit = {
            rule: c.rule,
            secret,
            path: fragment.path,
            line: fragment.startLine + line - 1,
            column,
            offset: (fragment.startOffset ?? 0) + span[0],
            commit: fragment.commit ?? null,
            authorDate: fragment.authorDate ?? null,
            ...assignedNameOf(m.groups),
          };
          // An allowed hit still takes part in de-duplication, so `keyaudit:allow <specific-rule>`
          // also silences the generic rule's hit on the same value; it is dropped afterwards.
          if (isInlineAllowed(lines, text, line, c.rule.meta.id, allowed)) inlineAllowed.add(hit);
          hits.push(hit);
        }
      }
    }
    return dropOverlaps(hits, this.rules).filter((h) => !inlineAllowed.has(h));
  }

  private accept(
    c: CompiledRule,
    secret: string,
    groups: Record<string, string | undefined>,
    text: string,
    secretStart: number,
    matchStart: number,
    lineStart: number,
  ): boolean {
    const { rule } = c;
    if (isPlaceholder(secret)) return false;
    if (isEnvReference(text.slice(Math.max(lineStart, secretStart - 60), secretStart))) return false;
    if (isEnvReference(secret.slice(0, 40))) return false;
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) return false;
    if (c.allow.some((re) => re.test(secret))) return false;
    if (rule.context !== undefined) {
      const window = rule.contextWindow ?? 300;
      // The window before the match, and the rest of the line after the secret (bounded).
      const secretEnd = secretStart + secret.length;
      const tail = text.slice(secretEnd, secretEnd + window);
      const newline = tail.indexOf('\n');
      const around = text.slice(Math.max(0, matchStart - window), secretEnd) + (newline === -1 ? tail : tail.slice(0, newline));
      if (!rule.context.test(around)) return false;
    }
    if (rule.validate !== undefined && !rule.validate(secret, groups)) return false;
    return true;
  }
}

/**
 * One secret, one finding: a generic rule's hit is dropped when a specific rule found a secret at
 * the same place, and of two specific hits on overlapping text the rule listed first wins (the
 * rule order of rules/secrets/index.ts puts the more precise rules first: a Coinbase CDP key file
 * before the PEM rule that also sees its EC key).
 */
function dropOverlaps(hits: SecretHit[], rules: readonly SecretRule[]): SecretHit[] {
  if (hits.length < 2) return hits;
  const rank = new Map(rules.map((r, i) => [r, i]));
  const ordered = [...hits].sort(
    (a, b) =>
      Number(a.rule.generic === true) - Number(b.rule.generic === true) ||
      (rank.get(a.rule) ?? 0) - (rank.get(b.rule) ?? 0) ||
      a.offset - b.offset,
  );
  const kept: SecretHit[] = [];
  for (const h of ordered) {
    const overlaps = kept.some((k) => k.offset < h.offset + h.secret.length && h.offset < k.offset + k.secret.length);
    if (!overlaps) kept.push(h);
  }
  return kept.sort((a, b) => a.offset - b.offset);
}

/** The `secret` group of a match, or the first matched alternative named `secret2`, `secret3`… */
function secretGroup(m: RegExpMatchArray): { secret: string; span: [number, number] } | null {
  const groups = m.groups;
  const indices = m.indices?.groups;
  if (groups === undefined || indices === undefined) return null;
  for (const name of Object.keys(groups)) {
    if (name !== 'secret' && !/^secret[0-9]$/.test(name)) continue;
    const secret = groups[name];
    const span = indices[name];
    if (secret !== undefined && span !== undefined && secret.length > 0) return { secret, span };
  }
  return null;
}

/**
 * A line of a minified bundle: over 1,000 characters with under 2% spaces. Generic rules skip
 * such lines (their `key:"…"` pairs are build artefacts); specific rules still look at them.
 */
function isMinifiedLine(text: string, lineStart: number, cache: Map<number, boolean>): boolean {
  const known = cache.get(lineStart);
  if (known !== undefined) return known;
  const result = measureMinified(text, lineStart, lineStart);
  cache.set(lineStart, result);
  return result;
}

function measureMinified(text: string, start: number, offset: number): boolean {
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end - start < 1000) return false;
  let spaces = 0;
  for (let i = start; i < end; i += 7) if (text.charCodeAt(i) === 32) spaces++;
  return spaces / ((end - start) / 7) < 0.02;
}

function isInlineAllowed(lines: LineIndex, text: string, line: number, ruleId: string, cache: Map<number, string[] | null>): boolean {
  for (const candidate of [line, line - 1]) {
    if (candidate < 1) continue;
    let ids = cache.get(candidate);
    if (ids === undefined) {
      const m = INLINE_ALLOW.exec(lines.lineText(text, candidate));
      ids = m === null ? null : (m[1] ?? '').split(/[\s,]+/).filter((s) => /^[a-z0-9/-]+$/.test(s) && /[a-z]/.test(s));
      cache.set(candidate, ids);
    }
    if (ids === null) continue;
    if (ids.length === 0) return true;
    const shortName = ruleId.slice(ruleId.indexOf('/') + 1);
    if (ids.some((id) => id === ruleId || id === shortName)) return true;
  }
  return false;
}

/** Maps offsets to 1-based line and column, built on first use. */
export class LineIndex {
  private starts: number[] | null = null;
  constructor(private readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts === null) {
      const starts = [0];
      let i = this.text.indexOf('\n');
      while (i !== -1) {
        starts.push(i + 1);
        i = this.text.indexOf('\n', i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] as number) + 1 };
  }

  lineText(text: string, line: number): string {
    const starts = this.lineStarts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    return text.slice(start, next === undefined ? text.length : next - 1);
  }
}

/** The assigned variable's name, from the `name`/`kname` groups the assignment patterns capture. */
function assignedNameOf(groups: Record<string, string | undefined> | undefined): { name?: string } {
  const name = groups?.name ?? groups?.kname;
  return name === undefined || name === '' ? {} : { name };
}
