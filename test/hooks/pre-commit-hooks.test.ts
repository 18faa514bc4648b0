/**
 * .pre-commit-hooks.yaml (the pre-commit framework's hook manifest): the fields the framework needs,
 * and its entry is a command this keyaudit really runs (a clean staged index passes, a staged fake
 * secret fails).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultLoadersSync } from 'cosmiconfig';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { git, gitRepo, writeTree } from '../helpers/tmp.js';
import { fakeBinanceFile } from './commit-helpers.js';

const manifestPath = path.join(REPO_ROOT, '.pre-commit-hooks.yaml');
const manifest = defaultLoadersSync['.yaml'](manifestPath, readFileSync(manifestPath, 'utf8')) as Record<string, unknown>[];

describe('.pre-commit-hooks.yaml', () => {
  it('declares the keyaudit hook as the pre-commit framework expects', () => {
    expect(Array.isArray(manifest)).toBe(true);
    const hook = manifest.find((h) => h.id === 'keyaudit');
    expect(hook).toMatchObject({ id: 'keyaudit', entry: 'keyaudit scan --staged', language: 'node', pass_filenames: false });
    expect(typeof hook?.name).toBe('string');
  });

  it('has an entry that runs: exit 0 on a clean index, 1 on a staged fake secret', async () => {
    const [bin, ...args] = String(manifest[0]?.entry).split(' ');
    expect(bin).toBe('keyaudit');
    const repo = gitRepo();
    writeTree(repo, { 'README.md': '# ok\n' });
    git(repo, 'add', 'README.md');
    expect((await runCli(args, { cwd: repo })).code).toBe(0);
    writeTree(repo, { 'bot.py': fakeBinanceFile('manifest').content });
    git(repo, 'add', 'bot.py');
    const failed = await runCli(args, { cwd: repo });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('secrets/binance-api-key');
  });
});
