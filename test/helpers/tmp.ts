/** Temp directories and real git repositories for tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

/** A fresh temp dir, removed after the current test. */
export function tempDir(prefix = 'keyaudit-test-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes files (path -> content) under dir, creating folders; mode optional per file. */
export function writeTree(dir: string, files: Record<string, string | { content: string | Buffer; mode?: number }>): void {
  for (const [name, spec] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    const { content, mode } = typeof spec === 'string' ? { content: spec, mode: undefined } : spec;
    writeFileSync(file, content);
    if (mode !== undefined) chmodSync(file, mode);
  }
}

/** The environment test git runs in: a fixed identity, no system config, HOME inside the repo. */
export function gitTestEnv(repo: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.invalid',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: repo,
  };
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: gitTestEnv(cwd) });
}

/** A temp dir with `git init` done (default branch main). */
export function gitRepo(): string {
  const dir = tempDir('keyaudit-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}
