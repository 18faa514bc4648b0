/**
 * `scan --verify` against a loopback exchange double: a leaked key that can withdraw is critical
 * and says so; a revoked key is reported as rejected; nothing is sent without the flag.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { startExchangeDouble, type ExchangeDouble } from '../../src/demo/exchange-double.js';
import { pairCredentials, roleOfName } from '../../src/scan/verify.js';
import { SecretScanner } from '../../src/core/scanner.js';
import { secretRules } from '../../rules/index.js';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo, writeTree } from '../helpers/tmp.js';

let double: ExchangeDouble | undefined;
afterEach(async () => {
  await double?.close();
  double = undefined;
});

const fake = new Fake('verify');
const live = { key: fake.alnum(64), secret: fake.alnum(64) };
const revoked = { key: fake.alnum(64), secret: fake.alnum(64) };

async function setup(): Promise<string> {
  double = await startExchangeDouble([
    {
      // developers.binance.com/docs/wallet/account/api-key-permission, withdrawals on, no IP restriction.
      apiKey: live.key,
      exchange: 'binance',
      respond: (now) => ({ body: { ipRestrict: false, createTime: now - 5e9, enableReading: true, enableWithdrawals: true, enableInternalTransfer: false, permitsUniversalTransfer: false, enableMargin: false, enableFutures: false, enableVanillaOptions: false, enableSpotAndMarginTrading: true } }),
    },
  ]);
  const dir = gitRepo();
  writeTree(dir, {
    '.gitignore': '.env\n',
    '.keyauditrc.yml': `verify:\n  baseUrls:\n    binance: ${double.url}\n`,
    '.env': { content: `BINANCE_API_KEY=${live.key}\nBINANCE_SECRET=${live.secret}\n`, mode: 0o600 },
    'bot.py': `import ccxt\nex = ccxt.binance({\n  "apiKey": "${revoked.key}",\n  "secret": "${revoked.secret}",\n})\n`,
  });
  return dir;
}

describe('scan --verify', () => {
  it('marks a withdraw-enabled leaked key critical and a revoked one as rejected', async () => {
    const dir = await setup();
    const result = await runCli(['scan', '--verify', '--no-keys', '--format', 'json'], { cwd: dir });
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings as { file: string; severity: string; message: string; ruleId: string }[];
    const env = findings.filter((f) => f.file === '.env');
    expect(env.length).toBe(2);
    for (const f of env) {
      expect(f.severity).toBe('critical');
      expect(f.message).toMatch(/verified: withdraw enabled/);
    }
    const bot = findings.filter((f) => f.file === 'bot.py');
    expect(bot.length).toBe(2);
    for (const f of bot) expect(f.message).toMatch(/verified: the exchange rejects this key/);
    expect(double?.requests.filter((r) => r.startsWith('GET /sapi/v1/account/apiRestrictions')).length).toBe(2);
    for (const secret of [live.key, live.secret, revoked.key, revoked.secret]) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('verifies keys found in history from the commit that added them, asking once per key', async () => {
    const dir = await setup();
    // The live key is committed in two files, then both are deleted: only history still has it.
    const pair = `BINANCE_API_KEY = "${live.key}"\nBINANCE_SECRET = "${live.secret}"\n`;
    writeTree(dir, { 'old/settings.py': `# bot settings\n${pair}`, 'old/copy.py': pair });
    git(dir, 'add', 'old', '.keyauditrc.yml');
    git(dir, 'commit', '-q', '-m', 'add settings');
    git(dir, 'rm', '-q', '-r', 'old');
    git(dir, 'commit', '-q', '-m', 'remove the keys');
    const result = await runCli(['scan', '--verify', '--no-keys', '--format', 'json', '--history', '--', 'old'], { cwd: dir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    const findings = JSON.parse(result.stdout).findings as { file: string; severity: string; message: string; commit: string | null }[];
    const inHistory = findings.filter((f) => f.commit !== null);
    expect(inHistory.map((f) => f.file).sort()).toEqual(['old/copy.py', 'old/copy.py', 'old/settings.py', 'old/settings.py']);
    for (const f of inHistory) {
      expect(f.severity).toBe('critical');
      expect(f.message).toMatch(/verified: withdraw enabled/);
    }
    expect(double?.requests.filter((r) => r.startsWith('GET /sapi/v1/account/apiRestrictions')).length).toBe(1);
    for (const secret of [live.key, live.secret]) expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('refuses --verify with --staged (the hook stays offline)', async () => {
    const dir = await setup();
    const result = await runCli(['scan', '--verify', '--staged'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--verify cannot be used with --staged/);
    expect(double?.requests).toEqual([]);
  });

  it('sends nothing without --verify', async () => {
    const dir = await setup();
    const result = await runCli(['scan', '--no-keys'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(double?.requests).toEqual([]);
  });

  it('pairs keys with secrets by variable name, and needs a passphrase where the exchange does', () => {
    expect(['BINANCE_API_KEY', 'apiKey', 'key'].map(roleOfName)).toEqual(['apiKey', 'apiKey', 'apiKey']);
    expect(['BINANCE_SECRET', 'secret', 'api_secret_key'].map(roleOfName)).toEqual(['secret', 'secret', 'secret']);
    expect(['OKX_PASSPHRASE', 'password'].map(roleOfName)).toEqual(['password', 'password']);
    const scanner = new SecretScanner(secretRules);
    const okx = `OKX_API_KEY=${fake.uuid()}\nOKX_SECRET_KEY=${fake.upperHex(32)}\n`;
    expect(pairCredentials(scanner.scan({ path: '.env', text: okx, startLine: 1 }))).toEqual([]);
    const withPass = `${okx}OKX_PASSPHRASE=Zq8-${fake.alnum(10)}\n`;
    const pairs = pairCredentials(scanner.scan({ path: '.env', text: withPass, startLine: 1 }));
    expect(pairs.map((p) => [p.exchange, p.places.length])).toEqual([['okx', 3]]);
  });
});
