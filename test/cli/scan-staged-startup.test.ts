/**
 * The pre-commit hook runs `keyaudit scan --staged` on every commit: it must not load CCXT, the
 * store or the key audit, and it must load the bundled CLI (dist/cli/, scripts/bundle.mjs) as a
 * handful of files, not the ~230 modules tsc emits. A module-resolution hook (node:module
 * register) logs every module the built CLI resolves; the test reads that log.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { Fake } from '../../src/core/fake.js';
import { spawnCli, BIN } from '../helpers/cli.js';
import { moduleLog } from '../helpers/module-log.js';
import { git, gitRepo, writeTree } from '../helpers/tmp.js';
import { binanceSecret } from '../scan/helpers.js';

// dist/src/boot/ is the bundle's loader, the one unbundled module bin/keyaudit.js imports.
const HEAVY = [/\/node_modules\//, /\/dist\/src\/(?!boot\/)/, /\/dist\/cli\/(?:store|audit|demo|hooks)\.js$/];

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
    const log = moduleLog();
    const result = await spawnCli(['scan', '--staged', '--format', 'json'], { cwd: dir, env: log.env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file)).toEqual(['bot.py']);
    // The log is real: it saw the bundled CLI and the staged scan's chunk.
    const files = log.files();
    expect(files.some((m) => m.endsWith('/dist/cli/keyaudit.js'))).toBe(true);
    expect(files.some((m) => m.endsWith('/dist/cli/git-scan.js'))).toBe(true);
    // Nothing from node_modules or the unbundled tree; no store, audit, demo or hook code.
    for (const heavy of HEAVY) expect(files.filter((m) => heavy.test(m))).toEqual([]);
    expect(new Set(files).size).toBeLessThanOrEqual(7);
  });
});
