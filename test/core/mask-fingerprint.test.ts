import { describe, expect, it } from 'vitest';
import { maskSecret, redactText } from '../../src/core/mask.js';
import { secretFingerprint, plainFingerprint } from '../../src/core/fingerprint.js';
import { hitsToFindings, dedupeAndSort, applyBaseline } from '../../src/core/pipeline.js';
import { formatMessage } from '../../src/core/define-rule.js';
import { Fake } from '../../src/core/fake.js';
import { secretRules } from '../../rules/index.js';
import type { SecretHit } from '../../src/core/scanner.js';
import type { Finding } from '../../src/core/types.js';

describe('maskSecret', () => {
  it('reveals at most 4 characters, and at most a quarter of short values', () => {
    expect(maskSecret('AbCdEfGhIjKlMnOp')).toBe('AbCd…');
    expect(maskSecret('abcdefgh')).toBe('ab…');
    expect(maskSecret('abc')).toBe('…');
    expect(maskSecret('')).toBe('…');
  });

  it('redactText replaces every occurrence', () => {
    expect(redactText('key=SECRETVALUE123 again SECRETVALUE123', ['SECRETVALUE123'])).toBe('key=SEC… again SEC…');
  });
});

describe('fingerprints', () => {
  const fake = new Fake('fp');
  const secret = fake.alnum(64);

  it('are stable, one-way and depend on rule, file and secret', () => {
    const fp = secretFingerprint('secrets/x', 'a/.env', secret);
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    expect(secretFingerprint('secrets/x', 'a/.env', secret)).toBe(fp);
    expect(secretFingerprint('secrets/y', 'a/.env', secret)).not.toBe(fp);
    expect(secretFingerprint('secrets/x', 'b/.env', secret)).not.toBe(fp);
    expect(secretFingerprint('secrets/x', 'a/.env', fake.alnum(64))).not.toBe(fp);
    expect(fp).not.toContain(secret.slice(0, 8));
    expect(secretFingerprint('secrets/x', 'a/.env', secret, 2)).toBe(`${fp}:2`);
  });

  it('salt guessable secrets through scrypt (different from a plain hash)', () => {
    const weak = 'hunter2';
    const fp = secretFingerprint('secrets/db-url', 'app.env', weak);
    expect(fp).toMatch(/^[0-9a-f]{32}$/);
    expect(fp).not.toBe(plainFingerprint('secrets/db-url', 'app.env', weak));
  });
});

describe('pipeline', () => {
  const rule = secretRules[0]!;
  const hit = (secret: string, offset: number, line: number): SecretHit => ({ rule, secret, path: 'f', line, column: 1, offset, commit: null, authorDate: null });

  it('masks, numbers repeats, drops chunk-overlap duplicates and respects off', () => {
    const fake = new Fake('pipe');
    const a = fake.alnum(64);
    const findings = hitsToFindings([hit(a, 10, 1), hit(a, 10, 1), hit(a, 500, 9)], () => 'high');
    expect(findings).toHaveLength(2);
    expect(findings.map((f) => f.severity)).toEqual(['high', 'high']);
    expect(findings[1]!.fingerprint).toBe(`${findings[0]!.fingerprint}:1`);
    expect(JSON.stringify(findings)).not.toContain(a.slice(0, 5));
    expect(hitsToFindings([hit(a, 10, 1)], () => 'off')).toEqual([]);
  });

  it('dedupes and sorts by severity, file, line', () => {
    const f = (severity: Finding['severity'], file: string, line: number): Finding => ({ ruleId: 'secrets/x', severity, message: '', fix: '', file, line, column: 1, commit: null, authorDate: null, excerpt: null, fingerprint: `${file}${line}` });
    const sorted = dedupeAndSort([f('low', 'a', 1), f('critical', 'b', 5), f('critical', 'a', 9), f('critical', 'a', 9)]);
    expect(sorted.map((x) => `${x.severity}:${x.file}:${x.line}`)).toEqual(['critical:a:9', 'critical:b:5', 'low:a:1']);
    expect(applyBaseline(sorted, new Set(['b5'])).map((x) => x.file)).toEqual(['a', 'a']);
  });

  it('formatMessage fills known placeholders only', () => {
    expect(formatMessage('{{a}} and {{b}}', { a: 1 })).toBe('1 and {{b}}');
  });
});
