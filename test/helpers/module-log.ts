/**
 * Which modules a spawned CLI loads: a module-resolution hook (node:module register, preloaded with
 * --import through NODE_OPTIONS, so worker threads log too) appends every resolved URL to a file.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './tmp.js';

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.KEYAUDIT_MODULE_LOG, result.url + '\\n');
  return result;
}`;

export interface ModuleLog {
  /** Environment for spawnCli: NODE_OPTIONS with the preload, and the log's path. */
  env: Record<string, string>;
  /** The file: URLs resolved so far, in order, repeats included. */
  files(): string[];
}

export function moduleLog(): ModuleLog {
  const dir = tempDir('keyaudit-hooks-');
  writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`);
  const log = path.join(dir, 'modules.log');
  return {
    env: { NODE_OPTIONS: `--import=${pathToFileURL(path.join(dir, 'register.mjs')).href}`, KEYAUDIT_MODULE_LOG: log },
    files: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((m) => m.startsWith('file:')) : []),
  };
}
