/**
 * Scan scopes (ScanScope in src/core/scanner.ts) are a speed hint only: with them the scanner runs
 * a rule's pattern on parts of a fragment, and it must find exactly what the pattern finds over the
 * whole fragment. Checked on the generated corpus, every fixture, every rule's samples (alone and
 * embedded in surrounding text, at line and run boundaries), and hand-made edge cases. Hits are
 * compared by rule, position and a hash of the secret, so no secret is printed on failure.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretRules } from '../../rules/secrets/index.js';
import { defineSecretRule } from '../../src/core/define-rule.js';
import { Fake } from '../../src/core/fake.js';
import { SecretScanner } from '../../src/core/scanner.js';
import { generateCorpus } from '../corpus/generate.js';
import { expandTemplate } from '../rules/secrets/fixture-template.js';

const scoped = new SecretScanner(secretRules);
const whole = new SecretScanner(secretRules, { ignoreScopes: true });

function hits(scanner: SecretScanner, text: string): string[] {
  return scanner
    .scan({ path: 'f.txt', text, startLine: 1 })
    .map((h) => `${h.rule.meta.name} ${h.line}:${h.column} @${h.offset} ${createHash('sha256').update(h.secret).digest('hex').slice(0, 12)}`);
}

function expectSame(label: string, text: string): void {
  expect(hits(scoped, text), label).toEqual(hits(whole, text));
}

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/secrets');

describe('scan scopes find exactly what whole-fragment scans find', () => {
  it('scopes the rules that run on most files', () => {
    const names = secretRules.filter((r) => r.scope !== undefined).map((r) => r.meta.name);
    for (const name of ['generic-secret-assignment', 'evm-private-key', 'bip39-seed-phrase', 'solana-private-key', 'wif-private-key', 'binance-api-key', 'gate-api-key']) {
      expect(names).toContain(name);
    }
  });

  it('on the generated corpus', () => {
    for (const file of generateCorpus('keyaudit-corpus-v1', 1200)) expectSame(file.path, file.text);
  });

  it('on every fixture', () => {
    for (const rule of readdirSync(FIXTURES)) {
      for (const dir of readdirSync(path.join(FIXTURES, rule))) {
        const input = readdirSync(path.join(FIXTURES, rule, dir)).find((f) => f !== 'expected.json') as string;
        expectSame(`${rule}/${dir}`, expandTemplate(readFileSync(path.join(FIXTURES, rule, dir, input), 'utf8'), `${rule}/${dir}`));
      }
    }
  });

  it("on every rule's samples, alone and inside other text", () => {
    const fake = new Fake('scope-samples');
    const filler = ['// a line of code with key = value and a token', `noise ${fake.alnum(300)}`, 'the quick brown fox jumps over the lazy dog '.repeat(3)];
    for (const rule of secretRules) {
      const { positive, negative } = rule.samples(new Fake(`samples:${rule.meta.name}`));
      for (const sample of [...positive, ...negative]) {
        expectSame(rule.meta.name, sample);
        for (const f of filler) {
          expectSame(rule.meta.name, `${f}\n${sample}\n${f}`);
          expectSame(rule.meta.name, `${f}${sample}${f}`);
          expectSame(rule.meta.name, `${f} ${sample}`);
        }
        // Far from the keyword: the exchange context window, and beyond it.
        expectSame(rule.meta.name, `binance\n${'x = 1\n'.repeat(80)}${sample}`);
        expectSame(rule.meta.name, `${sample}\n${'x = 1\n'.repeat(80)}gate.io`);
      }
    }
  });

  it('on edge cases: a keyword far before its match, the Kubernetes long form, CRLF, run ends, minified lines', () => {
    const fake = new Fake('scope-edges');
    const key = fake.alnum(40);
    const cases = [
      `# binance\n${'filler line\n'.repeat(20)}api_key: "${fake.hex(64)}"`,
      `exchange = ccxt.binance({ "apiKey": "${fake.alnum(64)}", ${'"x": 1, '.repeat(60)} "secret": "${fake.alnum(64)}" })`,
      `env:\r\n  - name: SIGNING_KEY\r\n    value: "${key}"\r\n`,
      `- name: ${'A'.repeat(40)}_PASSWORD\n${' '.repeat(20)}value: "${key}"`,
      `[${Array.from({ length: 64 }, () => fake.int(256)).join(',')}]`,
      `x ${fake.base58(52)}`,
      `KEY=${fake.alnum(30)}\n`.repeat(500),
      `${'k'.repeat(5000)}ey = "${key}"`,
      // Minified: scopes cut at ; { } instead of line breaks.
      `var a={};${'x=1;'.repeat(300)}var ex=ccxt.binance({apiKey:"${fake.alnum(64)}",secret:"${fake.alnum(64)}"});${'y=2;'.repeat(300)}`,
      `${'f(a,b);'.repeat(300)}const cfg={auth:{token:"${key}"},pk:"0x${fake.hex(64)}"};${'g();'.repeat(300)}`,
    ];
    for (const [i, text] of cases.entries()) expectSame(`edge ${i}`, text);
  });

  it('merges overlapping regions: a match is reported once', () => {
    const rule = defineSecretRule({
      meta: { name: 'scoped', description: 'd', severity: 'high', recommended: true, message: 'm', fix: 'f' },
      keywords: [],
      pattern: /(?<secret>[a-z0-9]{20,40})/g,
      samples: () => ({ positive: [], negative: [] }),
      scope: { runs: [{ chars: 'a-z', min: 8, pad: 1 }, { chars: 'a-z0-9', min: 20, pad: 1 }] },
    });
    const text = `-- ${'abcdefgh1'.repeat(3)}abcdefghij -- 12345678901234567890123 --`;
    const a = new SecretScanner([rule]).scan({ path: 'f', text, startLine: 1 });
    const b = new SecretScanner([rule], { ignoreScopes: true }).scan({ path: 'f', text, startLine: 1 });
    expect(a.map((h) => h.offset)).toEqual(b.map((h) => h.offset));
  });
});
