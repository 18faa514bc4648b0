/**
 * The pre-commit hook runs `keyaudit scan --staged` on every commit: it must not load CCXT, the
 * store or the key audit. A module-resolution hook (node:module register)
 * logs every module the built CLI resolves; the test reads that log.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Fake } from '../../src/core/fake.js';
import { spawnCli, BIN } from '../helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { binanceSecret } from '../scan/helpers.js';

const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.KEYAUDIT_MODULE_LOG, result.url + '\\n');
  return result;
}`;

function moduleLogger(): { importFlag: string; log: string } {
  const dir = tempDir('keyaudit-hooks-');
  writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS);
  writeFileSync(path.join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`);
  return { importFlag: `--import=${pathToFileURL(path.join(dir, 'register.mjs')).href}`, log: path.join(dir, 'modules.log') };
}

const HEAVY = [/\/node_modules\/ccxt\//, /\/dist\/src\/store\//, /\/dist\/src\/audit\//, /\/dist\/src\/exchanges\//];

describe('scan --staged start-up', () => {
  it("never loads CCXT, the store or the key audit, even with accounts configured", async () => {
    expect(existsSync(BIN)).toBe(true);
    const fake = new Fake('startup');
    const dir = gitRepo();
    writeTree(dir, {
      '.keyauditrc.yml': 'accounts:\n  - name: main\n    exchange: binance\n    baseUrl: http://127.0.0.1:9\n',
      'bot.py': `${binanceSecret(fake).line}\n`,
    });
    git(dir, 'add', 'bot.py');
    const { importFlag, log } = moduleLogger();
    const result = await spawnCli(['scan', '--staged', '--format', 'json'], { cwd: dir, env: { NODE_OPTIONS: importFlag, KEYAUDIT_MODULE_LOG: log } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file)).toEqual(['bot.py']);
    const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    // The log is real: it saw the CLI and the staged scan.
    expect(modules.some((m) => m.endsWith('/dist/src/cli/main.js'))).toBe(true);
    expect(modules.some((m) => m.endsWith('/dist/src/sources/staged.js'))).toBe(true);
    for (const heavy of HEAVY) expect(modules.filter((m) => heavy.test(m))).toEqual([]);
  });
});
