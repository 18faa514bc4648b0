/**
 * Supply chain: the published package holds only what it needs (no tests, fixtures with fake
 * secrets, sources or benches), has no install scripts of its own, and pins its dependencies.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';

interface PackageJson {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
}
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

describe('published package', () => {
  it('npm pack contains only bin, compiled code, docs and metadata', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toContain('bin/keyaudit.js');
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('dist/cli/keyaudit.js');
    expect(files).toContain('dist/cli/scan-worker.js');
    expect(files).toContain('docs/config.schema.json');
    const allowed = /^(?:bin\/keyaudit\.js|dist\/(?:src|rules)\/.+\.(?:js|d\.ts)|dist\/cli\/(?:[\w-]+\.js|package\.json)|docs\/.+\.(?:md|json)|README\.md|LICENSE|package\.json|action\.yml|\.pre-commit-hooks\.yaml)$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
    expect(files.some((f) => /^(?:test|fixtures|bench|src|rules)\//.test(f))).toBe(false);
  });

  it('has no install-time scripts of its own', () => {
    for (const hook of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[hook]).toBeUndefined();
  });

  it('pins every dependency to an exact version and commits the lockfile', () => {
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      expect(version, name).toMatch(/^\d+\.\d+\.\d+(?:-[\w.]+)?$/);
    }
    expect(existsSync(path.join(REPO_ROOT, 'package-lock.json'))).toBe(true);
  });
});
