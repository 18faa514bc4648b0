/**
 * The ReDoS harness itself: it must derive runs from a rule's character classes and keywords, and
 * it must fail on a regex that really is quadratic (an unbounded `+` before a literal that never
 * comes), so the linearity tests over the real rules can fail.
 */
import { describe, expect, it } from 'vitest';
import { defineSecretRule } from '../src/core/define-rule.js';
import { characterClasses, pathologies } from './redos/pathological.js';
import { expectLinear } from './redos/linearity.js';

const rule = (pattern: RegExp, keywords: string[] = []) =>
  defineSecretRule({
    meta: { name: 'control', description: 'c', severity: 'high', recommended: true, message: 'm', fix: 'f' },
    keywords,
    pattern,
    samples: () => ({ positive: [], negative: [] }),
  });

describe('ReDoS harness', () => {
  it('expands character classes, ranges, escapes and negations', () => {
    expect(characterClasses('[a-c][\\d]x')).toEqual(['abc', '0123456789']);
    const negated = characterClasses('[^a-z]')[0] ?? '';
    expect(negated).toContain('A');
    expect(negated).not.toContain('q');
    expect(characterClasses('[A-C_-]')).toEqual(['ABC_-']);
  });

  it('builds runs from keywords and classes', () => {
    const units = pathologies(rule(/key(?<secret>[A-F]{4})/g, ['key'])).map((p) => p.unit);
    expect(units).toContain('ABCDEF');
    expect(units).toContain('key=');
  });

  it('fails on a quadratic pattern (negative control)', () => {
    const quadratic = rule(/(?<secret>[a]+b)/g);
    expect(() => expectLinear(quadratic, { small: 4_000, large: 40_000 })).toThrow(/ratio|less than/i);
  });

  it('passes a linear pattern at the same sizes', () => {
    expect(expectLinear(rule(/(?<secret>[a]{1,8}b)/g), { small: 4_000, large: 40_000 }).ratio).toBeLessThan(4);
  });
});
