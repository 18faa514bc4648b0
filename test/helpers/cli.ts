/**
 * Test helpers: run the CLI as a function call with fake IO, or spawn the built binary.
 */
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = path.join(REPO_ROOT, 'bin', 'keyaudit.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs keyaudit in-process with captured output. */
export async function runCli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; stdin?: string; isTTY?: Partial<CliIO['isTTY']> },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  else stdin.end();
  const code = await run({
    argv,
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    stdin,
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd,
    isTTY: { stdin: false, stdout: false, stderr: false, ...options.isTTY },
  });
  return { code, stdout, stderr };
}

/** Spawns the built CLI (run `npm run build` first; the test setup does). */
export function spawnCli(
  argv: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; input?: string; timeoutMs?: number },
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...argv],
      {
        cwd: options.cwd,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...options.env } as NodeJS.ProcessEnv,
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 99;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
    else child.stdin?.end();
  });
}
