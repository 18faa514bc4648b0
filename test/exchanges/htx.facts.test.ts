import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import adapter from '../../src/exchanges/htx.js';
import { checkCase, loadCases } from './adapter-cases.js';

const fake = new Fake('htx-facts');
const apiKey = `${fake.hex(8)}-${fake.hex(8)}-${fake.hex(8)}-${fake.hex(5)}`;
const secret = fake.alnum(43);
const cases = loadCases('htx', { key: apiKey, secret });

describe('htx toFacts (fixtures/exchanges/htx)', () => {
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
