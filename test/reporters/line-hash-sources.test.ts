/**
 * Where the CLI gets the text it line-hashes (src/cli/render.ts): the working file for current
 * findings, the blob at the commit for history findings (also when the file is gone at HEAD), and
 * no hash at all (the documented fallback: GitHub's uploader decides) when neither can be read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import type { Finding } from '../../src/core/types.js';
import { lineHashesFor } from '../../src/cli/render.js';
import { computeLineHashes } from '../../src/reporters/line-hash.js';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo, writeTree } from '../helpers/tmp.js';
import { Fake } from '../../src/core/fake.js';

function finding(file: string | null, line: number | null, commit: string | null = null): Finding {
  return { ruleId: 'secrets/x', severity: 'high', message: 'm', fix: 'f', file, line, column: 1, commit, authorDate: null, excerpt: null, fingerprint: 'fp' };
}

describe('lineHashesFor', () => {
  it('hashes the working file, the blob of a deleted file at its commit, and skips what cannot be read', async () => {
    const repo = gitRepo();
    writeTree(repo, { 'gone.env': 'A=1\r\nB=2\r\n', 'sub/kept.txt': 'old\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    const first = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'rm', '-q', 'gone.env');
    writeTree(repo, { 'sub/kept.txt': '  new first line\nold\n' });
    git(repo, 'commit', '-q', '-am', 'two');

    const findings = [
      finding('sub/kept.txt', 2),
      finding('gone.env', 2, first),
      finding('sub/kept.txt', 1, first),
      finding('missing.txt', 1),
      finding('gone.env', 1, 'f'.repeat(40)),
      finding('x', 1, 'not-a-sha; rm -rf /'),
      finding(null, null),
    ];
    const hashes = await lineHashesFor(findings, repo);
    expect(hashes.get('\0sub/kept.txt')).toEqual(computeLineHashes('  new first line\nold\n'));
    expect(hashes.get(`${first}\0gone.env`)).toEqual(computeLineHashes('A=1\r\nB=2\r\n'));
    // History: the file as it was in that commit, not as it is now.
    expect(hashes.get(`${first}\0sub/kept.txt`)).toEqual(computeLineHashes('old\n'));
    expect(hashes.has('\0missing.txt')).toBe(false);
    expect(hashes.has(`${'f'.repeat(40)}\0gone.env`)).toBe(false);
    expect(hashes.has('not-a-sha; rm -rf /\0x')).toBe(false);
    expect(hashes.size).toBe(3);
  });

  it('a cwd-relative history path from a subdirectory resolves too', async () => {
    const repo = gitRepo();
    writeTree(repo, { 'pkg/a.txt': 'alpha\n' });
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    const sha = git(repo, 'rev-parse', 'HEAD').trim();
    const hashes = await lineHashesFor([finding('a.txt', 1, sha)], path.join(repo, 'pkg'));
    expect(hashes.get(`${sha}\0a.txt`)).toEqual(computeLineHashes('alpha\n'));
  });
});

describe('scan --format sarif', () => {
  it('puts the line hash on each located result, matching the line the finding is on', async () => {
    const fake = new Fake('sarif-line-hash');
    const repo = gitRepo();
    writeTree(repo, { 'bot/config.py': `import ccxt\n\n\nx = ccxt.binance({"apiKey": "${fake.alnum(64)}"})\n` });
    const result = await runCli(['scan', '--no-keys', '--format', 'sarif', '--output', 'out.sarif'], { cwd: repo });
    expect(result.code).toBe(1);
    const log = JSON.parse(readFileSync(path.join(repo, 'out.sarif'), 'utf8')) as Log;
    const results = log.runs[0]?.results ?? [];
    const inBot = results.filter((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri === 'bot/config.py');
    expect(inBot.length).toBeGreaterThan(0);
    const expected = computeLineHashes(readFileSync(path.join(repo, 'bot', 'config.py'), 'utf8'));
    for (const r of inBot) {
      const line = r.locations?.[0]?.physicalLocation?.region?.startLine ?? 0;
      expect(line).toBe(4);
      expect(r.partialFingerprints?.primaryLocationLineHash).toBe(expected[line - 1]);
    }
  });
});
