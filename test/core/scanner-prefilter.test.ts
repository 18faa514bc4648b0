/**
 * The keyword prefilter: an Aho-Corasick automaton over every keyword of the rule set must select
 * exactly the rules whose keywords occur (case-insensitively), including keywords inside or
 * overlapping other keywords.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineSecretRule } from '../../src/core/define-rule.js';
import { SecretScanner } from '../../src/core/scanner.js';

const rule = (name: string, keywords: string[]) =>
  defineSecretRule({
    meta: { name, description: name, severity: 'high', recommended: true, message: 'm', fix: 'f' },
    keywords,
    pattern: /(?<secret>zzzz)/g,
    samples: () => ({ positive: [], negative: [] }),
  });

describe('keyword prefilter', () => {
  it('finds keywords that overlap or contain each other', () => {
    const rules = [rule('a', ['private_key']), rule('b', ['key']), rule('c', ['pk']), rule('d', ['priv']), rule('e', ['crypto.com'])];
    const scanner = new SecretScanner(rules);
    const names = (text: string) => scanner.candidateRules(text).map((c) => c.rule.meta.name).sort();
    expect(names('PRIVATE_KEY=1')).toEqual(['a', 'b', 'd']);
    expect(names('pkey')).toEqual(['b', 'c']);
    expect(names('cryptoXcom')).toEqual([]);
    expect(names('Crypto.com')).toEqual(['e']);
    expect(names('nothing here')).toEqual([]);
  });

  it('matches exactly the keywords a naive search finds (property)', () => {
    const alphabet = ['a', 'b', 'k', 'e', 'y', '_', '.', ' '];
    const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 1, maxLength: 8 }), fc.array(fc.constantFrom(...alphabet, 'A', 'K', 'é'), { maxLength: 60 }), (keywords, chars) => {
        const text = chars.join('');
        const rules = keywords.map((k, i) => rule(`r${i}`, [k]));
        const got = new SecretScanner(rules).candidateRules(text).map((c) => c.rule.meta.name).sort();
        const want = rules.filter((r) => text.toLowerCase().includes(r.keywords[0] as string)).map((r) => r.meta.name).sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});
