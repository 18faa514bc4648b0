/**
 * Real `git commit`s through the hook installed by the built bin: one blocked by a staged fake
 * secret (without printing it), one clean commit and one with an inline allow let through.
 */
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { git, gitRepo, writeTree } from '../helpers/tmp.js';
import { commit, commitCount, fakeBinanceFile } from './commit-helpers.js';

describe('real commits through the installed hook (built bin)', () => {
  it('blocks a commit that stages a fake secret, without printing it, and says how to allow a false positive', async () => {
    const repo = gitRepo();
    expect((await spawnCli(['hook', 'install'], { cwd: repo })).code).toBe(0);
    const { content, secrets } = fakeBinanceFile('hook-block');
    writeTree(repo, { 'bot/config.py': content });
    git(repo, 'add', 'bot/config.py');
    const blocked = commit(repo, 'add bot');
    expect(blocked.status).toBe(1);
    expect(commitCount(repo)).toBe(0);
    expect(blocked.output).toContain('secrets/binance-api-key');
    expect(blocked.output).toContain('bot/config.py');
    expect(blocked.output).toContain('commit blocked');
    expect(blocked.output).toContain('keyaudit:allow');
    expect(blocked.output).toContain('keyaudit baseline');
    for (const s of secrets) {
      expect(blocked.output).not.toContain(s);
      expect(blocked.output).not.toContain(s.slice(4, 16));
    }
  });

  it('lets a clean commit through, and one whose finding is allowed inline', async () => {
    const repo = gitRepo();
    expect((await spawnCli(['hook', 'install'], { cwd: repo })).code).toBe(0);
    writeTree(repo, { 'src/app.py': 'import os\nkey = os.environ["BINANCE_API_KEY"]\n' });
    git(repo, 'add', 'src/app.py');
    const ok = commit(repo, 'clean');
    expect(ok.status, ok.output).toBe(0);
    expect(commitCount(repo)).toBe(1);

    const { content } = fakeBinanceFile('hook-allow');
    const allowed = content.replace(/^(\s+"(?:apiKey|secret)": "\w+",)$/gm, '$1  # keyaudit:allow');
    expect(allowed).not.toBe(content);
    writeTree(repo, { 'tests/fixture.py': allowed });
    git(repo, 'add', 'tests/fixture.py');
    const through = commit(repo, 'fixture with allowed key');
    expect(through.status, through.output).toBe(0);
    expect(commitCount(repo)).toBe(2);
  });

  it('also blocks `git commit -a` and `git commit <path>`, whose content only exists in the index git hands the hook', async () => {
    const repo = gitRepo();
    writeTree(repo, { 'bot/config.py': 'x = 1\n', 'notes.txt': 'n\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    expect((await spawnCli(['hook', 'install'], { cwd: repo, env: { HOME: repo } })).code).toBe(0);
    const { content, secrets } = fakeBinanceFile('hook-commit-a');
    // Modified but not staged: only `-a` / the pathspec puts it into the commit.
    writeTree(repo, { 'bot/config.py': content });
    for (const extra of [['-a'], ['--', 'bot/config.py']]) {
      const blocked = commit(repo, 'sneaky', ...extra);
      expect(blocked.status, extra.join(' ')).toBe(1);
      expect(blocked.output).toContain('secrets/binance-api-key');
      for (const s of secrets) expect(blocked.output).not.toContain(s);
    }
    expect(commitCount(repo)).toBe(1);
  });
});
