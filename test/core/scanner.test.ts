/**
 * SecretScanner behaviour beyond single rules: one finding per secret (generic yields, specific
 * priority by rule order), inline allows, minified lines, alternative secret groups, `$before`,
 * placeholders and env references, and positions across fragments.
 */
import { describe, expect, it } from 'vitest';
import { defineSecretRule, type SecretRuleInput } from '../../src/core/define-rule.js';
import { Fake } from '../../src/core/fake.js';
import { SecretScanner } from '../../src/core/scanner.js';

const base: Omit<SecretRuleInput, 'meta' | 'pattern' | 'keywords'> = { samples: () => ({ positive: [], negative: [] }) };
const rule = (name: string, pattern: RegExp, extra: Partial<SecretRuleInput> = {}) =>
  defineSecretRule({ ...base, meta: { name, description: name, severity: 'high', recommended: true, message: 'm', fix: 'f' }, keywords: [], pattern, ...extra });

const fake = new Fake('scanner-test');
const scan = (scanner: SecretScanner, text: string, startLine = 1) => scanner.scan({ path: 'f.txt', text, startLine });

describe('SecretScanner', () => {
  const token = fake.alnum(32);
  const specificA = rule('specific-a', /tok_(?<secret>[A-Za-z0-9]{32})/g);
  const specificB = rule('specific-b', /(?<secret>[A-Za-z0-9]{32})/g);
  const generic = rule('generic', /(?<secret>[A-Za-z0-9]{32})/g, { generic: true });

  it('reports one secret once: generic yields, and the first-listed specific rule wins', () => {
    const names = (rules: ReturnType<typeof rule>[]) => scan(new SecretScanner(rules), `x = tok_${token}`).map((h) => h.rule.meta.name);
    expect(names([generic, specificA, specificB])).toEqual(['specific-a']);
    expect(names([specificB, specificA, generic])).toEqual(['specific-b']);
    expect(names([generic])).toEqual(['generic']);
  });

  it('honours keyaudit:allow on the line or the line above, optionally for one rule', () => {
    const scanner = new SecretScanner([specificA, specificB]);
    expect(scan(scanner, `x = tok_${token} # keyaudit:allow`)).toEqual([]);
    expect(scan(scanner, `# keyaudit:allow\nx = tok_${token}`)).toEqual([]);
    expect(scan(scanner, `x = tok_${token} # keyaudit:allow specific-b`).map((h) => h.rule.meta.name)).toEqual(['specific-a']);
    expect(scan(scanner, `# keyaudit:allow\n\nx = tok_${token}`)).toHaveLength(1);
  });

  it('allowing the specific rule also silences the generic rule on the same value', () => {
    const scanner = new SecretScanner([generic, specificA]);
    expect(scan(scanner, `x = tok_${token} # keyaudit:allow specific-a`)).toEqual([]);
    expect(scan(scanner, `x = tok_${token} # keyaudit:allow generic`).map((h) => h.rule.meta.name)).toEqual(['specific-a']);
  });

  it('skips generic rules on minified lines but not specific ones', () => {
    const line = `${'a.b=c;'.repeat(300)}x=tok_${token};${'d=e;'.repeat(100)}`;
    expect(scan(new SecretScanner([generic]), line)).toEqual([]);
    expect(scan(new SecretScanner([specificA]), line)).toHaveLength(1);
    expect(scan(new SecretScanner([generic]), `x = tok_${token}`)).toHaveLength(1);
  });

  it('takes the secret from `secret2`… groups of alternatives and gives validate the text before the match', () => {
    let before: string | undefined;
    const alt = rule('alt', /a:(?<secret>[0-9]{4})|b:(?<secret2>[a-z]{4})/g, {
      validate: (_s, groups) => {
        before = groups.$before;
        return true;
      },
    });
    const hits = scan(new SecretScanner([alt]), 'lead b:wxyz');
    expect(hits.map((h) => [h.secret, h.column])).toEqual([['wxyz', 8]]);
    expect(before).toBe('lead ');
  });

  it('drops placeholders and environment references', () => {
    const any = rule('any', /=[ ]?(?<secret>[A-Za-z0-9_.${}[\]"]{8,40})/g);
    const scanner = new SecretScanner([any]);
    for (const text of ['K=your_api_key_here', 'K=${API_KEY}', 'K= process.env.API_KEY', 'K=xxxxxxxxxxxx', 'K=changeme123'])
      expect(scan(scanner, text), text).toEqual([]);
    expect(scan(scanner, `K=${fake.alnum(20)}`)).toHaveLength(1);
  });

  it('runs only the rules whose keywords occur', () => {
    const keyed = rule('keyed', /(?<secret>[A-Za-z0-9]{32})/g, { keywords: ['binance'] });
    const scanner = new SecretScanner([keyed]);
    expect(scan(scanner, `k = ${token}`)).toEqual([]);
    expect(scan(scanner, `BINANCE k = ${token}`)).toHaveLength(1);
  });

  it('reports lines relative to the fragment and absolute offsets', () => {
    const hits = scanner2().scan({ path: 'f', text: `a\nb tok_${token}`, startLine: 10, startOffset: 100 });
    expect(hits.map((h) => [h.line, h.column, h.offset])).toEqual([[11, 7, 100 + 2 + 6]]);
  });
});

function scanner2(): SecretScanner {
  return new SecretScanner([rule('s', /tok_(?<secret>[A-Za-z0-9]{32})/g)]);
}
