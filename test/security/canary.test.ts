/**
 * Canary leak suite: unique fake secrets planted in every place a secret can be — working tree,
 * .env, a staged blob, git history, the encrypted store, environment variables and exchange
 * responses — then every command runs in every output format, on success and on forced failures
 * (wrong passphrase, an injected internal error, with and without KEYAUDIT_DEBUG). No canary may
 * appear in stdout, stderr, output files, the baseline, or any temp file keyaudit leaves behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Fake } from '../../src/core/fake.js';
import { startExchangeDouble, type ExchangeDouble } from '../../src/demo/exchange-double.js';
import { BIN } from '../helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from '../helpers/tmp.js';
import { fakeEntry, fastStore, testHome } from '../store/helpers.js';

const fake = new Fake('canary-suite');
const canary = {
  tree: fake.alnum(64),
  env: fake.alnum(64),
  staged: fake.alnum(64),
  history: fake.alnum(64),
  storeKey: fake.alnum(64),
  storeSecret: fake.alnum(64),
  envVarKey: fake.alnum(64),
  envVarSecret: fake.alnum(64),
  response: fake.alnum(36),
  bybitKey: fake.alnum(18),
  bybitSecret: fake.alnum(36),
};
const CANARIES = Object.values(canary);

let double: ExchangeDouble;
let repo: string;
let tmp: string;
let env: Record<string, string>;
const outputs: string[] = [];

function run(args: string[], extra: { env?: Record<string, string>; preload?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = [...(extra.preload === undefined ? [] : ['--import', extra.preload]), BIN, ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, argv, { cwd: repo, env: { ...env, ...extra.env }, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      outputs.push(String(stdout), String(stderr));
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 99, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

beforeAll(async () => {
  double = await startExchangeDouble([
    // The exchange echoes the API key back in its error message (some do).
    { apiKey: canary.envVarKey, exchange: 'binance', respond: () => ({ status: 401, body: { code: -2015, msg: `Invalid API-key ${canary.envVarKey}` } }) },
    { apiKey: canary.storeKey, exchange: 'binance', respond: (now) => ({ body: { ipRestrict: false, createTime: now, enableReading: true, enableWithdrawals: true, enableInternalTransfer: false, permitsUniversalTransfer: false, enableMargin: false, enableFutures: false, enableVanillaOptions: false, enableSpotAndMarginTrading: true } }) },
    // Bybit's documented answer has a `secret` field; a server that fills it must not leak.
    {
      apiKey: canary.bybitKey,
      exchange: 'bybit',
      respond: (now) => ({ body: { retCode: 0, retMsg: '', result: { note: 'x', apiKey: canary.bybitKey, readOnly: 0, secret: canary.response, permissions: { Spot: ['SpotTrade'], Wallet: [] }, ips: ['*'], type: 1, deadlineDay: 80, expiredAt: new Date(now + 8e9).toISOString(), createdAt: new Date(now).toISOString(), isMaster: true }, retExtInfo: {}, time: now } }),
    },
  ]);
  repo = gitRepo();
  tmp = tempDir('keyaudit-canary-tmp-');
  const home = testHome();
  await fastStore(home, [{ ...fakeEntry(fake, 'stored', 'binance'), credentials: { apiKey: canary.storeKey, secret: canary.storeSecret } }]);
  env = { PATH: process.env.PATH ?? '', HOME: repo, TMPDIR: tmp, NO_COLOR: '1', ...home.env, CANARY_KEY: canary.envVarKey, CANARY_SECRET: canary.envVarSecret, BYBIT_K: canary.bybitKey, BYBIT_S: canary.bybitSecret };
  writeTree(repo, {
    '.keyauditrc.yml': [
      'accounts:',
      `  - { name: envbot, exchange: binance, baseUrl: "${double.url}", credentials: { env: { apiKey: CANARY_KEY, secret: CANARY_SECRET } } }`,
      `  - { name: stored, exchange: binance, baseUrl: "${double.url}" }`,
      `  - { name: bybot, exchange: bybit, baseUrl: "${double.url}", credentials: { env: { apiKey: BYBIT_K, secret: BYBIT_S } } }`,
      '',
    ].join('\n'),
    'old.py': `binance_secret = "${canary.history}"\n`,
  });
  git(repo, 'add', '.');
  git(repo, 'commit', '-qm', 'one', '--no-verify');
  git(repo, 'rm', '-q', 'old.py');
  git(repo, 'commit', '-qm', 'two', '--no-verify');
  writeTree(repo, { 'staged.py': `BINANCE_API_KEY = "${canary.staged}"\n` });
  git(repo, 'add', 'staged.py');
  writeTree(repo, { 'bot.py': `import ccxt\nex = ccxt.binance({"apiKey": "${canary.tree}"})\n`, '.env': { content: `BINANCE_SECRET=${canary.env}\n`, mode: 0o644 } });
}, 60_000);

afterAll(async () => {
  await double?.close();
});

describe('canaries never leak', () => {
  it('every command, every format, success and failure paths', async () => {
    mkdirSync(path.join(repo, 'out'), { recursive: true });
    for (const format of ['json', 'sarif', 'html']) {
      const r = await run(['scan', '--format', format, '--output', `out/report.${format}`, '--verbose']);
      expect(r.code, r.stderr).toBe(1);
      await run(['scan', '--no-keys', '--history', '--format', format]);
    }
    await run(['scan', '--no-keys', '--history', '--output', 'out/report.txt']);
    await run(['scan', '--staged']);
    const text = await run(['scan', '--verbose']);
    // The planted secrets were found (so the canaries were really seen), and the audit ran.
    expect(text.stdout).toMatch(/secrets\/binance-api-key/);
    expect(text.stdout).toMatch(/envbot/);
    expect(text.stdout).toMatch(/stored +binance +YES/);
    const history = await run(['scan', '--no-keys', '--history', '--format', 'json']);
    expect(JSON.parse(history.stdout).findings.some((f: { commit: string | null }) => f.commit !== null)).toBe(true);
    const staged = await run(['scan', '--staged', '--format', 'json']);
    expect(JSON.parse(staged.stdout).findings.some((f: { file: string }) => f.file === 'staged.py')).toBe(true);

    await run(['baseline', '--history']);
    await run(['keys', 'list']);
    await run(['keys', 'list', '--format', 'json']);
    await run(['rules', '--format', 'json']);
    await run(['exchanges']);

    // Forced failures.
    const wrong = await run(['scan'], { env: { KEYAUDIT_PASSPHRASE: 'not the passphrase at all' } });
    expect(wrong.code).toBe(2);
    await run(['keys', 'list'], { env: { KEYAUDIT_PASSPHRASE: 'not the passphrase at all' } });
    const preload = path.join(tmp, 'boom.mjs');
    writeFileSync(
      preload,
      // exec on the scanner's patterns (the engine gives them the `d` flag), not the error handler's own regexes.
      `const original = RegExp.prototype.exec;\nRegExp.prototype.exec = function (s) { if (this.hasIndices && String(s).includes('ccxt.binance')) throw new Error('boom near ' + String(s)); return original.call(this, s); };\n`,
    );
    for (const debug of ['0', '1']) {
      const crash = await run(['scan', '--no-keys', 'bot.py'], { preload, env: { KEYAUDIT_DEBUG: debug } });
      expect(crash.code).toBe(2);
      expect(crash.stderr).toMatch(/internal error/);
    }
    // Worse: every regex fails on the scanned text, the error handler's own included, so handling
    // the error fails too. bin/keyaudit.js's last resort must still print nothing of it.
    const everywhere = path.join(tmp, 'boom-everywhere.mjs');
    writeFileSync(
      everywhere,
      `const original = RegExp.prototype.exec;\nRegExp.prototype.exec = function (s) { if (String(s).includes('ccxt.binance')) throw new Error('boom near ' + String(s)); return original.call(this, s); };\n`,
    );
    for (const debug of ['0', '1']) {
      const crash = await run(['scan', '--no-keys', 'bot.py'], { preload: everywhere, env: { KEYAUDIT_DEBUG: debug } });
      expect(crash.code).toBe(2);
      expect(crash.stderr).toMatch(/internal error/);
    }

    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(path.join(repo, 'out'));
    walk(tmp);
    const written = [...files.map((f) => readFileSync(f, 'utf8')), readFileSync(path.join(repo, '.keyaudit-baseline.json'), 'utf8')];
    expect(files.filter((f) => f.startsWith(path.join(repo, 'out'))).length).toBe(4);

    const everything = [...outputs, ...written].join('\n');
    for (const secret of CANARIES) {
      expect(everything.includes(secret), `a canary leaked (${secret.slice(0, 3)}…)`).toBe(false);
      expect(everything.includes(secret.slice(0, 12)), `12 characters of a canary leaked (${secret.slice(0, 3)}…)`).toBe(false);
    }
  }, 240_000);
});
