/**
 * Everything the CLI touches of the outside world, passed in so commands are plain function calls in
 * tests (fake streams, fake env) and only bin/keyaudit.js binds them to the real process.
 */
export interface Writer {
  write(chunk: string): unknown;
}

export interface CliIO {
  argv: readonly string[];
  stdout: Writer;
  stderr: Writer;
  stdin: NodeJS.ReadableStream;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  isTTY: { stdin: boolean; stdout: boolean; stderr: boolean };
}

export type ExitCode = 0 | 1 | 2;

/** Shared by every command: the IO and the way to set the exit code. */
export interface CommandContext {
  io: CliIO;
  setExitCode(code: ExitCode): void;
}

/** Options every command accepts (the contract's global flags). */
export interface GlobalOptions {
  config?: string;
  format: string;
  output?: string;
  failOn: string;
  allowUnknown: boolean;
  quiet: boolean;
  verbose: boolean;
  color: boolean;
  progress: boolean;
}

export function useColor(io: CliIO, opts: { color: boolean; output?: string | undefined }): boolean {
  if (!opts.color) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY.stdout && opts.output === undefined;
}

/** Progress lines only on an interactive stderr, never in CI logs or piped output. */
export function useProgress(io: CliIO, opts: { progress: boolean; quiet: boolean }): boolean {
  return opts.progress && !opts.quiet && io.isTTY.stderr && (io.env.CI === undefined || io.env.CI === '' || io.env.CI === 'false');
}
