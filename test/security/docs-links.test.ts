/** docs/security.md links each promise to a test: every test it names must exist. */
import { expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

it('every test named in docs/security.md exists, and SECURITY.md exists', () => {
  const doc = readFileSync(path.join(REPO_ROOT, 'docs', 'security.md'), 'utf8');
  const named = [...new Set(doc.match(/test\/[a-z0-9/._-]+\.test\.ts/g) ?? [])];
  expect(named.length).toBeGreaterThan(10);
  expect(named.filter((f) => !existsSync(path.join(REPO_ROOT, f)))).toEqual([]);
  expect(existsSync(path.join(REPO_ROOT, 'SECURITY.md'))).toBe(true);
});
