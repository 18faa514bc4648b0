/**
 * Walks the working tree: honours .gitignore files (nested, with negations, via the `ignore`
 * package), .git/info/exclude and `secrets.ignore`; never enters .git; never follows a symlink out
 * of the tree or into a loop; reports binary, oversized and unreadable files instead of skipping them
 * silently. `.env` files are always visited, even when git ignores them: that is where secrets live.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkippedFile } from '../core/types.js';

export interface WalkedFile {
  absPath: string;
  /** Display path: relative to the cwd, forward slashes. */
  relPath: string;
  size: number;
  mode: number;
  /** Ignored by a .gitignore the walker read (only env files are visited in that state). */
  gitignored: boolean;
}

export interface WalkOptions {
  cwd: string;
  /** Extra globs (gitignore syntax) relative to the cwd. */
  ignoreGlobs: readonly string[];
  maxFileSize: number;
  onSkip: (skip: SkippedFile) => void;
}

/** `.env`, `.env.local`, `prod.env`, `.env.production`… */
export function isEnvFileName(name: string): boolean {
  return /^\.env(?:\..+)?$/i.test(name) || /\.env$/i.test(name);
}

/** Env templates are meant to be committed: hygiene rules leave them alone (secrets in them still count). */
export function isEnvTemplate(name: string): boolean {
  return /\.(?:example|sample|template|dist|defaults?|tpl|schema)$/i.test(name) || /^\.env\.(?:example|sample|template)/i.test(name);
}

interface IgnoreLayer {
  /** Directory of the ignore file, relative to the repository root (or scan root), '' for the root. */
  base: string;
  matcher: Ignore;
}

const toPosix = path.sep === '/' ? (p: string): string => p : (p: string): string => p.split(path.sep).join('/');

export async function* walkTree(roots: readonly string[], options: WalkOptions): AsyncGenerator<WalkedFile> {
  const extra = ignore().add([...options.ignoreGlobs]);
  const visitedDirs = new Set<string>();
  for (const root of roots) {
    const absRoot = path.resolve(options.cwd, root);
    let rootStat;
    try {
      rootStat = await stat(absRoot);
    } catch (error) {
      options.onSkip({ path: toPosix(path.relative(options.cwd, absRoot)) || root, reason: 'unreadable', detail: errnoText(error) });
      continue;
    }
    const repoRoot = await findRepoRoot(rootStat.isDirectory() ? absRoot : path.dirname(absRoot));
    const layers = await inheritedLayers(repoRoot, rootStat.isDirectory() ? absRoot : path.dirname(absRoot));
    const treeRoot = await realpath(repoRoot ?? (rootStat.isDirectory() ? absRoot : path.dirname(absRoot)));
    if (rootStat.isFile()) {
      // An explicitly named file is scanned even if ignored.
      const file = toWalked(absRoot, options, false);
      if (file !== null) yield file;
      continue;
    }
    yield* walkDir(absRoot, repoRoot ?? absRoot, treeRoot, layers, extra, visitedDirs, options);
  }
}

/**
 * A synchronous generator: every call in it is synchronous (see below), and a file passed up a
 * chain of nested async generators (one per directory level) cost a promise per level.
 */
function* walkDir(
  dir: string,
  ignoreRoot: string,
  treeRoot: string,
  parentLayers: readonly IgnoreLayer[],
  extra: Ignore,
  visitedDirs: Set<string>,
  options: WalkOptions,
): Generator<WalkedFile> {
  const real = realPathOf(dir);
  if (visitedDirs.has(real)) return;
  visitedDirs.add(real);
  // Directory listing, link resolution and lstat below are synchronous: each takes microseconds,
  // while a trip through libuv's thread pool costs the main thread tens of microseconds of CPU,
  // and on the bench tree (11,618 files) that main thread competes with the scan workers for the
  // two cores (the async walk spent ~1 s of main-thread CPU in lstat and opendir alone).
  let dirents;
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    options.onSkip({ path: toPosix(path.relative(options.cwd, dir)) || '.', reason: 'unreadable', detail: errnoText(error) });
    return;
  }
  const entries = dirents.map((entry) => ({ name: entry.name, isDir: entry.isDirectory(), isFile: entry.isFile(), isLink: entry.isSymbolicLink() }));
  const layers = [...parentLayers];
  // Only a directory that lists a .gitignore is asked for one: most have none, and a failed open
  // (an ENOENT error built and thrown per directory) cost the main thread ~0.2 s on the bench tree.
  const ownIgnore = entries.some((e) => e.name === '.gitignore') ? readIgnoreFile(path.join(dir, '.gitignore')) : null;
  if (ownIgnore !== null) layers.push({ base: toPosix(path.relative(ignoreRoot, dir)), matcher: ownIgnore });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const dirToIgnoreRoot = toPosix(path.relative(ignoreRoot, dir));
  const dirToCwd = toPosix(path.relative(options.cwd, dir));

  for (const entry of entries) {
    if (entry.name === '.git' && entry.isDir) continue;
    const abs = path.join(dir, entry.name);
    const relToIgnoreRoot = childRelative(dirToIgnoreRoot, ignoreRoot, abs, entry.name);
    const relToCwd = childRelative(dirToCwd, options.cwd, abs, entry.name);
    const display = relToCwd.startsWith('../') || path.isAbsolute(relToCwd) ? toPosix(abs) : relToCwd;
    const isDir = entry.isDir;
    if (extra.ignores(isDir ? `${relToCwdForIgnore(relToCwd)}/` : relToCwdForIgnore(relToCwd))) continue;
    const ignored = isIgnored(layers, relToIgnoreRoot, isDir);

    if (entry.isLink) {
      const target = realPathOrNull(abs);
      if (target === null) continue; // dangling link: nothing to read
      if (!isInside(treeRoot, target)) {
        if (!ignored) options.onSkip({ path: display, reason: 'symlink-outside', detail: 'symbolic link leads outside the scanned tree' });
      }
      // A link inside the tree points at something the walk reaches on its own.
      continue;
    }
    if (isDir) {
      if (ignored) continue;
      yield* walkDir(abs, ignoreRoot, treeRoot, layers, extra, visitedDirs, options);
      continue;
    }
    if (!entry.isFile) {
      if (!ignored) options.onSkip({ path: display, reason: 'special', detail: 'not a regular file' });
      continue;
    }
    if (ignored && !isEnvFileName(entry.name)) continue;
    const file = toWalked(abs, options, ignored, display);
    if (file !== null) yield file;
  }
}

/**
 * path.relative(from, abs) for `abs`, an entry `name` of a directory `dirRel` away from `from`:
 * when the directory is `from` or inside it, that is `dirRel/name` (relative() is lexical), built
 * without resolving both paths again for every file.
 */
function childRelative(dirRel: string, from: string, abs: string, name: string): string {
  if (dirRel === '') return name;
  if (dirRel.startsWith('..') || path.isAbsolute(dirRel)) return toPosix(path.relative(from, abs));
  return `${dirRel}/${name}`;
}

function toWalked(abs: string, options: WalkOptions, gitignored: boolean, displayPath?: string): WalkedFile | null {
  const relToCwd = displayPath === undefined ? toPosix(path.relative(options.cwd, abs)) : '';
  const display = displayPath ?? (relToCwd.startsWith('../') || path.isAbsolute(relToCwd) ? toPosix(abs) : relToCwd);
  let info;
  try {
    info = lstatSync(abs);
  } catch (error) {
    options.onSkip({ path: display, reason: 'unreadable', detail: errnoText(error) });
    return null;
  }
  if (info.size > options.maxFileSize) {
    options.onSkip({ path: display, reason: 'too-large', detail: `${info.size} bytes is over maxFileSize (${options.maxFileSize})` });
    return null;
  }
  return { absPath: abs, relPath: display, size: info.size, mode: info.mode & 0o777, gitignored };
}

/** The real path (the OS's realpath, as fs/promises gives), or null when it cannot be resolved. */
function realPathOrNull(p: string): string | null {
  try {
    return realpathSync.native(p);
  } catch {
    return null;
  }
}

function realPathOf(dir: string): string {
  return realPathOrNull(dir) ?? dir;
}

function relToCwdForIgnore(rel: string): string {
  // `ignore` refuses paths that leave the base; scan roots outside the cwd are matched by their tail.
  return rel.replace(/^(\.\.\/)+/, '').replace(/^\/+/, '');
}

function isIgnored(layers: readonly IgnoreLayer[], relPath: string, isDir: boolean): boolean {
  let ignored = false;
  for (const layer of layers) {
    if (layer.base !== '' && !(relPath === layer.base || relPath.startsWith(`${layer.base}/`))) continue;
    const sub = layer.base === '' ? relPath : relPath.slice(layer.base.length + 1);
    if (sub === '' || sub.startsWith('..')) continue;
    const result = layer.matcher.test(isDir ? `${sub}/` : sub);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
    // A file inside an ignored directory stays ignored (git never descends), so parents are checked too.
    if (!ignored) {
      const parts = sub.split('/');
      for (let i = 1; i < parts.length; i++) {
        if (layer.matcher.ignores(`${parts.slice(0, i).join('/')}/`)) {
          ignored = true;
          break;
        }
      }
    }
  }
  return ignored;
}

function readIgnoreFile(file: string): Ignore | null {
  try {
    const text = readFileSync(file, 'utf8');
    return ignore().add(text);
  } catch {
    return null;
  }
}

async function findRepoRoot(start: string): Promise<string | null> {
  let dir = start;
  for (;;) {
    const marker = await lstat(path.join(dir, '.git')).catch(() => null);
    if (marker !== null) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** .git/info/exclude and the .gitignore files between the repository root and the scan root. */
async function inheritedLayers(repoRoot: string | null, scanDir: string): Promise<IgnoreLayer[]> {
  if (repoRoot === null) return [];
  const layers: IgnoreLayer[] = [];
  const exclude = readIgnoreFile(path.join(repoRoot, '.git', 'info', 'exclude'));
  if (exclude !== null) layers.push({ base: '', matcher: exclude });
  const rel = path.relative(repoRoot, scanDir);
  if (rel === '' || rel.startsWith('..')) return layers;
  const parts = rel.split(path.sep);
  for (let i = 0; i < parts.length; i++) {
    const dir = path.join(repoRoot, ...parts.slice(0, i));
    const matcher = readIgnoreFile(path.join(dir, '.gitignore'));
    if (matcher !== null) layers.push({ base: toPosix(path.relative(repoRoot, dir)), matcher });
  }
  return layers;
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function errnoText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOENT' ? 'not found' : (code ?? 'read error');
}
