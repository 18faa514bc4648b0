/**
 * Runs every secret rule's own samples (built at run time by `Fake`, so no real-looking secret is
 * committed): each positive must be reported by the rule, each negative must not. Also checks the
 * rule-set invariants: ids match file names, every rule file is listed, has a doc and keywords (or
 * is documented as cheap), and the scanner never reports a secret twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretRules } from '../../../rules/secrets/index.js';
import { Fake } from '../../../src/core/fake.js';
import { SecretScanner } from '../../../src/core/scanner.js';

const RULES_DIR = path.resolve(import.meta.dirname, '../../../rules/secrets');
const scanText = (scanner: SecretScanner, text: string) => scanner.scan({ path: 'sample.txt', text, startLine: 1 });
const full = new SecretScanner(secretRules);

describe.each(secretRules.map((r) => [r.meta.name, r] as const))('%s', (_name, rule) => {
  const samples = rule.samples(new Fake(`samples/${rule.meta.id}`));
  const alone = new SecretScanner([rule]);

  it('has positive and negative samples', () => {
    expect(samples.positive.length).toBeGreaterThan(0);
    expect(samples.negative.length).toBeGreaterThan(0);
  });

  it.each(samples.positive.map((s, i) => [i, s] as const))('finds positive #%i', (_i, sample) => {
    const hits = scanText(alone, sample);
    expect(hits.map((h) => h.rule.meta.id), sample).toContain(rule.meta.id);
    // With the whole rule set, some specific rule (this one, or a more precise one listed first) reports it.
    const all = scanText(full, sample);
    expect(all.length, sample).toBeGreaterThan(0);
    if (rule.generic !== true) expect(all.some((h) => h.rule.generic !== true)).toBe(true);
    for (const h of hits) expect(sample).toContain(h.secret);
  });

  it.each(samples.negative.map((s, i) => [i, s] as const))('stays quiet on negative #%i', (_i, sample) => {
    expect(scanText(alone, sample).map((h) => h.secret.slice(0, 4)), sample).toEqual([]);
  });

  it('is listed, documented and named after its file', () => {
    const file = path.join(RULES_DIR, `${rule.meta.name}.ts`);
    expect(readFileSync(file, 'utf8')).toContain(`name: '${rule.meta.name}'`);
    const doc = readFileSync(path.join(RULES_DIR, `${rule.meta.name}.md`), 'utf8');
    expect(doc).toMatch(/## What it finds/);
    expect(doc).toMatch(/## Fix/);
    expect(rule.meta.fix.length).toBeGreaterThan(20);
  });
});

describe('the secret rule set', () => {
  it('lists every rule file in rules/secrets/index.ts', () => {
    const files = readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.replace(/\.ts$/, ''));
    expect(secretRules.map((r) => r.meta.name).sort()).toEqual(files.sort());
  });

  it('gives every rule keywords unless its pattern is anchored cheaply (documented in the rule)', () => {
    const alwaysRun = secretRules.filter((r) => r.keywords.length === 0).map((r) => r.meta.name);
    expect(alwaysRun.sort()).toEqual(['bip39-seed-phrase', 'solana-private-key', 'wif-private-key']);
    for (const name of alwaysRun) expect(readFileSync(path.join(RULES_DIR, `${name}.ts`), 'utf8')).toMatch(/Always runs/);
  });

  it('uses severities by category: exchange and wallet keys critical, services and generic high', () => {
    for (const rule of secretRules) {
      const expected = /api-key$|cdp-key$|seed-phrase|private-key|extended-private/.test(rule.meta.name) && !/^(openai|anthropic)/.test(rule.meta.name) ? 'critical' : 'high';
      expect(rule.meta.severity, rule.meta.id).toBe(expected);
    }
  });

  it('bounds every quantifier (no * or + in any pattern)', () => {
    for (const rule of secretRules) {
      const source = rule.pattern.source.replace(/\\./g, '');
      expect(source, rule.meta.id).not.toMatch(/[*+](?![^[]*\])/);
    }
  });

  it('reports one secret once, even when several rules see it', () => {
    const fake = new Fake('overlap');
    const body = fake.base64(121).replace(/(.{64})/g, '$1\\n');
    const cdp = `{"name": "organizations/${fake.uuid()}/apiKeys/${fake.uuid()}", "privateKey": "-----BEGIN EC PRIVATE KEY-----\\n${body}\\n-----END EC PRIVATE KEY-----\\n"}`;
    const hits = scanText(full, cdp);
    expect(hits.map((h) => h.rule.meta.name)).toEqual(['coinbase-cdp-key']);
    const generic = scanText(full, `BINANCE_API_SECRET=${fake.alnum(64)}`);
    expect(generic.map((h) => h.rule.meta.name)).toEqual(['binance-api-key']);
  });
});
