/**
 * Git history as fragments: every commit's added lines (`git log -p -U0`, all refs or a range),
 * streamed from git and parsed incrementally, so a long history never sits in memory. Merge commits
 * show no patch (their lines were added by the commits they merge), binary changes are reported as
 * skipped, and deleted files still count: the commit that added a secret is found even after a
 * later commit removed it.
 */
import { UsageError } from '../core/errors.js';
import type { Fragment } from '../core/types.js';
import { runGit, spawnGit } from './git.js';
import { COMMIT_FORMAT, PatchParser } from './patch.js';

export interface HistoryOptions {
  /** Repository (any directory inside its work tree, or a bare repository). */
  cwd: string;
  /** A revision range (`origin/main..HEAD`, `v1.0...`, a single commit); undefined = every ref. */
  range?: string | undefined;
  /** Limit to these paths (files or directories, relative to cwd); empty = everything. */
  paths?: readonly string[];
  onFragment(fragment: Fragment): void;
  onBinary?(path: string, commit: string): void;
  onCommit?(commit: string, authorDate: string): void;
}

export interface HistoryStats {
  commits: number;
  bytes: number;
}

/** The arguments of the `git log` that yields every added line (exported for the bench and tests). */
export function historyLogArgs(range: string | undefined, paths: readonly string[] = []): string[] {
  return [
    '-c', 'core.quotePath=false',
    '-c', 'diff.noprefix=false',
    '-c', 'diff.mnemonicPrefix=false',
    'log',
    '-p',
    '-U0',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--find-renames',
    '--full-history',
    '--no-abbrev',
    `--format=${COMMIT_FORMAT}`,
    ...(range === undefined ? ['--all'] : ['--end-of-options', range]),
    '--',
    // Paths (relative to the cwd git runs in) limit the history to them; literal, no glob magic.
    ...paths.map((p) => `:(literal)${p}`),
  ];
}

/** Checks the range up front so a typo is a clear usage error, not an empty report. */
export async function checkRange(cwd: string, range: string | undefined): Promise<void> {
  const inside = await runGit(cwd, ['rev-parse', '--git-dir']);
  if (inside.code !== 0) throw new UsageError(`--history needs a git repository, and ${cwd} is not inside one`);
  if (range === undefined) return;
  if (range.startsWith('-')) throw new UsageError(`--history: "${range}" is not a revision range (it starts with "-")`);
  const parsed = await runGit(cwd, ['rev-parse', '--revs-only', '--end-of-options', range]);
  if (parsed.code !== 0 || parsed.stdout.trim() === '') {
    const why = parsed.stderr.split('\n').find((l) => l.startsWith('fatal:'))?.replace(/^fatal: /, '') ?? 'unknown revision';
    throw new UsageError(`--history: git cannot read the range "${range}" (${why}); to limit the scan to paths, put them after \`--\`: keyaudit scan --history -- <paths>`);
  }
}

export async function scanHistory(options: HistoryOptions): Promise<HistoryStats> {
  await checkRange(options.cwd, options.range);
  const stats: HistoryStats = { commits: 0, bytes: 0 };
  const parser = new PatchParser({
    onFragment: options.onFragment,
    onBinary: options.onBinary,
    onCommit: (commit, date) => {
      stats.commits++;
      options.onCommit?.(commit, date);
    },
  });
  const child = spawnGit(options.cwd, historyLogArgs(options.range, options.paths ?? []));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (s: string) => {
    if (stderr.length < 4096) stderr += s;
  });
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 128));
  });
  // Async iteration pauses git (through the pipe) while a chunk is being scanned: memory stays flat.
  for await (const chunk of child.stdout) {
    stats.bytes += (chunk as Buffer).length;
    parser.write(chunk as Buffer);
  }
  parser.end();
  const code = await exited.catch(() => 128);
  if (code !== 0) {
    const why = stderr.split('\n').find((l) => l.startsWith('fatal:'))?.replace(/^fatal: /, '') ?? `git log exited with ${code}`;
    throw new UsageError(`--history: git could not read the history (${why})`);
  }
  return stats;
}
