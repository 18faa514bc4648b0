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
import { parseEnvFile, removeAssignments } from '../../src/store/dotenv.js';
import { COMMIT_MARKER, PatchParser } from '../../src/sources/patch.js';

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

describe('.env parser (keys import)', () => {
  const line = fc.oneof(
    fc.constantFrom('', '# comment', 'export BINANCE_API_KEY=abc', 'A="multi', 'line"', "B='x'", 'C=`y`', '  D = spaced ', 'E="esc\\"aped"', '=novalue', 'F'),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.tuple(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,12}$/), fc.string({ maxLength: 30 })).map(([k, v]) => `${k}=${v}`),
  );
  const file = fc.tuple(fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean()).map(([ls, eol, trailing]) => ls.join(eol) + (trailing ? eol : ''));

  it('round-trips every byte, and removing nothing changes nothing', () => {
    fc.assert(
      fc.property(file, (content) => {
        const env = parseEnvFile(content);
        expect(env.lines.map((l) => l.text + l.eol).join('')).toBe(content);
        expect(removeAssignments(env, new Set())).toBe(content);
      }),
      RUNS,
    );
  });

  it('removing a name drops exactly its lines and keeps every other byte', () => {
    fc.assert(
      fc.property(file, (content) => {
        const env = parseEnvFile(content);
        const name = env.assignments[0]?.name;
        if (name === undefined) return;
        const out = removeAssignments(env, new Set([name]));
        const again = parseEnvFile(out);
        expect(again.assignments.some((a) => a.name === name)).toBe(false);
        const kept = env.lines.filter((_, i) => !env.assignments.some((a) => a.name === name && i >= a.startLine && i <= a.endLine));
        expect(out).toBe(kept.map((l) => l.text + l.eol).join(''));
      }),
      RUNS,
    );
  });
});

describe('git patch parser (history scans)', () => {
  const addedLine = fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''));
  const hunk = fc.tuple(fc.integer({ min: 1, max: 500 }), fc.array(addedLine, { minLength: 1, maxLength: 5 }));
  const commit = fc.tuple(fc.stringMatching(/^[0-9a-f]{40}$/), fc.stringMatching(/^[a-z]{1,8}\.(?:py|env|js)$/), fc.array(hunk, { minLength: 1, maxLength: 3 }));
  const log = fc.array(commit, { minLength: 1, maxLength: 4 });

  const render = (commits: [string, string, [number, string[]][]][]): string =>
    commits
      .map(
        ([sha, file, hunks]) =>
          `${COMMIT_MARKER}${sha} 2024-01-02T03:04:05+00:00\n\ndiff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n` +
          hunks.map(([start, lines]) => `@@ -0,0 +${start},${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`).join(''),
      )
      .join('');

  it('every hunk comes out once, whole, with its commit, path and start line, however the input is split', () => {
    fc.assert(
      fc.property(log, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }), (commits, cuts) => {
        // git's output arrives as byte chunks: split the UTF-8 bytes anywhere, even inside a character.
        const bytes = Buffer.from(render(commits), 'utf8');
        const fragments: { commit: string | null | undefined; path: string; startLine: number; text: string }[] = [];
        const parser = new PatchParser({ onFragment: (f) => fragments.push({ commit: f.commit, path: f.path, startLine: f.startLine, text: f.text }) });
        let at = 0;
        for (let i = 0; at < bytes.length; i++) {
          const size = cuts[i % cuts.length] as number;
          parser.write(bytes.subarray(at, at + size));
          at += size;
        }
        parser.end();
        const expected = commits.flatMap(([sha, file, hunks]) => hunks.map(([start, lines]) => ({ commit: sha, path: file, startLine: start, text: lines.join('\n') })));
        expect(fragments).toEqual(expected);
      }),
      { ...RUNS, numRuns: 150 },
    );
  });
});
