/**
 * The store's file-system half: where it lives, permission checks, atomic writes and the
 * inter-process lock. Everything that writes goes through `writeFileAtomic` under `withStoreLock`.
 */
import { constants as fsc, promises as fs } from 'node:fs';
import { hostname, homedir } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StoreError } from '../core/errors.js';
import { MAX_STORE_BYTES } from './format.js';

export const STORE_FILE = 'store.json';

export interface StorePaths {
  dir: string;
  file: string;
  lock: string;
}

/** `$KEYAUDIT_HOME/store.json`, default `~/.keyaudit/store.json`. */
export function storePaths(env: Readonly<Record<string, string | undefined>>): StorePaths {
  const home = env.KEYAUDIT_HOME;
  const dir = home !== undefined && home !== '' ? home : join(homedir(), '.keyaudit');
  return { dir, file: join(dir, STORE_FILE), lock: join(dir, `${STORE_FILE}.lock`) };
}

const CHECK_MODES = process.platform !== 'win32';

function shellQuote(path: string): string {
  return /^[A-Za-z0-9_./~:@%+=,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Refuses a store directory others can read or write, naming the command that fixes it. */
export async function checkDirMode(dir: string): Promise<void> {
  if (!CHECK_MODES) return;
  const st = await fs.stat(dir);
  if (!st.isDirectory()) throw new StoreError(`${dir} is not a directory; KEYAUDIT_HOME must name a directory.`);
  if ((st.mode & 0o077) !== 0) {
    throw new StoreError(
      `the store directory ${dir} is accessible by group or others (mode ${(st.mode & 0o777).toString(8)}); refusing to use it. Fix it with: chmod 700 ${shellQuote(dir)}`,
    );
  }
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    throw new StoreError(`the store directory ${dir} belongs to another user (uid ${st.uid}); refusing to use it.`);
  }
}

/**
 * Reads the store file after checking it is a regular file, owned by this user and not readable by
 * group or others. Returns null when it does not exist.
 */
export async function readStoreFile(paths: StorePaths): Promise<string | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(paths.file, fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new StoreError(`the store ${paths.file} is a symbolic link; refusing to follow it.`);
    if (code === 'EACCES') throw new StoreError(`cannot read the store ${paths.file}: permission denied.`);
    throw new StoreError(`cannot read the store ${paths.file}: ${code ?? 'I/O error'}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new StoreError(`the store ${paths.file} is not a regular file.`);
    if (CHECK_MODES) {
      if ((st.mode & 0o077) !== 0) {
        throw new StoreError(
          `the store ${paths.file} is readable or writable by group or others (mode ${(st.mode & 0o777).toString(8)}); refusing to use it. Fix it with: chmod 600 ${shellQuote(paths.file)}`,
        );
      }
      if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
        throw new StoreError(`the store ${paths.file} belongs to another user (uid ${st.uid}); refusing to use it.`);
      }
    }
    if (st.size > MAX_STORE_BYTES) throw new StoreError(`the store ${paths.file} is larger than ${MAX_STORE_BYTES} bytes; it is not a keyaudit store.`);
    const bytes = await handle.readFile();
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return '\u0000not utf-8';
    }
  } finally {
    await handle.close();
  }
}

export async function storeExists(paths: StorePaths): Promise<boolean> {
  try {
    await fs.lstat(paths.file);
    return true;
  } catch {
    return false;
  }
}

/** Creates the store directory with mode 0700 if needed, then checks its mode. */
export async function ensureStoreDir(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StoreError(`cannot create the store directory ${dir}: ${(error as NodeJS.ErrnoException).code ?? 'I/O error'}`);
  }
  await checkDirMode(dir);
}

const TMP_PREFIX = `.${STORE_FILE}.tmp-`;

async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, fsc.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces `file` atomically: a new temp file (O_EXCL, mode 0600) in the same directory, write,
 * fsync, rename over the target, fsync the directory. A crash at any point leaves either the old
 * or the new file, plus at most a stray temp file that the next write removes.
 */
export async function writeFileAtomic(file: string, content: string, mode = 0o600): Promise<void> {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, mode);
    await handle.writeFile(content, 'utf8');
    await handle.chmod(mode); // the umask may have narrowed it; never widened
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, file);
    await fsyncDir(dir);
  } catch (error) {
    if (handle !== undefined) await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (error instanceof StoreError) throw error;
    throw new StoreError(`could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? 'I/O error'}; the previous version is intact.`);
  }
}

/** Removes temp files left by a writer that crashed. Only called while holding the lock. */
export async function removeStaleTempFiles(dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(TMP_PREFIX)).map((n) => fs.rm(join(dir, n), { force: true }).catch(() => undefined)));
}

export interface LockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock from another host counts as stale after this long (default 10 min). */
  foreignStaleMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  token: string;
  at: number;
}

function parseOwner(text: string): LockOwner | null {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string' && typeof o.at === 'number') return o as LockOwner;
  } catch {
    // fall through
  }
  return null;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` while holding the store's lock file, created with O_EXCL. A lock whose owner process is
 * gone (same host, pid not alive) is stale and is broken: it is first renamed to a unique name, so
 * two processes breaking it at once cannot both win, and put back if it turned out to be live.
 */
export async function withStoreLock<T>(paths: StorePaths, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const foreignStaleMs = options.foreignStaleMs ?? 10 * 60_000;
  const me: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex'), at: Date.now() };
  const deadline = Date.now() + timeoutMs;
  let lastOwner: LockOwner | null = null;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreateLock(paths, me)) break;
    const text = await fs.readFile(paths.lock, 'utf8').catch(() => null);
    if (text === null) continue; // released between our attempt and this read
    lastOwner = parseOwner(text);
    const isStale = async (t: string) => {
      const owner = parseOwner(t);
      const stat = await fs.stat(paths.lock).catch(() => null);
      const age = stat === null ? 0 : Date.now() - stat.mtimeMs;
      // No readable owner (only possible on the O_EXCL fallback path): stale after a few seconds.
      if (owner === null) return age > 5_000;
      return owner.host === me.host ? !pidAlive(owner.pid) : age > foreignStaleMs;
    };
    if (await isStale(text)) {
      await breakStaleLock(paths, text, isStale);
      await sleep(1 + Math.random() * 5);
      continue;
    }
    if (Date.now() > deadline) {
      throw new StoreError(
        `the store is locked by another keyaudit process${lastOwner === null ? '' : ` (pid ${lastOwner.pid} on ${lastOwner.host})`}; try again when it has finished. If no keyaudit is running, delete ${paths.lock}.`,
      );
    }
    await sleep(Math.min(200, 5 + attempt * 5) * (0.5 + Math.random()));
  }
  try {
    await removeStaleTempFiles(paths.dir);
    return await fn();
  } finally {
    // Release only our own lock (it may have been broken as stale if we were paused for very long).
    const text = await fs.readFile(paths.lock, 'utf8').catch(() => null);
    if (text !== null && parseOwner(text)?.token === me.token) await fs.rm(paths.lock, { force: true }).catch(() => undefined);
  }
}

/**
 * Creates the lock file with its owner already written: the owner goes to a temp file that is then
 * hard-linked to the lock name (atomic, fails if the lock exists), so a process killed at any point
 * never leaves an empty lock behind. File systems without hard links fall back to O_EXCL + write.
 */
async function tryCreateLock(paths: StorePaths, me: LockOwner): Promise<boolean> {
  const owner = JSON.stringify({ ...me, at: Date.now() });
  const tmp = join(paths.dir, `${TMP_PREFIX}lock-${process.pid}-${randomBytes(6).toString('hex')}`);
  try {
    await fs.writeFile(tmp, owner, { mode: 0o600, flag: 'wx' });
    try {
      await fs.link(tmp, paths.lock);
      return true;
    } finally {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Our temp file was removed by the lock holder's clean-up before we linked it: just retry.
    if (code === 'ENOENT') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV' && code !== 'ENOSYS') {
      throw new StoreError(`cannot create the lock ${paths.lock}: ${code ?? 'I/O error'}`);
    }
  }
  try {
    const handle = await fs.open(paths.lock, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
    try {
      await handle.writeFile(owner);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new StoreError(`cannot create the lock ${paths.lock}: ${code ?? 'I/O error'}`);
  }
}

/**
 * Removes a lock that was judged stale from `seenText`, safely against racing processes: only while
 * holding a short-lived second lock (`<lock>.break`, O_EXCL), and only if the lock file still holds
 * exactly `seenText` and `isStale` still says so. Without this, a process could judge a lock stale
 * just as its owner released it and then delete the next owner's fresh lock.
 */
async function breakStaleLock(paths: StorePaths, seenText: string, isStale: (text: string) => Promise<boolean>): Promise<void> {
  const breakLock = `${paths.lock}.break`;
  try {
    const handle = await fs.open(breakLock, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL, 0o600);
    await handle.close();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return;
    // A breaker killed while holding it (a window of microseconds) would block breaking forever.
    const st = await fs.stat(breakLock).catch(() => null);
    if (st !== null && Date.now() - st.mtimeMs > 10_000) await fs.rm(breakLock, { force: true }).catch(() => undefined);
    return;
  }
  try {
    const now = await fs.readFile(paths.lock, 'utf8').catch(() => null);
    if (now === seenText && (await isStale(now))) await fs.rm(paths.lock, { force: true });
  } finally {
    await fs.rm(breakLock, { force: true }).catch(() => undefined);
  }
}
