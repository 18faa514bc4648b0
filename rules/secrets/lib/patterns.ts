/**
 * Building blocks shared by secret rules. Every quantifier is bounded (no `*` or `+` over
 * unbounded input), and every name or value run is anchored by a look-behind that refuses to start
 * inside a longer run, so a hostile line of repeated name or value characters is tried once per run,
 * not once per character (test/redos.test.ts proves the scan stays linear).
 */
import type { ScanScope } from '../../../src/core/define-rule.js';

/** A quote, optionally escaped once or twice (JSON strings inside notebooks and JSON-in-JSON). */
export const QUOTE = String.raw`(?:\\{1,2})?["'\x60]`;

/**
 * The operator between a name and its value: `=`, `:`, `:=`, `=>`, `->`, `==`. (Not `,`: call
 * arguments like `set("API_KEY", "…")` are rare, and commas are so frequent in code and data that
 * trying each one halved the throughput of every assignment rule.)
 */
export const SEPARATOR = String.raw`(?::=|=>|->|==|[:=])`;

/** What may stand between the operator and the value: spaces, an opening quote (with a Python prefix), `[` or `(`. */
export const VALUE_OPENING = String.raw`[ \t]{0,8}(?:[rbfu]?${QUOTE}|\[[ \t]{0,2}(?:${QUOTE})?|\([ \t]{0,2}(?:${QUOTE})?)?[ \t]{0,4}(?:[Bb]earer[ \t]{1,2})?`;

/** Separator between a name and its value, with optional quotes and spaces (for rules that write the name inline). */
export const ASSIGN = String.raw`(?:${QUOTE})?[ \t]{0,8}${SEPARATOR}${VALUE_OPENING}`;

/** Characters a variable or key name is made of (`config.binance.api_key`, `BINANCE-KEY`). */
export const NAME_CHARS = 'A-Za-z0-9_.-';

/** The words a credential-holding name ends in (or nearly ends in). */
export const CREDENTIAL_WORDS = String.raw`key|secret|token|pass(?:word|phrase|wd)?|pwd|private|credentials?|auth|seed|mnemonic|pk|priv`;

/** Literal words one of which every CREDENTIAL_WORDS match holds (`priv` covers `private`, `credential` `credentials`). */
export const CREDENTIAL_KEYWORDS: readonly string[] = ['key', 'secret', 'token', 'pass', 'pwd', 'priv', 'credential', 'auth', 'seed', 'mnemonic', 'pk'];

/** A name that contains key/secret/… (`BINANCE_API_KEY`, `apiSecret`, `"secret"`). */
export const CREDENTIAL_NAME = String.raw`[${NAME_CHARS}]{0,48}?(?:${CREDENTIAL_WORDS})[${NAME_CHARS}]{0,24}`;

/**
 * Kubernetes / ECS / compose long form: `- name: BINANCE_API_KEY` then `value: "…"` on the next
 * line (or `{"name": "X", "value": "…"}` on one line). The credential name is the `kname` group.
 */
const NAME_VALUE_FORM = String.raw`name(?:${QUOTE})?[ \t]{0,4}[:=][ \t]{0,4}(?:${QUOTE})?(?<kname>${CREDENTIAL_NAME})(?:${QUOTE})?[ \t]{0,4},?[ \t]{0,4}(?:\r?\n[ \t]{0,24})?-?[ \t]{0,4}(?:${QUOTE})?value`;

/** Not preceded / followed by a character that would make the value longer. */
export const START = (cls: string): string => String.raw`(?<![${cls}])`;
export const END = (cls: string): string => String.raw`(?![${cls}])`;

/**
 * The start of an assignment to a name matching `name`, written so the regex engine can skip
 * ahead cheaply: a match can only start at an operator character (`:`, `=`, `-`, or the `>` of an
 * XML element `<apiKey>…</apiKey>`), and the name
 * before it is checked by a look-behind (which also captures it as `name`, or `kname` in the
 * Kubernetes long form). Starting at the name instead costs a regex entry at every character
 * (~16 MB/s on prose); starting at the operator runs at several hundred MB/s.
 */
export function assignmentStart(name = CREDENTIAL_NAME, valueStart?: string): string {
  // First operator character consumed (so the engine's fast first-character scan applies), then
  // — when the caller says how its value starts — a look-ahead that rejects the operator unless
  // such a value follows (most operators in code are followed by something else, and this is far
  // cheaper than the look-behind), then the name checked backwards, then the operator's optional
  // second character. `valueStart` is one regex item (a class with its count, or a group).
  const value = valueStart === undefined ? '' : String.raw`(?=[=>]?${VALUE_OPENING}${valueStart})`;
  return String.raw`(?:[:=>]|-(?=>))${value}(?<=(?<![${NAME_CHARS}])(?:(?<name>${name})|${NAME_VALUE_FORM})(?:${QUOTE})?[ \t]{0,8}[:=>-])(?:(?<=[:=])[=>]|(?<=-)>)?${VALUE_OPENING}`;
}

/** Characters no assignment match consumes (not in an operator, VALUE_OPENING or a value class). */
export const ASSIGNMENT_BREAKS = '\n;{}';

/**
 * The scan scope of a pattern that starts with assignmentStart(): a match starts at the operator,
 * and a word of the name is at most ~100 characters before it (in the Kubernetes long form, the
 * name is on the line before `value:`); `words` must hold a literal of every name the pattern
 * accepts. Such a pattern never consumes a line break, `;`, `{` or `}` (ASSIGNMENT_BREAKS); its
 * look-behind reaches back at most ~170 characters.
 */
export function assignmentScope(words: readonly string[] = CREDENTIAL_KEYWORDS): ScanScope {
  return { near: { keywords: words, before: 0, after: 128, lookbehind: 256, breaks: ASSIGNMENT_BREAKS } };
}

/**
 * `name = value` where the value matches `value`; the value is the `secret` group and the name the
 * `name` (or, in the Kubernetes long form, `kname`) group.
 */
export function assignmentPattern(value: string, valueClass: string, name = CREDENTIAL_NAME, flags = 'gim', minLength = 6): RegExp {
  // The look-ahead right after the operator rejects `a = b`-style short values before the
  // look-behind checks the name: most operators in code are followed by short values.
  const start = assignmentStart(name, `[${valueClass}]{${minLength}}`);
  return new RegExp(String.raw`${start}${START(valueClass.replace('=', ''))}(?<secret>${value})${END(valueClass)}`, flags);
}

/** The assignment's variable name from a match's groups (either form). */
export function assignedName(groups: Record<string, string | undefined>): string {
  return groups.name ?? groups.kname ?? '';
}

/** Values with at least one upper-case letter, one lower-case letter and one digit (random keys, not words or hex). */
export const mixedAlnum = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);

/** At least a letter and a digit: random tokens of 16+ characters nearly always have both. */
export const lettersAndDigits = (s: string): boolean => /[A-Za-z]/.test(s) && /[0-9]/.test(s);

/** Looks like a code identifier or a dotted reference (`load_secret_v2`, `getApiKey`, `cfg.api.key`), not a random value. */
export function looksLikeIdentifier(s: string): boolean {
  // A run of 17+ letters and digits is not a word of an identifier (`bg_<32 hex>` is a key).
  if (/[A-Za-z0-9]{17}/.test(s) && /[0-9]/.test(s)) return false;
  // Member access (`v.kcPass`, `cfg.api.secret`): code, not a value. JWTs (`eyJ…`) have dots too.
  if (!s.startsWith('eyJ') && s.includes('.') && s.split('.').every((seg) => /^[A-Za-z_$][A-Za-z0-9_$]{0,40}$/.test(seg))) return true;
  return (
    /^[a-z]{2,}[0-9]?(?:[_.-][a-z0-9]{1,})+$/.test(s) || // snake_case / dotted lower / pkcs1-private-pem
    /^[A-Z][A-Z0-9]{0,}(?:[_.-][A-Z0-9]{1,})+$/.test(s) || // SCREAMING_SNAKE (env variable names)
    /^[a-z]{2,}(?:[A-Z][a-z0-9]{1,}){1,}$/.test(s) || // camelCase
    /^(?:[A-Z][a-z0-9]{1,}){2,}$/.test(s) // PascalCase
  );
}

/** Splits a variable name into lower-case words: `binanceApiKey` → binance, api, key. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}
