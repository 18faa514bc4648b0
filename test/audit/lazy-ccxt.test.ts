/**
 * CCXT is loaded only when an audit runs: `scan --no-keys`, `scan --staged` and `exchanges` must
 * work with CCXT made unloadable (installed through NODE_OPTIONS: an ES module resolve hook and,
 * for the bundled CLI, which is CommonJS, a Module._load patch, both failing on `ccxt`); a real
 * audit under the same hooks proves they bite.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/tmp.js';

function blockCcxt(dir: string): string {
  writeFileSync(
    path.join(dir, 'hooks.mjs'),
    "export async function resolve(specifier, context, next) { if (specifier === 'ccxt' || specifier.startsWith('ccxt/')) throw new Error('CCXT_WAS_LOADED'); return next(specifier, context); }\n",
  );
  writeFileSync(path.join(dir, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
  writeFileSync(
    path.join(dir, 'block.cjs'),
    "const Module = require('node:module'); const load = Module._load; Module._load = function (request) { if (request === 'ccxt' || request.startsWith('ccxt/')) throw new Error('CCXT_WAS_LOADED'); return load.apply(this, arguments); };\n",
  );
  return `--require=${path.join(dir, 'block.cjs')} --import=${path.join(dir, 'register.mjs')}`;
}

describe('lazy CCXT', () => {
  it('scan --no-keys, scan --staged and exchanges never load CCXT; scan with keys does', async () => {
    const repo = gitRepo();
    const hookDir = path.join(repo, '.hook');
    git(repo, 'config', 'core.excludesFile', '/dev/null');
    writeFileSync(path.join(repo, '.gitignore'), '.hook/\n');
    mkdirSync(hookDir);
    const nodeOptions = blockCcxt(hookDir);
    writeFileSync(
      path.join(repo, '.keyauditrc.json'),
      JSON.stringify({ accounts: [{ name: 'a', exchange: 'kraken', baseUrl: 'http://127.0.0.1:9', credentials: { env: { apiKey: 'KK', secret: 'KS' } } }], audit: { retries: 0, timeoutMs: 500 } }, null, 2),
    );
    git(repo, 'add', '.gitignore', '.keyauditrc.json');
    const env = { NODE_OPTIONS: nodeOptions, KK: 'a'.repeat(56), KS: Buffer.from('b'.repeat(64)).toString('base64'), HOME: repo, KEYAUDIT_HOME: path.join(repo, '.ka') };

    const noKeys = await spawnCli(['scan', '--no-keys'], { cwd: repo, env });
    expect(noKeys.stdout + noKeys.stderr).not.toContain('CCXT_WAS_LOADED');
    expect(noKeys.code, noKeys.stderr).toBe(0);

    const staged = await spawnCli(['scan', '--staged'], { cwd: repo, env });
    expect(staged.stdout + staged.stderr).not.toContain('CCXT_WAS_LOADED');
    expect(staged.code, staged.stderr).toBe(0);

    const exchanges = await spawnCli(['exchanges'], { cwd: repo, env });
    expect(exchanges.code, exchanges.stderr).toBe(0);

    const audit = await spawnCli(['scan', '--no-secrets', '--verbose'], { cwd: repo, env });
    expect(audit.stdout + audit.stderr).toContain('CCXT_WAS_LOADED');
    expect(audit.code).toBe(1);
  });
});
