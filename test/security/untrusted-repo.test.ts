/**
 * A scanned repository is untrusted input: its .git/config and .gitattributes must not make
 * keyaudit run anything (fsmonitor, hooks, external diff, textconv, pager), and JS config files are
 * never loaded. Each planted command would create a marker file if it ever ran.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { Fake } from '../../src/core/fake.js';
import { spawnCli } from '../helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';

function plantTraps(repo: string, markerDir: string): void {
  const trap = (name: string): string => {
    const script = path.join(markerDir, `${name}.sh`);
    writeFileSync(script, `#!/bin/sh\ntouch "${path.join(markerDir, `${name}.ran`)}"\n`);
    chmodSync(script, 0o755);
    return script;
  };
  git(repo, 'config', 'core.fsmonitor', trap('fsmonitor'));
  git(repo, 'config', 'diff.external', trap('external-diff'));
  git(repo, 'config', 'diff.evil.textconv', trap('textconv'));
  git(repo, 'config', 'diff.evil.command', trap('diff-driver'));
  git(repo, 'config', 'core.pager', trap('pager'));
  git(repo, 'config', 'filter.evil.clean', trap('clean-filter'));
  git(repo, 'config', 'filter.evil.smudge', trap('smudge-filter'));
  git(repo, 'config', 'core.hooksPath', markerDir);
  for (const hook of ['pre-commit', 'post-checkout', 'reference-transaction']) {
    writeFileSync(path.join(markerDir, hook), `#!/bin/sh\ntouch "${path.join(markerDir, `${hook}.ran`)}"\n`);
    chmodSync(path.join(markerDir, hook), 0o755);
  }
}

describe('scanning a hostile repository runs nothing from it', () => {
  it('fsmonitor, diff drivers, textconv, filters, pager and hooks never fire', async () => {
    const repo = gitRepo();
    const markers = tempDir('keyaudit-markers-');
    const fake = new Fake('untrusted');
    writeTree(repo, {
      '.gitattributes': '* diff=evil filter=evil\n',
      'bot.py': `ex = ccxt.binance({"apiKey": "${fake.alnum(64)}"})\n`,
      '.env': { content: `BINANCE_SECRET=${fake.alnum(64)}\n`, mode: 0o600 },
      '.keyauditrc.js': `require('fs').writeFileSync(${JSON.stringify(path.join(markers, 'config.ran'))}, 'x')`,
    });
    git(repo, '-c', 'core.hooksPath=/dev/null', 'add', 'bot.py', '.gitattributes');
    git(repo, '-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'init', '--no-verify');
    plantTraps(repo, markers);
    const result = await spawnCli(['scan', '--no-keys', '--format', 'json'], { cwd: repo });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).findings.length).toBeGreaterThan(0);
    expect(readdirSync(markers).filter((f) => f.endsWith('.ran'))).toEqual([]);
    expect(existsSync(path.join(markers, 'config.ran'))).toBe(false);
  });

  it('the traps are real: plain git would run them', () => {
    const repo = gitRepo();
    const markers = tempDir('keyaudit-markers-');
    writeTree(repo, { 'a.txt': 'x\n' });
    plantTraps(repo, markers);
    // A plain `git status` consults fsmonitor: proves the trap works when nothing disables it.
    git(repo, 'status', '--porcelain');
    expect(existsSync(path.join(markers, 'fsmonitor.ran'))).toBe(true);
  });
});
