/**
 * Which modules a spawned CLI loads, in a file: ES modules through a module-resolution hook
 * (node:module register, preloaded with --import), CommonJS modules through Module._load, and the
 * bundle's chunks, which bin/keyaudit.js compiles with vm.Script, through vm.Script (both patched
 * by a --require preload). NODE_OPTIONS carries both preloads, so worker threads log too.
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

const PRELOAD = `
const fs = require('node:fs');
const Module = require('node:module');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const log = (file) => fs.appendFileSync(process.env.KEYAUDIT_MODULE_LOG, pathToFileURL(file).href + '\\n');
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    if (options && typeof options === 'object' && typeof options.filename === 'string') log(options.filename);
  }
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const result = load.apply(this, arguments);
  if (!Module.isBuiltin(request)) {
    try {
      log(Module._resolveFilename(request, parent, isMain));
    } catch {}
  }
  return result;
};`;

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
  writeFileSync(path.join(dir, 'preload.cjs'), PRELOAD);
  const log = path.join(dir, 'modules.log');
  return {
    env: { NODE_OPTIONS: `--require=${path.join(dir, 'preload.cjs')} --import=${pathToFileURL(path.join(dir, 'register.mjs')).href}`, KEYAUDIT_MODULE_LOG: log },
    files: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((m) => m.startsWith('file:')) : []),
  };
}
