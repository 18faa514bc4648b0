/**
 * Loads the bundled CLI (dist/cli/, CommonJS chunks built by scripts/bundle.mjs) with a V8 code
 * cache, so the pre-commit hook does not recompile ~500 KB of JavaScript on every commit.
 *
 * Node >= 22.1 has a compile cache of its own, but Node 20 has none, and it is what the hook runs
 * on most machines. Each chunk is compiled with vm.Script; once the command has run, the compiled
 * code (the functions that ran included, which is most of the saving) is written to a per-user
 * cache directory and handed back to V8 on the next run. What a run compiles depends on what it
 * does, so the pre-commit hook's runs (`--staged`) keep a cache of their own: a full scan or an
 * audit run first does not leave the hook with a cache that lacks its functions. (Measuring what a
 * run compiled, to save again when it grows, cost more per run than it saved.) V8 rejects data
 * from another V8 version or flags; the file name also carries the chunk's inode, size and ctime,
 * so an edited or reinstalled bundle never meets stale code. Anything wrong with the cache (missing, unwritable, rejected, a directory others can
 * write to) only costs speed: the chunk is compiled from source.
 *
 * Imports only Node built-ins that the CLI loads anyway: this file runs before everything else.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

export interface BundleLoaderOptions {
  /** Directory of the bundle's chunks. */
  dir: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Which kind of run this is (`staged`, `main`): each keeps its own cache. */
  profile: string;
}

interface LoadedChunk {
  script: vm.Script;
  cacheFile: string | null;
  /** True when V8 took the cached code; false means it is (re)written after the run. */
  cacheHit: boolean;
}

const CACHE_VERSION = 5;
/** Cache file: a magic number (4 bytes), then V8's data. */
const MAGIC = 0x3443414b; // "KAC4"
const HEADER = 4;

export class BundleLoader {
  private readonly dir: string;
  private readonly cacheDir: string | null;
  private readonly modules = new Map<string, { exports: unknown }>();
  private readonly chunks: LoadedChunk[] = [];
  private readonly profile: string;
  /** Whether cacheDir may be read (see isPrivateDir); checked once per run, on first use. */
  private cacheDirPrivate: boolean | undefined;

  constructor(options: BundleLoaderOptions) {
    this.dir = options.dir;
    this.cacheDir = codeCacheDir(options.env);
    this.profile = /^[a-z]{1,16}$/.test(options.profile) ? options.profile : 'main';
  }

  /** The exports of a chunk (`keyaudit.js`), loading it and the chunks it requires. */
  require(name: string): unknown {
    return this.load(path.join(this.dir, name));
  }

  /** Cache statistics, for tests. */
  stats(): { chunks: number; hits: number; cacheDir: string | null } {
    return { chunks: this.chunks.length, hits: this.chunks.filter((c) => c.cacheHit).length, cacheDir: this.cacheDir };
  }

  /** Writes compiled code for every chunk that had no usable cache. Call once the command has run. Never throws. */
  saveCodeCache(): void {
    if (this.cacheDir === null) return;
    const missing = this.chunks.filter((c) => !c.cacheHit && c.cacheFile !== null);
    if (missing.length === 0) return;
    try {
      mkdirSync(this.cacheDir, { recursive: true, mode: 0o700 });
      this.cacheDirPrivate = undefined; // it may have just been made
      if (!this.cacheUsable()) return;
      const header = Buffer.alloc(HEADER);
      header.writeUInt32LE(MAGIC, 0);
      for (const chunk of missing) writeAtomically(chunk.cacheFile as string, Buffer.concat([header, chunk.script.createCachedData()]));
    } catch {
      // A read-only home or a full disk: the next run compiles from source again.
    }
  }

  private cacheUsable(): boolean {
    this.cacheDirPrivate ??= this.cacheDir !== null && isPrivateDir(this.cacheDir);
    return this.cacheDirPrivate;
  }

  private load(file: string): unknown {
    const known = this.modules.get(file);
    if (known !== undefined) return known.exports;
    const fd = openSync(file, 'r');
    let source: string;
    let cacheFile: string | null = null;
    try {
      source = readFileSync(fd, 'utf8');
      if (this.cacheDir !== null) {
        const st = fstatSync(fd, { bigint: true });
        const stamp = `${st.ino}-${st.size}-${st.ctimeNs}`;
        cacheFile = path.join(this.cacheDir, `${path.basename(file, '.js')}.${stamp}.${this.profile}.${process.version}-${process.arch}.v${CACHE_VERSION}.bin`);
      }
    } finally {
      closeSync(fd);
    }
    const cached = cacheFile === null || !this.cacheUsable() ? undefined : readCache(cacheFile);
    // The bundle has no import(): scripts given a dynamic-import callback need an experimental
    // API, so scripts/bundle.mjs turns every import() into require().
    const script = new vm.Script(wrap(source), { filename: file, ...(cached === undefined ? {} : { cachedData: cached }) });
    this.chunks.push({ script, cacheFile, cacheHit: cached !== undefined && script.cachedDataRejected !== true });
    const module = { exports: {} as unknown };
    this.modules.set(file, module);
    const nodeRequire = createRequire(file);
    const chunkRequire = (specifier: string): unknown =>
      specifier.startsWith('./') ? this.load(path.join(path.dirname(file), specifier)) : nodeRequire(specifier);
    const fn = script.runInThisContext() as (exports: unknown, require: unknown, module: unknown, filename: string, dirname: string) => void;
    fn.call(module.exports, module.exports, Object.assign(chunkRequire, { resolve: nodeRequire.resolve, cache: nodeRequire.cache }), module, file, path.dirname(file));
    return module.exports;
  }
}

/**
 * `$KEYAUDIT_CACHE_DIR`, else `$XDG_CACHE_HOME/keyaudit/code`, else `~/.cache/keyaudit/code`
 * (`%LOCALAPPDATA%\keyaudit\code` on Windows); null when turned off (KEYAUDIT_NO_CODE_CACHE=1, or
 * NODE_DISABLE_COMPILE_CACHE=1 as for Node's own cache).
 */
export function codeCacheDir(env: Readonly<Record<string, string | undefined>>): string | null {
  if (env.KEYAUDIT_NO_CODE_CACHE === '1' || env.NODE_DISABLE_COMPILE_CACHE === '1') return null;
  if (env.KEYAUDIT_CACHE_DIR) return path.resolve(env.KEYAUDIT_CACHE_DIR);
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'keyaudit', 'code');
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return path.join(base, 'keyaudit', 'code');
}

function wrap(source: string): string {
  // The CommonJS wrapper, on one line so stack positions match the chunk's own lines.
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n})`;
}

/**
 * Cached code is executable: only take it from a directory that no other user can write to (and
 * that this user owns), so another account on a shared machine cannot plant code in the hook.
 */
function isPrivateDir(dir: string): boolean {
  if (process.platform === 'win32') return true;
  try {
    const st = statSync(dir);
    return st.isDirectory() && (st.mode & 0o022) === 0 && (typeof process.getuid !== 'function' || st.uid === process.getuid());
  } catch {
    return false;
  }
}

function readCache(file: string): Buffer | undefined {
  try {
    const bytes = readFileSync(file);
    if (bytes.length <= HEADER || bytes.readUInt32LE(0) !== MAGIC) return undefined;
    return bytes.subarray(HEADER);
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, data: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data, { mode: 0o600 });
  renameSync(temp, file);
  // This chunk's caches from older builds (same Node) are dead weight; other Node versions' stay.
  const name = path.basename(file);
  const chunk = name.slice(0, name.indexOf('.') + 1);
  // `<chunk>.<stamp>.<profile>.<node>-<arch>.v<n>.bin`: same chunk and suffix, another stamp.
  const suffix = name.slice(name.indexOf('.', chunk.length));
  for (const other of readdirSync(path.dirname(file))) {
    if (other !== name && other.startsWith(chunk) && other.endsWith(suffix)) {
      try {
        unlinkSync(path.join(path.dirname(file), other));
      } catch {
        // Another run may be removing it too.
      }
    }
  }
}
