import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import adapter from '../../src/exchanges/bitget.js';
import { checkCase, loadCases } from './adapter-cases.js';

const fake = new Fake('bitget-facts');
const apiKey = `bg_${fake.hex(32)}`;
const secret = fake.alnum(43);
const cases = loadCases('bitget', { key: apiKey, secret });

describe('bitget toFacts (fixtures/exchanges/bitget)', () => {
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
