/**
 * `keyaudit hook install|uninstall` in real temp repositories: no hook, a foreign hook (refused,
 * then chained with --force and restored byte-for-byte with its mode), husky, the pre-commit
 * framework, core.hooksPath. Real commits through the hook: commit.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOOK_MARKER, isKeyauditHook, shQuote } from '../../src/hooks/script.js';
import { installHook } from '../../src/hooks/install.js';
import { runCli as runCliRaw, spawnCli as spawnCliRaw } from '../helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { commit } from './commit-helpers.js';

/** The CLI with HOME at the repo, so the developer's global git config cannot change the outcome. */
const runCli: typeof runCliRaw = (argv, options) => runCliRaw(argv, { ...options, env: { HOME: options.cwd, ...options.env } });
const spawnCli: typeof spawnCliRaw = (argv, options) => spawnCliRaw(argv, { ...options, env: { HOME: options.cwd, ...options.env } });

const hooksOf = (repo: string): string => path.join(repo, '.git', 'hooks');
const listing = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);
const mode = (file: string): number => statSync(file).mode & 0o777;

describe('hook install / uninstall (no existing hook)', () => {
  it('installs an executable hook marked as keyaudit, refreshes it on re-install, and uninstall leaves the hooks dir as it was', async () => {
    const repo = gitRepo();
    const before = listing(hooksOf(repo));
    const installed = await runCli(['hook', 'install'], { cwd: repo });
    expect(installed.code).toBe(0);
    expect(installed.stdout).toContain('pre-commit hook installed at .git/hooks/pre-commit');
    const hook = path.join(hooksOf(repo), 'pre-commit');
    const text = readFileSync(hook, 'utf8');
    expect(text.startsWith('#!/bin/sh\n')).toBe(true);
    expect(isKeyauditHook(text)).toBe(true);
    expect(text).toContain('scan --staged');
    expect(mode(hook) & 0o111).toBe(0o111);

    const again = await runCli(['hook', 'install'], { cwd: repo });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already keyaudit');
    expect(listing(hooksOf(repo))).toEqual([...before, 'pre-commit'].sort());

    const removed = await runCli(['hook', 'uninstall'], { cwd: repo });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain('removed the pre-commit hook');
    expect(listing(hooksOf(repo))).toEqual(before);
    expect((await runCli(['hook', 'uninstall'], { cwd: repo })).stdout).toContain('nothing to do');
  });

  it('works from a subdirectory and fails with exit 2 outside a git repository', async () => {
    const repo = gitRepo();
    mkdirSync(path.join(repo, 'src', 'deep'), { recursive: true });
    expect((await runCli(['hook', 'install'], { cwd: path.join(repo, 'src', 'deep') })).code).toBe(0);
    expect(existsSync(path.join(hooksOf(repo), 'pre-commit'))).toBe(true);

    const outside = path.join(repo, '..', `not-a-repo-${path.basename(repo)}`);
    mkdirSync(outside);
    try {
      const result = await runCli(['hook', 'install'], { cwd: outside });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('not inside a git work tree');
    } finally {
      (await import('node:fs')).rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('a foreign pre-commit hook', () => {
  const FOREIGN = '#!/bin/sh\n# the team lint hook\necho foreign-ran >> "$(git rev-parse --show-toplevel)/.foreign-log"\nexit 0\n';

  it('is refused without --force and left untouched', async () => {
    const repo = gitRepo();
    const hook = path.join(hooksOf(repo), 'pre-commit');
    writeTree(hooksOf(repo), { 'pre-commit': { content: FOREIGN, mode: 0o750 } });
    const result = await runCli(['hook', 'install'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--force');
    expect(readFileSync(hook, 'utf8')).toBe(FOREIGN);
    expect(mode(hook)).toBe(0o750);
    // Nor does uninstall remove a hook keyaudit did not write.
    const un = await runCli(['hook', 'uninstall'], { cwd: repo });
    expect(un.code).toBe(2);
    expect(readFileSync(hook, 'utf8')).toBe(FOREIGN);
  });

  it('is chained with --force (runs first, can still block) and restored byte-for-byte with its mode', async () => {
    const repo = gitRepo();
    const hook = path.join(hooksOf(repo), 'pre-commit');
    writeTree(hooksOf(repo), { 'pre-commit': { content: FOREIGN, mode: 0o750 } });
    const before = listing(hooksOf(repo));
    const installed = await spawnCli(['hook', 'install', '--force'], { cwd: repo });
    expect(installed.code).toBe(0);
    expect(installed.stdout).toContain('now runs first');
    expect(isKeyauditHook(readFileSync(hook, 'utf8'))).toBe(true);
    expect(readFileSync(`${hook}.keyaudit-chained`, 'utf8')).toBe(FOREIGN);

    // A clean commit goes through, and the foreign hook ran.
    writeTree(repo, { 'README.md': '# hello\n' });
    git(repo, 'add', 'README.md');
    const ok = commit(repo, 'clean');
    expect(ok.status, ok.output).toBe(0);
    expect(readFileSync(path.join(repo, '.foreign-log'), 'utf8')).toBe('foreign-ran\n');

    // The foreign hook's veto still counts.
    writeFileSync(`${hook}.keyaudit-chained`, '#!/bin/sh\necho vetoed by team hook >&2\nexit 3\n');
    writeTree(repo, { 'b.txt': 'b\n' });
    git(repo, 'add', 'b.txt');
    const vetoed = commit(repo, 'veto');
    expect(vetoed.status).not.toBe(0);
    expect(vetoed.output).toContain('vetoed by team hook');
    writeFileSync(`${hook}.keyaudit-chained`, FOREIGN);

    const un = await runCli(['hook', 'uninstall'], { cwd: repo });
    expect(un.code).toBe(0);
    expect(un.stdout).toContain('restored the previous one');
    expect(readFileSync(hook, 'utf8')).toBe(FOREIGN);
    expect(mode(hook)).toBe(0o750);
    expect(listing(hooksOf(repo))).toEqual(before);
  });

  it('restores a symlinked hook as the same symlink', async () => {
    const repo = gitRepo();
    writeTree(repo, { 'tools/hook.sh': { content: FOREIGN, mode: 0o755 } });
    mkdirSync(hooksOf(repo), { recursive: true });
    symlinkSync('../../tools/hook.sh', path.join(hooksOf(repo), 'pre-commit'));
    expect((await runCli(['hook', 'install', '--force'], { cwd: repo })).code).toBe(0);
    expect(lstatSync(path.join(hooksOf(repo), 'pre-commit')).isSymbolicLink()).toBe(false);
    expect((await runCli(['hook', 'uninstall'], { cwd: repo })).code).toBe(0);
    const restored = path.join(hooksOf(repo), 'pre-commit');
    expect(lstatSync(restored).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(repo, 'tools', 'hook.sh'), 'utf8')).toBe(FOREIGN);
  });
});

describe('hook managers', () => {
  it('husky: says what to add to .husky/pre-commit and touches nothing', async () => {
    const repo = gitRepo();
    writeTree(repo, { '.husky/pre-commit': 'npx lint-staged\n', '.husky/_/h': '#!/bin/sh\n' });
    git(repo, 'config', 'core.hooksPath', '.husky/_');
    const husky = listing(path.join(repo, '.husky'));
    const hooks = listing(hooksOf(repo));
    const result = await runCli(['hook', 'install', '--force'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('husky');
    expect(result.stderr).toContain('.husky/pre-commit');
    expect(result.stderr).toContain('npx --no-install keyaudit scan --staged');
    expect(listing(path.join(repo, '.husky'))).toEqual(husky);
    expect(listing(path.join(repo, '.husky', '_'))).toEqual(['h']);
    expect(readFileSync(path.join(repo, '.husky', 'pre-commit'), 'utf8')).toBe('npx lint-staged\n');
    expect(listing(hooksOf(repo))).toEqual(hooks);
  });

  it('pre-commit framework: says what to add to .pre-commit-config.yaml', async () => {
    const repo = gitRepo();
    writeTree(repo, { '.pre-commit-config.yaml': 'repos: []\n' });
    const hooks = listing(hooksOf(repo));
    const result = await runCli(['hook', 'install'], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('.pre-commit-config.yaml');
    expect(result.stderr).toContain('id: keyaudit');
    expect(listing(hooksOf(repo))).toEqual(hooks);
  });

  it('core.hooksPath from the global git config: refuses without --force (it would apply to every repository)', async () => {
    const repo = gitRepo();
    const home = tempDir('keyaudit-home-');
    const shared = path.join(home, 'shared-hooks');
    writeTree(home, { '.gitconfig': `[core]\n\thooksPath = ${shared}\n` });
    const refused = await runCli(['hook', 'install'], { cwd: repo, env: { HOME: home } });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('global git config');
    expect(listing(shared)).toEqual([]);
    const forced = await runCli(['hook', 'install', '--force'], { cwd: repo, env: { HOME: home } });
    expect(forced.code).toBe(0);
    expect(isKeyauditHook(readFileSync(path.join(shared, 'pre-commit'), 'utf8'))).toBe(true);
    expect((await runCli(['hook', 'uninstall'], { cwd: repo, env: { HOME: home } })).code).toBe(0);
    expect(listing(shared)).toEqual([]);
  });

  it('core.hooksPath: installs where git will run it, not in .git/hooks', async () => {
    const repo = gitRepo();
    git(repo, 'config', 'core.hooksPath', 'tools/git-hooks');
    const hooks = listing(hooksOf(repo));
    const result = await runCli(['hook', 'install'], { cwd: repo });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(path.join('tools', 'git-hooks', 'pre-commit'));
    expect(isKeyauditHook(readFileSync(path.join(repo, 'tools', 'git-hooks', 'pre-commit'), 'utf8'))).toBe(true);
    expect(listing(hooksOf(repo))).toEqual(hooks);
    expect((await runCli(['hook', 'uninstall'], { cwd: repo })).code).toBe(0);
    expect(listing(path.join(repo, 'tools', 'git-hooks'))).toEqual([]);
  });
});

describe('installHook (library)', () => {
  it('writes the fallback bin and node paths into the hook, quoted for sh', async () => {
    const repo = gitRepo();
    const bin = "/home/o'brien/.npm/_npx/1a2b/node_modules/keyaudit/bin/keyaudit.js";
    const result = await installHook({ cwd: repo, env: { HOME: repo }, force: false, installedBin: bin, nodePath: '/opt/node 20/bin/node' });
    expect(result).toMatchObject({ action: 'installed', installedBin: bin, chainedFile: null });
    const script = readFileSync(result.hookFile, 'utf8');
    expect(script).toContain(`elif [ -f ${shQuote(bin)} ]; then`);
    expect(script).toContain(shQuote('/opt/node 20/bin/node'));
    // The generated script is valid sh.
    expect(spawnSync('sh', ['-n', result.hookFile]).status).toBe(0);
  });
});

describe('hook script', () => {
  it('quotes any path safely for sh', () => {
    const weird = `/tmp/it's a "dir"/$(rm -rf x)/bin.js`;
    const out = spawnSync('sh', ['-c', `printf %s ${shQuote(weird)}`], { encoding: 'utf8' });
    expect(out.stdout).toBe(weird);
    expect(HOOK_MARKER.startsWith('#')).toBe(true);
  });
});
