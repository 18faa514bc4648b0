/**
 * Every git invocation goes through here: an argument array (never a shell) and options that turn
 * off everything a scanned repository could use to run code (fsmonitor, hooks, external diff and
 * textconv drivers, pagers). keyaudit runs in CI on strangers' pull requests.
 */
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const SAFE_GIT_CONFIG = [
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.pager=cat',
  '-c', 'diff.external=',
  '-c', 'core.untrackedCache=false',
  '-c', 'protocol.allow=never',
  '-c', 'core.sshCommand=false',
  '-c', 'credential.helper=',
];

export const SAFE_GIT_ENV: Record<string, string> = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  GIT_EXTERNAL_DIFF: '',
  GIT_OPTIONAL_LOCKS: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};

function gitEnv(): NodeJS.ProcessEnv {
  // Drop inherited GIT_* variables that could point git at another repository or config.
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  // Except the index a pre-commit hook is given: for `git commit -a` and `git commit <paths>` the
  // commit's content is only in that (temporary) index, so `scan --staged` must read it.
  const index = process.env.GIT_INDEX_FILE;
  return { ...env, ...SAFE_GIT_ENV, ...(index === undefined || index === '' ? {} : { GIT_INDEX_FILE: path.resolve(index) }) };
}

export function runGit(cwd: string, args: readonly string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      [...SAFE_GIT_CONFIG, ...args],
      { cwd, env: gitEnv(), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 128;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/** A streaming git process (history scans); the caller reads stdout. */
export function spawnGit(cwd: string, args: readonly string[]): ChildProcessWithoutNullStreams {
  return spawn('git', [...SAFE_GIT_CONFIG, ...args], { cwd, env: gitEnv(), windowsHide: true });
}

/** Top level of the work tree containing `dir`, or null outside git (or without git installed). */
export async function gitTopLevel(dir: string): Promise<string | null> {
  const result = await runGit(dir, ['rev-parse', '--show-toplevel']);
  return result.code === 0 ? result.stdout.trim() : null;
}

/** Which of `paths` (relative to `top`) git tracks. */
export async function gitTracked(top: string, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const result = await runGit(top, ['ls-files', '-z', '--', ...paths.map((p) => `:(literal)${p}`)]);
  return new Set(result.code === 0 ? result.stdout.split('\0').filter(Boolean) : []);
}

/** Which of `paths` (relative to `top`) git ignores. */
export async function gitIgnored(top: string, paths: readonly string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  // Exit 1 = none ignored; --no-index so tracked files are judged by the ignore rules alone.
  const result = await runGit(top, ['check-ignore', '--no-index', '-z', '--stdin'], paths.join('\0') + '\0');
  return new Set(result.code === 0 ? result.stdout.split('\0').filter(Boolean) : []);
}
