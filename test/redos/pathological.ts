/**
 * Builds pathological inputs from the rule set itself: for every rule, long runs of the characters
 * its pattern loops on (each character class in the regex source, cycled), its keywords repeated
 * bare and as `keyword=`/`keyword: ` assignment starts, and keyword-prefixed runs of each class.
 * A regex that backtracks catastrophically on any of them would show super-linear time.
 */
import type { SecretRule } from '../../src/core/define-rule.js';

/** Expands the character classes of a regex source into lists of member characters (printable ASCII). */
export function characterClasses(source: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < source.length; i++) {
    if (source[i] === '\\') {
      i++;
      continue;
    }
    if (source[i] !== '[') continue;
    let j = i + 1;
    let negated = false;
    if (source[j] === '^') {
      negated = true;
      j++;
    }
    const members = new Set<number>();
    for (; j < source.length && source[j] !== ']'; j++) {
      let c = source.charCodeAt(j);
      if (source[j] === '\\') {
        j++;
        const e = source[j];
        if (e === 's') [9, 10, 13, 32].forEach((x) => members.add(x));
        else if (e === 'd') for (let x = 48; x <= 57; x++) members.add(x);
        else if (e === 'w') for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_') members.add(ch.charCodeAt(0));
        else if (e === 't') members.add(9);
        else if (e === 'n') members.add(10);
        else if (e === 'r') members.add(13);
        else if (e === 'x') {
          members.add(parseInt(source.slice(j + 1, j + 3), 16));
          j += 2;
        } else if (e !== undefined) members.add(e.charCodeAt(0));
        continue;
      }
      if (source[j + 1] === '-' && source[j + 2] !== ']' && j + 2 < source.length) {
        const end = source.charCodeAt(j + 2);
        for (; c <= end; c++) members.add(c);
        j += 2;
      } else members.add(c);
    }
    let chars = [...members];
    if (negated) {
      const all: number[] = [];
      for (let x = 32; x < 127; x++) if (!members.has(x)) all.push(x);
      chars = all;
    }
    const text = String.fromCharCode(...chars.filter((x) => x === 9 || x === 10 || (x >= 32 && x < 127)));
    if (text.length > 0) out.add(text);
    i = j;
  }
  return [...out];
}

/** Repeats `unit` until the result has `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

export interface Pathology {
  label: string;
  /** The repeating unit; the input is this unit repeated to the wanted size (one line unless it holds \n). */
  unit: string;
}

/** The pathological units of one rule. */
export function pathologies(rule: SecretRule): Pathology[] {
  const out = new Map<string, Pathology>();
  const add = (label: string, unit: string): void => {
    if (unit.length > 0 && !out.has(unit)) out.set(unit, { label, unit });
  };
  const classes = characterClasses(rule.pattern.source);
  const keyword = rule.keywords[0] ?? 'key';
  for (const cls of classes) {
    add(`class ${cls.slice(0, 12)} cycled`, cls.length > 200 ? cls.slice(0, 200) : cls);
    add(`${keyword}= + class ${cls.slice(0, 12)}`, `${keyword}=${fill(cls, 97)} `);
  }
  for (const k of rule.keywords) {
    add(`keyword ${k} repeated`, k);
    add(`keyword ${k}= repeated`, `${k}=`);
    add(`keyword ${k}: repeated`, `_${k}: "`);
  }
  return [...out.values()];
}
