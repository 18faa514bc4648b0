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
  /** Run every pattern over whole fragments, ignoring scopes (tests compare both ways). */
  ignoreScopes?: boolean;
}

interface CompiledRule {
  rule: SecretRule;
  pattern: RegExp;
  allow: readonly RegExp[];
  near: { words: readonly number[]; before: number; after: number; lookbehind: number; breaks: Uint8Array; key: string } | null;
  runs: readonly { cls: RunClass; min: number; pad: number }[] | null;
  /** Neither near nor runs: the pattern runs over the whole fragment. */
  unscoped: boolean;
}

/** A character class some scopes look for runs of, found once per fragment for all of them. */
interface RunClass {
  table: Uint8Array;
  /** The shortest run any of them asks for. */
  min: number;
}

/**
 * A part of a fragment a pattern runs on: the text from `from` to `to`, of which only matches
 * whose secret lies in `keepFrom`..`keepTo` count (the rest is context for look-arounds).
 */
interface Region {
  from: number;
  to: number;
  keepFrom: number;
  keepTo: number;
}

const INLINE_ALLOW = /keyaudit:allow(?:[ \t]{1,8}([a-z0-9/ ,\t-]{1,200}))?/i;
/** Hits of one keyword closer than this are kept as one range (scopes only need where, roughly). */
const HIT_GAP = 256;
/** Scoped regions covering more than this share of a fragment: run over the whole of it instead. */
const WHOLE_SHARE = 0.5;

/** What one pass over a fragment found: which keywords occur, and roughly where the tracked ones do. */
interface KeywordHits {
  present: Uint8Array;
  /** Per tracked keyword: start positions as [first, last] pairs of hits closer than HIT_GAP. */
  ranges: (number[] | undefined)[];
}

/**
 * The keyword prefilter: an Aho-Corasick automaton over ASCII, case-folded as it reads, so one
 * pass over the text (no lower-cased copy) finds every keyword, overlapping ones included. It
 * replaced a trie-shaped regex over the lower-cased text, which with ~100 keywords entered at
 * nearly every character: on the bench tree (279 MB) lower-casing plus that regex took 2.8 s,
 * the automaton under 1 s.
 */
class KeywordIndex {
  readonly words: readonly string[];
  /** Transition table: state × 128 + character → next state × 128. */
  private readonly delta: Uint32Array;
  /** Per state × 128: the keywords ending there (or null). */
  private readonly outputs: (readonly number[] | null)[];
  private readonly tracked: Uint8Array;

  constructor(words: readonly string[], tracked: ReadonlySet<number>) {
    this.words = words;
    const next: Int32Array[] = [new Int32Array(128).fill(-1)];
    const out: number[][] = [[]];
    words.forEach((word, id) => {
      let state = 0;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        if (c >= 128) throw new Error(`secret rule keywords must be ASCII: ${JSON.stringify(word)}`);
        const row = next[state] as Int32Array;
        if (row[c] === -1) {
          row[c] = next.length;
          next.push(new Int32Array(128).fill(-1));
          out.push([]);
        }
        state = row[c] as number;
      }
      (out[state] as number[]).push(id);
    });
    // Breadth-first failure links; the transition table becomes a full automaton (a DFA).
    const fail = new Int32Array(next.length);
    const queue: number[] = [];
    const root = next[0] as Int32Array;
    for (let c = 0; c < 128; c++) {
      if (root[c] === -1) root[c] = 0;
      else queue.push(root[c] as number);
    }
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head] as number;
      out[s] = [...(out[s] as number[]), ...(out[fail[s] as number] as number[])];
      const row = next[s] as Int32Array;
      const failRow = next[fail[s] as number] as Int32Array;
      for (let c = 0; c < 128; c++) {
        const t = row[c] as number;
        if (t === -1) row[c] = failRow[c] as number;
        else {
          fail[t] = failRow[c] as number;
          queue.push(t);
        }
      }
    }
    this.delta = new Uint32Array(next.length * 128);
    for (let s = 0; s < next.length; s++) {
      for (let c = 0; c < 128; c++) {
        const folded = c >= 65 && c <= 90 ? c + 32 : c;
        this.delta[s * 128 + c] = ((next[s] as Int32Array)[folded] as number) * 128;
      }
    }
    this.outputs = new Array<readonly number[] | null>(next.length * 128).fill(null);
    out.forEach((ids, s) => {
      if (ids.length > 0) this.outputs[s * 128] = ids;
    });
    this.tracked = new Uint8Array(words.length);
    for (const id of tracked) this.tracked[id] = 1;
  }

  find(text: string): KeywordHits {
    const present = new Uint8Array(this.words.length);
    const ranges: (number[] | undefined)[] = [];
    const { delta, outputs, tracked, words } = this;
    let state = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const c = text.charCodeAt(i);
      state = c < 128 ? (delta[state + c] as number) : 0;
      const ids = outputs[state];
      if (ids === null || ids === undefined) continue;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k] as number;
        present[id] = 1;
        if (tracked[id] === 0) continue;
        const at = i + 1 - (words[id] as string).length;
        const list = ranges[id];
        if (list === undefined) ranges[id] = [at, at];
        else if (at - (list[list.length - 1] as number) <= HIT_GAP) list[list.length - 1] = at;
        else list.push(at, at);
      }
    }
    return { present, ranges };
  }
}

/**
 * Building the automaton takes a few milliseconds, and one run builds scanners for the same rules
 * more than once (the config's literal-secret check, then the scan): an index is immutable once
 * built, so equal keyword sets share one.
 */
const keywordIndexes = new Map<string, KeywordIndex>();
function keywordIndexFor(words: readonly string[], tracked: ReadonlySet<number>): KeywordIndex {
  const key = JSON.stringify([words, [...tracked].sort((a, b) => a - b)]);
  let index = keywordIndexes.get(key);
  if (index === undefined) {
    if (keywordIndexes.size >= 16) keywordIndexes.clear();
    index = new KeywordIndex(words, tracked);
    keywordIndexes.set(key, index);
  }
  return index;
}

/** Membership table of a regex character class body such as `a-z \t,` (ASCII members only), indexed by UTF-16 code unit. */
function classTable(chars: string): Uint8Array {
  const re = new RegExp(`[${chars}]`);
  const table = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) table[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  return table;
}

/**
 * Runs of at least `min` characters of a class, as [start, end) pairs. After a character known not
 * to be in the class (at `last`), a long enough run must reach `last + min`: that character is read
 * first, and then the ones before it, backwards, until one is not in the class (which becomes
 * `last`) or all `min` are (a run: it is then read forwards to its end). In text of short runs
 * this reads a few characters per `min`; every character is read at most twice. (It replaced a
 * scan that sampled every `min`-th character and read the whole run around each sample that was
 * in the class, which for a class of lower-case letters and spaces read most of the text.)
 */
function classRuns(text: string, table: Uint8Array, min: number): number[] {
  const out: number[] = [];
  const n = text.length;
  let last = -1;
  for (let probe = last + min; probe < n; probe = last + min) {
    let i = probe;
    while (i > last && table[text.charCodeAt(i)] === 1) i--;
    if (i > last) {
      last = i;
      continue;
    }
    let end = probe + 1;
    while (end < n && table[text.charCodeAt(end)] === 1) end++;
    out.push(last + 1, end);
    last = end;
  }
  return out;
}

export class SecretScanner {
  private readonly byKeyword: CompiledRule[][] = [];
  private readonly alwaysRun: CompiledRule[] = [];
  private readonly keywords: KeywordIndex | null;
  readonly rules: readonly SecretRule[];
  private readonly compiledCount: number;
  private readonly patterns = new Map<string, RegExp>();
  private readonly ignoreScopes: boolean;

  constructor(rules: readonly SecretRule[], options: ScannerOptions = {}) {
    this.rules = rules;
    this.compiledCount = rules.length;
    this.ignoreScopes = options.ignoreScopes === true;
    const ids = new Map<string, number>();
    const idOf = (word: string): number => {
      const k = word.toLowerCase();
      let id = ids.get(k);
      if (id === undefined) {
        id = ids.size;
        ids.set(k, id);
        this.byKeyword.push([]);
      }
      return id;
    };
    const tracked = new Set<number>();
    const classes = new Map<string, RunClass>();
    const classOf = (chars: string, min: number): RunClass => {
      let cls = classes.get(chars);
      if (cls === undefined) {
        cls = { table: classTable(chars), min };
        classes.set(chars, cls);
      }
      cls.min = Math.min(cls.min, min);
      return cls;
    };
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
      const { near, runs } = rule.scope ?? {};
      const nearWords = near?.keywords.map(idOf) ?? [];
      for (const id of nearWords) tracked.add(id);
      const compiled: CompiledRule = {
        rule,
        pattern,
        allow: [...(rule.allow ?? []), ...(options.allowByRule?.[rule.meta.id] ?? []), ...(options.allowAll ?? [])],
        near:
          near === undefined
            ? null
            : {
                words: nearWords,
                before: near.before,
                after: near.after,
                lookbehind: near.lookbehind,
                breaks: classTable(escapeClass(near.breaks ?? '\n')),
                // Rules with equal scopes (the assignment rules) share their regions within a scan.
                key: JSON.stringify([nearWords, near.before, near.after, near.lookbehind, near.breaks ?? '\n']),
              },
        runs: runs === undefined ? null : runs.map((r) => ({ cls: classOf(r.chars, r.min), min: r.min, pad: r.pad })),
        unscoped: near === undefined && runs === undefined,
      };
      if (rule.keywords.length === 0) this.alwaysRun.push(compiled);
      for (const keyword of rule.keywords) {
        const list = this.byKeyword[idOf(keyword)] as CompiledRule[];
        if (!list.includes(compiled)) list.push(compiled);
      }
    }
    this.keywords = ids.size > 0 ? keywordIndexFor([...ids.keys()], tracked) : null;
  }

  /** The rules whose keywords occur in `text` (plus the always-run rules). */
  candidateRules(text: string): CompiledRule[] {
    return this.select(this.keywords?.find(text) ?? null);
  }

  private select(hits: KeywordHits | null): CompiledRule[] {
    const selected = new Set<CompiledRule>(this.alwaysRun);
    if (hits !== null) {
      for (let id = 0; id < hits.present.length; id++) {
        if (hits.present[id] === 0) continue;
        for (const c of this.byKeyword[id] as CompiledRule[]) selected.add(c);
        if (selected.size === this.compiledCount) break;
      }
    }
    return [...selected];
  }

  scan(fragment: Fragment): SecretHit[] {
    const { text } = fragment;
    const keywordHits = this.keywords?.find(text) ?? null;
    const candidates = this.select(keywordHits);
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
    const runCache = new Map<RunClass, number[]>();
    const nearCache = new Map<string, Region[]>();
    for (const [pattern, group] of groups) {
      const regions = this.ignoreScopes ? null : regionsOf(group, text, keywordHits, runCache, nearCache);
      for (const region of regions ?? [{ from: 0, to: text.length, keepFrom: 0, keepTo: text.length }]) {
        const part = region.from === 0 && region.to === text.length ? text : text.slice(region.from, region.to);
        // exec on the shared RegExp, not matchAll: matchAll clones the regex on every call, and a
        // scoped fragment may have thousands of regions.
        pattern.lastIndex = 0;
        for (let m = pattern.exec(part); m !== null; m = pattern.exec(part)) {
          if (m[0].length === 0) pattern.lastIndex++;
          const found = secretGroup(m);
          if (found === null) continue;
          const { secret } = found;
          const secretStart = region.from + found.span[0];
          if (secretStart < region.keepFrom || secretStart + secret.length > region.keepTo) continue;
          const { line, column } = lines.position(secretStart);
          const lineStart = secretStart - column + 1;
          const matchStart = region.from + m.index;
          // `$before`: up to 200 characters before the match, for rules that weigh what names the value.
          const matchGroups = { ...(m.groups ?? {}), $before: text.slice(Math.max(0, matchStart - 200), matchStart) };
          for (const c of group) {
            if (c.rule.generic === true && isMinifiedLine(text, lineStart, minified)) continue;
            if (!this.accept(c, secret, matchGroups, text, secretStart, matchStart, lineStart)) continue;
            const hit: SecretHit = {
              rule: c.rule,
              secret,
              path: fragment.path,
              line: fragment.startLine + line - 1,
              column,
              offset: (fragment.startOffset ?? 0) + secretStart,
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
    // The rule's own check before the context regex: both must pass, and for the exchange rules
    // validate is the cheaper one (their context looks up to 400 characters ahead per mention).
    if (rule.validate !== undefined && !rule.validate(secret, groups)) return false;
    if (rule.context !== undefined) {
      const window = rule.contextWindow ?? 300;
      // The window before the match, and the rest of the line after the secret (bounded).
      const secretEnd = secretStart + secret.length;
      const tail = text.slice(secretEnd, secretEnd + window);
      const newline = tail.indexOf('\n');
      const around = text.slice(Math.max(0, matchStart - window), secretEnd) + (newline === -1 ? tail : tail.slice(0, newline));
      if (!rule.context.test(around)) return false;
    }
    return true;
  }
}

/**
 * The parts of `text` a group of rules sharing one pattern must be run on, or null for all of it
 * (a rule without a scope, or scoped parts covering most of the text anyway).
 */
function regionsOf(
  group: readonly CompiledRule[],
  text: string,
  hits: KeywordHits | null,
  runCache: Map<RunClass, number[]>,
  nearCache: Map<string, Region[]>,
): Region[] | null {
  const n = text.length;
  const regions: Region[] = [];
  for (const c of group) {
    if (c.unscoped) return null;
    if (c.near !== null) {
      let near = nearCache.get(c.near.key);
      if (near === undefined) {
        const windows: number[] = [];
        for (const id of c.near.words) {
          const ranges = hits?.ranges[id];
          if (ranges === undefined) continue;
          for (let k = 0; k < ranges.length; k += 2) windows.push((ranges[k] as number) - c.near.before, (ranges[k + 1] as number) + c.near.after);
        }
        near = breakRegions(text, windows, c.near.lookbehind, c.near.breaks);
        nearCache.set(c.near.key, near);
      }
      // Merged below into copies: the cached regions are never changed.
      for (const r of near) regions.push(r);
    }
    for (const r of c.runs ?? []) {
      let runs = runCache.get(r.cls);
      if (runs === undefined) {
        runs = classRuns(text, r.cls.table, r.cls.min);
        runCache.set(r.cls, runs);
      }
      for (let k = 0; k < runs.length; k += 2) {
        const start = runs[k] as number;
        const end = runs[k + 1] as number;
        if (end - start < r.min) continue;
        regions.push({ from: Math.max(0, start - r.pad), to: Math.min(n, end + r.pad), keepFrom: start, keepTo: end });
      }
    }
  }
  if (regions.length === 0) return regions;
  // Merge regions whose kept parts overlap or touch, so no match is counted twice.
  regions.sort((x, y) => x.keepFrom - y.keepFrom);
  const merged: Region[] = [];
  let kept = 0;
  for (const r of regions) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.keepFrom <= last.keepTo) {
      if (r.keepTo > last.keepTo) {
        kept += r.keepTo - last.keepTo;
        last.keepTo = r.keepTo;
      }
      last.from = Math.min(last.from, r.from);
      last.to = Math.max(last.to, r.to);
    } else {
      merged.push({ ...r });
      kept += r.keepTo - r.keepFrom;
    }
  }
  return kept > n * WHOLE_SHARE ? null : merged;
}

/**
 * Windows ([start, end] pairs, in any order) widened to the nearest break characters (characters
 * no match consumes: line breaks, and for assignments also `;{}`, so a window in a minified line
 * stays small) and merged; each region reaches `lookbehind` characters further back for
 * look-behinds. Linear: a window inside the region before it never searches for its ends, and a
 * search never goes back past the region before.
 */
function breakRegions(text: string, windows: number[], lookbehind: number, breaks: Uint8Array): Region[] {
  const n = text.length;
  const order: number[] = [];
  for (let k = 0; k < windows.length; k += 2) order.push(k);
  order.sort((x, y) => (windows[x] as number) - (windows[y] as number));
  /** Index after the first break at or after `at`. */
  const endAt = (at: number): number => {
    let i = at;
    while (i < n && breaks[text.charCodeAt(i)] === 0) i++;
    return Math.min(n, i + 1);
  };
  const out: Region[] = [];
  for (const k of order) {
    const start = Math.max(0, windows[k] as number);
    const end = Math.min(n, windows[k + 1] as number);
    const last = out[out.length - 1];
    if (last !== undefined && start < last.keepTo) {
      if (end >= last.keepTo) last.keepTo = last.to = endAt(end);
      continue;
    }
    let from = start;
    const floor = last?.keepTo ?? 0;
    while (from > floor && breaks[text.charCodeAt(from - 1)] === 0) from--;
    const to = endAt(Math.max(end, from));
    out.push({ from: Math.max(0, from - lookbehind), to, keepFrom: from, keepTo: to });
  }
  return out;
}

/** A string of literal characters as the body of a character class. */
function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&');
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
