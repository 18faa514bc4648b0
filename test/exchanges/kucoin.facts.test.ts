import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import adapter from '../../src/exchanges/kucoin.js';
import { checkCase, loadCases } from './adapter-cases.js';

const fake = new Fake('kucoin-facts');
const apiKey = fake.hex(24);
const secret = fake.alnum(43);
const cases = loadCases('kucoin', { key: apiKey, secret });

describe('kucoin toFacts (fixtures/exchanges/kucoin)', () => {
  it('has ok and ng cases', () => {
    expect(cases.some((c) => c.name.startsWith('ok.'))).toBe(true);
    expect(cases.some((c) => c.name.startsWith('ng.'))).toBe(true);
  });
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const facts = checkCase(adapter, c, apiKey);
    // Nothing the caller passed in as a credential comes back out in the facts.
    expect(JSON.stringify(facts)).not.toContain(secret);
  });
});
