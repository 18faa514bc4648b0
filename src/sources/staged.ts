/**
 * What `git commit` would record: the index's version of every added, copied, modified or renamed
 * file (`git diff --cached --raw -z`), read blob by blob from one `git cat-file --batch` process.
 * Unstaged edits in the working tree are not looked at. Blob ids come from the diff, so file names
 * with newlines or odd bytes never go through a line-based protocol.
 */
import path from 'node:path';
import { UsageError } from '../core/errors.js';
import type { SkippedFile } from '../core/types.js';
import { runGit, spawnGit } from './git.js';

export interface StagedFile {
  /** Repository-relative path, forward slashes. */
  path: string;
  blob: string;
  /** Git file mode (100644, 100755). */
  mode: string;
}

export interface StagedBlob extends StagedFile {
  content: Buffer;
}

const SNIFF = 8000;

/** Top level of the repository and the staged files (symlinks and submodules left out). */
export async function listStaged(cwd: string, paths: readonly string[] = []): Promise<{ top: string; files: StagedFile[] }> {
  // Paths limit the staged files (the pre-commit framework passes them); literal, so no glob magic.
  // Relative to cwd, where git runs: the diff need not wait for rev-parse (the hook's start-up
  // pays for every git process it waits on). diff.relative=false keeps paths relative to the top.
  const specs = paths.map((p) => `:(literal)${path.relative(cwd, path.resolve(cwd, p)).split(path.sep).join('/') || '.'}`);
  const [topResult, diff] = await Promise.all([
    runGit(cwd, ['rev-parse', '--show-toplevel']),
    runGit(cwd, ['-c', 'diff.relative=false', 'diff', '--cached', '--raw', '-z', '--no-abbrev', '--no-renames', '--no-ext-diff', '--diff-filter=ACMR', '--', ...specs]),
  ]);
  if (topResult.code !== 0) throw new UsageError(`--staged needs a git work tree, and ${cwd} is not inside one`);
  const top = topResult.stdout.replace(/\n$/, '');
  if (diff.code !== 0) throw new UsageError(`--staged: git could not list the staged files (${firstFatal(diff.stderr)})`);
  return { top, files: parseRawDiff(diff.stdout) };
}

/** Parses `git diff --raw -z` (`:old new srcBlob dstBlob STATUS\0path\0[path2\0]`). */
export function parseRawDiff(raw: string): StagedFile[] {
  const parts = raw.split('\0');
  const files: StagedFile[] = [];
  for (let i = 0; i < parts.length; i++) {
    const header = parts[i] as string;
    if (!header.startsWith(':')) continue;
    const [, newMode = '', , dstBlob = '', status = ''] = header.slice(1).split(' ');
    const twoPaths = status.startsWith('R') || status.startsWith('C');
    const path = parts[twoPaths ? i + 2 : i + 1] ?? '';
    i += twoPaths ? 2 : 1;
    // 120000 = symlink (the blob is a link target), 160000 = submodule (a commit, not a blob).
    if (newMode === '120000' || newMode === '160000' || /^0+$/.test(dstBlob)) continue;
    files.push({ path, blob: dstBlob, mode: newMode });
  }
  return files;
}

/**
 * Streams the blobs of `files` through one `git cat-file --batch`: each blob is handed to `onBlob`
 * as soon as it is complete; blobs over `maxSize` are skipped while they stream past (never held),
 * binary ones (a NUL in the first 8000 bytes, as git decides) are reported.
 */
export async function readStagedBlobs(
  top: string,
  files: readonly StagedFile[],
  maxSize: number,
  onBlob: (blob: StagedBlob) => void,
  onSkip: (skip: SkippedFile) => void,
): Promise<void> {
  if (files.length === 0) return;
  const child = spawnGit(top, ['cat-file', '--batch']);
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 128));
  });
  child.stdin.on('error', () => undefined);
  child.stdin.end(files.map((f) => `${f.blob}\n`).join(''));

  let index = 0;
  let pending: Buffer = Buffer.alloc(0);
  /** Size of the blob being read, -1 while waiting for a header. */
  let size = -1;
  let parts: Buffer[] = [];
  let got = 0;
  let skipping = false;

  const finishBlob = (): void => {
    const file = files[index++] as StagedFile;
    if (skipping) onSkip({ path: file.path, reason: 'too-large', detail: `${size} bytes is over maxFileSize (${maxSize})` });
    else {
      const content = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
      if (content.subarray(0, SNIFF).includes(0)) onSkip({ path: file.path, reason: 'binary' });
      else onBlob({ ...file, content });
    }
    parts = [];
    got = 0;
    size = -1;
    skipping = false;
  };

  for await (const chunk of child.stdout) {
    let buf: Buffer = pending.length > 0 ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    pending = Buffer.alloc(0);
    while (buf.length > 0) {
      if (size === -1) {
        const nl = buf.indexOf(10);
        if (nl === -1) {
          pending = buf;
          break;
        }
        const header = buf.subarray(0, nl).toString('utf8');
        buf = buf.subarray(nl + 1);
        const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
        if (m === null) {
          // "<id> missing": the index names a blob the object store lacks (a corrupt repository).
          const file = files[index++];
          if (file !== undefined) onSkip({ path: file.path, reason: 'unreadable', detail: 'blob missing from the object store' });
          continue;
        }
        size = Number(m[2]);
        skipping = size > maxSize;
        // Content plus the newline cat-file prints after it.
        continue;
      }
      const need = size + 1 - got;
      const take = Math.min(need, buf.length);
      const piece = buf.subarray(0, take);
      if (!skipping) parts.push(got + take > size ? piece.subarray(0, size - got) : piece);
      got += take;
      buf = buf.subarray(take);
      if (got === size + 1) finishBlob();
    }
  }
  const code = await exited.catch(() => 128);
  if (code !== 0 && index < files.length) throw new UsageError(`--staged: git cat-file exited with ${code}`);
}

function firstFatal(stderr: string): string {
  return stderr.split('\n').find((l) => l.startsWith('fatal:'))?.replace(/^fatal: /, '') ?? 'unknown error';
}
