/**
 * Folder fixtures: fixtures/secrets/<rule>/<ok|ng>.<case>/ holds one input file (a template whose
 * `{{kind:n}}` tokens are filled with fake values at run time, so no real-looking secret is
 * committed) and expected.json, the masked findings the whole rule set reports on it. `ng.*` cases
 * must report their rule; `ok.*` cases must report nothing. Regenerate after a deliberate change:
 *   UPDATE_FIXTURES=1 npx vitest run test/rules/secrets/fixtures.test.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretRules } from '../../../rules/secrets/index.js';
import { maskSecret } from '../../../src/core/mask.js';
import { SecretScanner } from '../../../src/core/scanner.js';
import { expandTemplate } from './fixture-template.js';

const ROOT = path.resolve(import.meta.dirname, '../../../fixtures/secrets');
const UPDATE = process.env.UPDATE_FIXTURES === '1';

interface Expected {
  ruleId: string;
  line: number;
  column: number;
  excerpt: string;
}

const scanner = new SecretScanner(secretRules);
const cases = existsSync(ROOT)
  ? readdirSync(ROOT).flatMap((rule) => readdirSync(path.join(ROOT, rule)).map((dir) => ({ rule, dir, folder: path.join(ROOT, rule, dir) })))
  : [];

describe('secret fixtures', () => {
  it('has an ok and an ng case for every rule', () => {
    for (const rule of secretRules) {
      const dirs = cases.filter((c) => c.rule === rule.meta.name).map((c) => c.dir);
      expect(dirs.some((d) => d.startsWith('ng.')), rule.meta.name).toBe(true);
      expect(dirs.some((d) => d.startsWith('ok.')), rule.meta.name).toBe(true);
    }
  });

  it.each(cases.map((c) => [`${c.rule}/${c.dir}`, c] as const))('%s', (_label, c) => {
    const inputs = readdirSync(c.folder).filter((f) => f !== 'expected.json');
    expect(inputs).toHaveLength(1);
    const text = expandTemplate(readFileSync(path.join(c.folder, inputs[0] as string), 'utf8'), `${c.rule}/${c.dir}`);
    const hits = scanner.scan({ path: inputs[0] as string, text, startLine: 1 });
    const actual: Expected[] = hits.map((h) => ({ ruleId: h.rule.meta.id, line: h.line, column: h.column, excerpt: maskSecret(h.secret) }));
    // The expected output is masked: no planted value may appear in it.
    for (const h of hits) expect(JSON.stringify(actual)).not.toContain(h.secret);
    const file = path.join(c.folder, 'expected.json');
    if (UPDATE || !existsSync(file)) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    if (c.dir.startsWith('ok.')) expect(actual).toEqual([]);
    else expect(actual.map((a) => a.ruleId)).toContain(`secrets/${c.rule}`);
  });
});
