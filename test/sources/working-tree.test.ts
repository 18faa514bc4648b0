import { describe, expect, it } from 'vitest';
import { symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { walkTree, isEnvFileName, isEnvTemplate } from '../../src/sources/working-tree.js';
import type { SkippedFile } from '../../src/core/types.js';
import { gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { runCli } from '../helpers/cli.js';

async function walk(cwd: string, options: { ignore?: string[]; max?: number; roots?: string[] } = {}) {
  const skipped: SkippedFile[] = [];
  const files: string[] = [];
  for await (const f of walkTree(options.roots ?? ['.'], { cwd, ignoreGlobs: options.ignore ?? [], maxFileSize: options.max ?? 1e9, onSkip: (s) => skipped.push(s) })) files.push(f.relPath);
  return { files: files.sort(), skipped };
}

describe('walkTree', () => {
  it('honours nested .gitignore files with negations, .git/info/exclude and secrets.ignore', async () => {
    const dir = gitRepo();
    writeTree(dir, {
      '.gitignore': 'build/\n*.log\n!keep.log\n',
      'build/out.js': 'x',
      'a.log': 'x',
      'keep.log': 'x',
      'src/.gitignore': 'generated.ts\n',
      'src/generated.ts': 'x',
      'src/main.ts': 'x',
      'vendor/lib.js': 'x',
      'local.txt': 'x',
    });
    writeFileSync(path.join(dir, '.git', 'info', 'exclude'), 'local.txt\n');
    const { files } = await walk(dir, { ignore: ['vendor/**'] });
    expect(files).toEqual(['.gitignore', 'keep.log', 'src/.gitignore', 'src/main.ts']);
  });

  it('applies the repository .gitignore when scanning a subdirectory', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.gitignore': 'sub/ignored.txt\n', 'sub/ignored.txt': 'x', 'sub/kept.txt': 'x' });
    const { files } = await walk(path.join(dir, 'sub'));
    expect(files).toEqual(['kept.txt']);
  });

  it('still visits .env files that git ignores, but not other ignored files', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.gitignore': '.env*\nsecret.txt\n', '.env': 'A=1', '.env.production': 'B=2', 'secret.txt': 'x' });
    const { files } = await walk(dir);
    expect(files).toEqual(['.env', '.env.production', '.gitignore']);
  });

  it('reports oversized files as skipped, never silently', async () => {
    const dir = tempDir();
    writeTree(dir, { 'small.txt': 'x' });
    const big = path.join(dir, 'huge.bin');
    writeFileSync(big, '');
    truncateSync(big, 2 * 1024 ** 3); // sparse 2 GB: skipped instantly
    const { files, skipped } = await walk(dir, { max: 1024 * 1024 });
    expect(files).toEqual(['small.txt']);
    expect(skipped).toEqual([expect.objectContaining({ path: 'huge.bin', reason: 'too-large' })]);
  });

  it('does not follow symlinks out of the tree or into loops', async () => {
    const outside = tempDir();
    writeTree(outside, { 'secret.txt': 'x' });
    const dir = tempDir();
    writeTree(dir, { 'inside/a.txt': 'x' });
    symlinkSync(outside, path.join(dir, 'escape'));
    symlinkSync(dir, path.join(dir, 'inside', 'loop'));
    const { files, skipped } = await walk(dir);
    expect(files).toEqual(['inside/a.txt']);
    expect(skipped).toEqual([expect.objectContaining({ path: 'escape', reason: 'symlink-outside' })]);
  });

  it('names env files and templates', () => {
    expect(['.env', '.env.local', 'prod.env', '.env.production'].every(isEnvFileName)).toBe(true);
    expect(['env.ts', 'environment.yml', '.envrc'].some(isEnvFileName)).toBe(false);
    expect(['.env.example', '.env.sample', '.env.template'].every(isEnvTemplate)).toBe(true);
    expect(isEnvTemplate('.env.local')).toBe(false);
  });
});

describe('scan: binary and oversized files are reported', () => {
  it('lists binary files as skipped in JSON and counts them in text', async () => {
    const dir = gitRepo();
    writeTree(dir, { 'img.png': { content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]) }, 'a.txt': 'hello' });
    const json = JSON.parse((await runCli(['scan', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.skipped).toEqual([{ path: 'img.png', reason: 'binary', detail: null }]);
    const text = (await runCli(['scan'], { cwd: dir })).stdout;
    expect(text).toMatch(/Skipped 1 file\(s\): 1 binary/);
  });

  it('honours secrets.maxFileSize from the config', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.keyauditrc.yml': 'secrets:\n  maxFileSize: 10\n', 'big.txt': 'x'.repeat(100) });
    const json = JSON.parse((await runCli(['scan', '--format', 'json'], { cwd: dir })).stdout);
    expect(json.skipped).toContainEqual(expect.objectContaining({ path: 'big.txt', reason: 'too-large' }));
  });
});
