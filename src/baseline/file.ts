/**
 * Where the baseline lives and reading it: `--baseline <file>` (relative to the cwd), else the
 * config's `secrets.baseline` (relative to the config file), else `.keyaudit-baseline.json` next
 * to the config file or in the cwd. A missing default baseline just means "no baseline"; a missing
 * baseline someone named (flag or config) is an error, so a typo cannot silently unfilter a gate.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_BASELINE, type ResolvedConfig } from '../config/resolve.js';
import { UsageError } from '../core/errors.js';
import { BaselineFormatError, baselineFingerprints, parseBaseline } from './baseline.js';

export interface BaselineLocation {
  absPath: string;
  /** How to name it in messages. */
  display: string;
  /** Named by the user (flag or config), so it must exist when read. */
  explicit: boolean;
}

export function locateBaseline(cwd: string, config: ResolvedConfig, flag: string | undefined): BaselineLocation {
  if (flag !== undefined) return { absPath: path.resolve(cwd, flag), display: flag, explicit: true };
  const base = config.file === null ? cwd : path.dirname(path.resolve(cwd, config.file));
  const absPath = path.resolve(base, config.secrets.baselinePath);
  const display = path.relative(cwd, absPath) || absPath;
  return { absPath, display, explicit: config.secrets.baselinePath !== DEFAULT_BASELINE };
}

/** The accepted fingerprints, or null when there is no baseline. */
export async function readBaseline(location: BaselineLocation): Promise<Set<string> | null> {
  let text: string;
  try {
    text = await readFile(location.absPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !location.explicit) return null;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? 'read error');
    throw new UsageError(`cannot read the baseline ${location.display}: ${why} (create it with \`keyaudit baseline\`)`);
  }
  try {
    return baselineFingerprints(parseBaseline(text));
  } catch (error) {
    if (error instanceof BaselineFormatError) throw new UsageError(`invalid baseline ${location.display}: ${error.message} (regenerate it with \`keyaudit baseline\`)`);
    throw error;
  }
}
