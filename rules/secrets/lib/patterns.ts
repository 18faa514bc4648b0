/**
 * Building blocks shared by secret rules. Every quantifier is bounded (no `*` or `+` over
 * unbounded input), so no rule can backtrack catastrophically on hostile lines.
 */

/** Separator between a name and its value: `=`, `:`, `:=`, `=>`, with optional quotes and spaces. */
export const ASSIGN = String.raw`["'\x60]?[ \t]{0,8}(?::=|=>|==|[:=])[ \t]{0,8}(?:[rbf]?["'\x60]|\[?["'\x60]?)?[ \t]{0,4}`;

/** A name that ends in key/secret/… (`BINANCE_API_KEY`, `apiSecret`, `"secret"`). */
export const CREDENTIAL_NAME = String.raw`[A-Za-z0-9_.-]{0,48}(?:key|secret|token|pass(?:word|phrase)?|pwd|private)[A-Za-z0-9_.-]{0,24}`;

/** Not preceded by a character that would make the value longer. */
export const START = (cls: string): string => String.raw`(?<![${cls}])`;
export const END = (cls: string): string => String.raw`(?![${cls}])`;

/** `name = value` where the value matches `value`; the value is the `secret` group. */
export function assignmentPattern(value: string, valueClass: string, name = CREDENTIAL_NAME): RegExp {
  return new RegExp(String.raw`(?:^|[^A-Za-z0-9_])(?:${name})${ASSIGN}${START(valueClass)}(?<secret>${value})${END(valueClass)}`, 'gim');
}

/** Values with at least one upper-case letter, one lower-case letter and one digit (random keys, not words or hex). */
export const mixedAlnum = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);
