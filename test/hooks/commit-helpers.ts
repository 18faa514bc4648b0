/** Shared by the hook tests: a real `git commit` with hooks on, and fake staged secrets. */
import { spawnSync } from 'node:child_process';
import { Fake } from '../../src/core/fake.js';
import { gitTestEnv } from '../helpers/tmp.js';

/** `git commit` as a user would run it (hooks on), returning status and output instead of throwing. */
export function commit(repo: string, message: string, ...extra: string[]): { status: number; output: string } {
  const result = spawnSync('git', ['commit', '-m', message, ...extra], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...gitTestEnv(repo), NO_COLOR: '1' },
    timeout: 30_000,
  });
  return { status: result.status ?? 99, output: `${result.stdout}${result.stderr}` };
}

export const commitCount = (repo: string): number => {
  const r = spawnSync('git', ['rev-list', '--count', 'HEAD'], { cwd: repo, encoding: 'utf8' });
  return r.status === 0 ? Number(r.stdout.trim()) : 0;
};

export function fakeBinanceFile(seed: string): { content: string; secrets: string[] } {
  const fake = new Fake(seed);
  const key = fake.alnum(64);
  const secret = fake.alnum(64);
  return {
    content: `import ccxt\nexchange = ccxt.binance({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})\n`,
    secrets: [key, secret],
  };
}

