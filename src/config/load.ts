/**
 * I/O half of configuration: finds and reads the config with cosmiconfig, JSON and YAML only. A
 * scanner run by CI on untrusted pull requests must never execute code from the repository it scans,
 * so JavaScript/TypeScript config files are not loaded, not even looked for.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cosmiconfig, defaultLoadersSync } from 'cosmiconfig';
import type { AnyRule } from '../core/define-rule.js';
import { ConfigError } from '../core/errors.js';
import { defaultConfig, validateConfig, type ResolvedConfig } from './resolve.js';

export const SEARCH_PLACES = ['package.json', '.keyauditrc', '.keyauditrc.json', '.keyauditrc.yaml', '.keyauditrc.yml'];

export async function loadConfig(options: { cwd: string; configFile?: string; rules: readonly AnyRule[] }): Promise<ResolvedConfig> {
  const explorer = cosmiconfig('keyaudit', {
    searchPlaces: SEARCH_PLACES,
    searchStrategy: 'project',
    cache: false,
    loaders: {
      '.json': defaultLoadersSync['.json'],
      '.yaml': defaultLoadersSync['.yaml'],
      '.yml': defaultLoadersSync['.yml'],
      noExt: defaultLoadersSync['.yaml'],
      '.js': refuseCode,
      '.mjs': refuseCode,
      '.cjs': refuseCode,
      '.ts': refuseCode,
    },
  });
  let result;
  const explicit = options.configFile === undefined ? undefined : path.resolve(options.cwd, options.configFile);
  const display = (file: string): string => path.relative(options.cwd, file) || file;
  try {
    result = explicit === undefined ? await explorer.search(options.cwd) : await explorer.load(explicit);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(display(error.file), error.problems);
    const file = explicit ?? options.cwd;
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'expected a file, found a directory'
          : `could not be parsed: ${String((error as Error).message).split('\n')[0]}`;
    throw new ConfigError(display(file), [{ path: '', message }]);
  }
  if (result === null || result.isEmpty === true) {
    if (explicit !== undefined) throw new ConfigError(display(explicit), [{ path: '', message: 'the file is empty' }]);
    return defaultConfig(options.rules);
  }
  const text = await readFile(result.filepath, 'utf8');
  return validateConfig(result.config, display(result.filepath), options.rules, text);
}

function refuseCode(filepath: string): never {
  throw new ConfigError(filepath, [
    { path: '', message: 'JavaScript/TypeScript config files are never loaded (they could run code); use JSON or YAML' },
  ]);
}
