/**
 * Property-based tests (fast-check) with a fixed seed and run count, so CI is deterministic.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskSecret, MAX_REVEALED } from '../../src/core/mask.js';
import { validateConfig } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/core/errors.js';
import { renderJson } from '../../src/reporters/json.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { allRules } from '../../rules/index.js';
import type { Finding, Report } from '../../src/core/types.js';
import { reportValidator, sarifValidator } from '../reporters/helpers.js';

const RUNS = { seed: 20261125, numRuns: 200 };

describe('masking', () => {
  it('never reveals more than the documented prefix', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (secret) => {
        const masked = maskSecret(secret);
        expect(masked.endsWith('…')).toBe(true);
        const shown = masked.slice(0, -1);
        expect(shown.length).toBeLessThanOrEqual(MAX_REVEALED);
        expect(shown.length).toBeLessThanOrEqual(Math.floor(Array.from(secret.trim()).length / 4));
        expect(secret.trim().startsWith(shown) || shown === '' || /[^\x21-\x7e]/.test(secret)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('config validation', () => {
  it('any JSON value either validates or gives a ConfigError; never a crash', () => {
    const configish = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          accounts: fc.array(fc.record({ name: fc.string(), exchange: fc.oneof(fc.string(), fc.integer()), credentials: fc.jsonValue(), expectedIps: fc.array(fc.string()) }, { requiredKeys: [] })),
          rules: fc.dictionary(fc.oneof(fc.constantFrom(...allRules.map((r) => r.meta.id)), fc.string()), fc.oneof(fc.constantFrom('high', 'off', 'bogus'), fc.jsonValue())),
          secrets: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(configish, (raw) => {
        try {
          validateConfig(raw, 'fuzz.yml', allRules);
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as ConfigError).problems.length).toBeGreaterThan(0);
          expect((error as Error).message).toMatch(/^Invalid configuration in fuzz\.yml:/);
        }
      }),
      { ...RUNS, numRuns: 300 },
    );
  });
});

describe('report writers', () => {
  const severity = fc.constantFrom('critical', 'high', 'medium', 'low', 'info') as fc.Arbitrary<Finding['severity']>;
  const finding: fc.Arbitrary<Finding> = fc.record({
    ruleId: fc.constantFrom(...allRules.map((r) => r.meta.id)),
    severity,
    message: fc.string({ unit: 'binary', maxLength: 80 }),
    fix: fc.string({ maxLength: 80 }),
    file: fc.option(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 })), { nil: null }),
    line: fc.option(fc.integer({ min: 1, max: 1e6 }), { nil: null }),
    column: fc.option(fc.integer({ min: 1, max: 1e4 }), { nil: null }),
    commit: fc.option(fc.stringMatching(/^[0-9a-f]{40}$/), { nil: null }),
    authorDate: fc.option(fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) }).map((d) => d.toISOString()), { nil: null }),
    excerpt: fc.option(fc.string({ maxLength: 4 }).map((s) => `${s}…`), { nil: null }),
    fingerprint: fc.stringMatching(/^[0-9a-f]{32}$/),
  });
  const report = fc.array(finding, { maxLength: 12 }).map(
    (findings): Report => ({
      tool: { name: 'keyaudit', version: '0.1.0' },
      failOn: 'high',
      accounts: [],
      findings,
      skipped: [],
      stats: { filesScanned: 1, bytesScanned: 1, durationMs: 1 },
      failed: findings.length > 0,
      notes: [],
    }),
  );

  it('JSON output is always valid against docs/report.schema.json', () => {
    const validate = reportValidator();
    fc.assert(fc.property(report, (r) => {
          expect(validate(JSON.parse(renderJson(r)))).toEqual([]);
        }), { ...RUNS, numRuns: 100 });
  });

  it('SARIF output is always valid SARIF 2.1.0', () => {
    const validate = sarifValidator();
    const metas = allRules.map((r) => r.meta);
    fc.assert(fc.property(report, (r) => {
          expect(validate(JSON.parse(renderSarif(r, metas)))).toEqual([]);
        }), { ...RUNS, numRuns: 60 });
  });
});
