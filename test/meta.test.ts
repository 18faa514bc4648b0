/**
 * Everything derived from metadata stays derived: each rule file is registered, documented and
 * tested; generated docs are current; the version matches package.json.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { allRules } from '../rules/index.js';
import { generatedDocs } from '../src/docs/generated.js';
import { VERSION } from '../src/version.js';
import { Fake } from '../src/core/fake.js';
import { SecretScanner } from '../src/core/scanner.js';
import { REPO_ROOT } from './helpers/cli.js';

const FAMILIES = ['secrets', 'hygiene', 'keys'] as const;

function ruleFiles(family: string): string[] {
  const dir = path.join(REPO_ROOT, 'rules', family);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.startsWith('_'))
    .map((f) => f.slice(0, -3));
}

function allTestText(): string {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) out.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(REPO_ROOT, 'test'));
  return out.join('\n');
}

describe('rule metadata', () => {
  const tests = allTestText();
  for (const family of FAMILIES) {
    for (const name of ruleFiles(family)) {
      it(`${family}/${name} is registered, documented and tested`, () => {
        const rule = allRules.find((r) => r.meta.id === `${family}/${name}`);
        expect(rule, `rules/${family}/${name}.ts is not listed in rules/${family}/index.ts`).toBeDefined();
        expect(existsSync(path.join(REPO_ROOT, 'rules', family, `${name}.md`)), `rules/${family}/${name}.md is missing`).toBe(true);
        expect(rule?.meta.description.length).toBeGreaterThan(10);
        expect(rule?.meta.fix.length).toBeGreaterThan(10);
        if (rule?.kind === 'secret') {
          // Secret rules carry their own samples; every positive must fire and no negative may.
          const samples = rule.samples(new Fake(rule.meta.id));
          expect(samples.positive.length).toBeGreaterThan(0);
          expect(samples.negative.length).toBeGreaterThan(0);
          const scanner = new SecretScanner([rule]);
          for (const text of samples.positive) expect(scanner.scan({ path: 'sample', text, startLine: 1 }).length, `positive sample missed: ${text.slice(0, 40)}`).toBeGreaterThan(0);
          for (const text of samples.negative) expect(scanner.scan({ path: 'sample', text, startLine: 1 }), `negative sample fired: ${text.slice(0, 40)}`).toEqual([]);
        } else {
          expect(tests.includes(name), `no test mentions ${family}/${name}`).toBe(true);
        }
      });
    }
  }

  it('every registered rule has a file named like its id', () => {
    for (const rule of allRules) expect(existsSync(path.join(REPO_ROOT, 'rules', `${rule.meta.id}.ts`)), rule.meta.id).toBe(true);
  });

  it('rule ids are unique', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('generated documents are current (run `npm run docs` to update)', () => {
  for (const [file, content] of Object.entries(generatedDocs())) {
    it(file, () => expect(readFileSync(path.join(REPO_ROOT, file), 'utf8')).toBe(content));
  }
});

it('src/version.ts matches package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
