/**
 * Writes a report to --output atomically (temp file in the same directory, then rename) and never
 * through a planted symlink: a hostile repository could link report.sarif to ~/.bashrc.
 */
import { lstat, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { OutputError } from '../core/errors.js';

export async function writeReportFile(cwd: string, file: string, content: string): Promise<void> {
  const target = path.resolve(cwd, file);
  const existing = await lstat(target).catch(() => null);
  if (existing?.isSymbolicLink() === true) throw new OutputError(`refusing to write ${file}: it is a symbolic link`);
  if (existing?.isDirectory() === true) throw new OutputError(`cannot write ${file}: it is a directory`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx' fails rather than follow a link someone planted at the temp name.
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputError(`cannot write ${file} (${code}): check the directory exists and is writable`);
  }
}
