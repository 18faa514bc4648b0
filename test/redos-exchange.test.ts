/**
 * ReDoS linearity of the exchange-credential rules: ~10 MB pathological lines built from each rule's own
 * character classes and keywords scan in time linear with their size (see test/redos/linearity.ts).
 */
import { describe, it } from 'vitest';
import { secretRules } from '../rules/secrets/index.js';
import { expectLinear } from './redos/linearity.js';

const rules = secretRules.filter((r) => /-api-key$|cdp-key$/.test(r.meta.name) && !/^(openai|anthropic)-/.test(r.meta.name));

describe('ReDoS: exchange-credential rules stay linear on pathological input', () => {
  it('covers rules', () => {
    if (rules.length === 0) throw new Error('no rules selected');
  });
  it.each(rules.map((r) => [r.meta.name, r] as const))('%s', (_name, rule) => {
    expectLinear(rule);
  }, 120_000);
});
