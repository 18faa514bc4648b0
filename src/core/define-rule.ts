/**
 * Rule factories. A rule is metadata plus one small pure piece of logic; the engine owns everything
 * around it (severity from config, masking, fingerprints, docs links). See ../../docs/rules.md.
 */
import * as z from 'zod/mini';
import type { Severity, RuleFamily } from './types.js';
import type { Fake } from './fake.js';
import type { KeyFacts } from './key-facts.js';

export interface RuleMeta {
  /** `<family>/<name>`; name is kebab-case, equal to the rule's file name, naming the bad condition. */
  id: string;
  family: RuleFamily;
  name: string;
  description: string;
  severity: Severity;
  recommended: boolean;
  /** How to fix it, shown next to every finding. */
  fix: string;
  /** Message template; `{{name}}` placeholders are filled from `data`. */
  message: string;
}

type MetaInput = Omit<RuleMeta, 'id' | 'family'>;

function toMeta(family: RuleFamily, meta: MetaInput): RuleMeta {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(meta.name)) throw new Error(`rule name must be kebab-case: ${meta.name}`);
  return { ...meta, id: `${family}/${meta.name}`, family };
}

/* ------------------------------------------------------------------ secrets */

export interface SecretSamples {
  /** Lines or snippets that must produce at least one finding of this rule. */
  positive: string[];
  /** Lines or snippets that must produce no finding of this rule. */
  negative: string[];
}

export interface SecretRuleInput {
  meta: MetaInput;
  /**
   * Lower-case words, at least one of which must occur in a fragment before the pattern runs (the
   * prefilter). An empty list means the rule always runs: keep such rules cheap.
   */
  keywords: readonly string[];
  /** Must have a named group `secret`; flags `g` and `d` are added by the engine. */
  pattern: RegExp;
  /**
   * When set, this must match within `contextWindow` characters before the match (or on its line),
   * e.g. the exchange name near a bare `apiKey:`.
   */
  context?: RegExp;
  contextWindow?: number;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  minEntropy?: number;
  /** Secrets matching any of these are never findings (doc examples, known test values). */
  allow?: readonly RegExp[];
  /** A generic rule yields to any specific rule that found a secret at the same place. */
  generic?: boolean;
  /** Extra check on the secret (checksums, key validity). */
  validate?: (secret: string, groups: Record<string, string | undefined>) => boolean;
  /** Deterministic samples built at run time, so no real-looking secret is committed. */
  samples: (fake: Fake) => SecretSamples;
  /** Where the pattern can match (a speed hint; see {@link ScanScope}). Without it the pattern runs over every fragment the prefilter lets through. */
  scope?: ScanScope;
}

/**
 * Where a rule's pattern can match, so the scanner runs it on those parts of a fragment only (a
 * speed hint: it never changes what is found, which test/core/scanner-scope.test.ts checks by
 * scanning the corpus, fixtures and samples with and without scopes). Without a scope a rule's
 * pattern runs over the whole fragment.
 */
export interface ScanScope {
  /**
   * Every reportable match starts between `before` characters before and `after` characters after
   * an occurrence of one of `keywords` (case-insensitive, ASCII), and no match consumes any of the `breaks` characters (default: a line break;
   * look-behinds may look back across them): the pattern runs from break to break around the
   * occurrences, with `lookbehind` characters before for its look-behinds.
   */
  near?: { keywords: readonly string[]; before: number; after: number; lookbehind: number; breaks?: string };
  /**
   * Every reportable match's secret lies inside a run of at least `min` characters of the
   * character class `chars` (the body of a `[…]`, ASCII); `pad` characters on each side of the
   * run cover the match's delimiters and look-arounds. Found by sampling every `min`-th character,
   * so long minimums are cheap.
   */
  runs?: readonly { chars: string; min: number; pad: number }[];
}


export interface SecretRule extends Omit<SecretRuleInput, 'meta'> {
  kind: 'secret';
  meta: RuleMeta;
}

export function defineSecretRule(input: SecretRuleInput): SecretRule {
  if (!/\(\?<secret>/.test(input.pattern.source)) {
    throw new Error(`secret rule ${input.meta.name}: pattern needs a named group "secret"`);
  }
  return { ...input, kind: 'secret', meta: toMeta('secrets', input.meta) };
}

/* ------------------------------------------------------------------ hygiene */

/** What a source knows about one file; `null` = not applicable or not known (e.g. not a git repo). */
export interface FileFacts {
  path: string;
  /** Unix permission bits, or null where the platform has none. */
  mode: number | null;
  isEnvFile: boolean;
  gitTracked: boolean | null;
  gitIgnored: boolean | null;
  /** Descriptions of the secrets found in the file (never the secrets). */
  secretsFound: { ruleId: string; description: string; line: number; column: number; excerpt: string; fingerprint: string }[];
}

export interface HygieneContext {
  report(hit: { data?: Record<string, string | number>; line?: number; column?: number; excerpt?: string; key?: string }): void;
}

export interface HygieneRuleInput {
  meta: MetaInput;
  check: (file: FileFacts, ctx: HygieneContext) => void;
}

export interface HygieneRule extends Omit<HygieneRuleInput, 'meta'> {
  kind: 'hygiene';
  meta: RuleMeta;
}

export function defineHygieneRule(input: HygieneRuleInput): HygieneRule {
  return { ...input, kind: 'hygiene', meta: toMeta('hygiene', input.meta) };
}

/* --------------------------------------------------------------------- keys */

export interface AccountInfo {
  name: string;
  exchange: string;
  expectedIps?: string[];
  needs?: ('spot' | 'margin' | 'futures' | 'options')[];
  /** Dates the local store recorded, for exchanges that give no creation date. */
  storeAddedAt?: string | null;
  storeRotatedAt?: string | null;
}

export interface KeyRuleContext<O> {
  account: AccountInfo;
  options: O;
  /** The clock is passed in so age rules are testable. */
  now: Date;
  allowUnknown: boolean;
  report(hit: { data?: Record<string, string | number>; key?: string; severity?: Severity }): void;
}

export interface KeyRuleInput<S extends z.ZodMiniType> {
  meta: MetaInput;
  /** zod schema of the rule's options, with defaults. */
  options?: S;
  check: (facts: KeyFacts, ctx: KeyRuleContext<z.output<S>>) => void;
}

export interface KeyRule<S extends z.ZodMiniType = z.ZodMiniType> {
  kind: 'keys';
  meta: RuleMeta;
  options: S;
  check: (facts: KeyFacts, ctx: KeyRuleContext<z.output<S>>) => void;
}

export function defineKeyRule<S extends z.ZodMiniType = z.ZodMiniObject<Record<string, never>>>(input: KeyRuleInput<S>): KeyRule<S> {
  const options = (input.options ?? z.strictObject({})) as S;
  return { kind: 'keys', meta: toMeta('keys', input.meta), options, check: input.check };
}

export type AnyRule = SecretRule | HygieneRule | KeyRule;

/** Fills `{{name}}` placeholders; unknown placeholders are left visible so tests catch them. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}
