/**
 * `keyaudit scan --demo`: a throw-away demo repository (planted FAKE secrets) with a config whose
 * five accounts point, through `baseUrl`, at a loopback exchange double. Everything runs offline.
 */
import { mkdtemp, mkdir, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Fake } from '../core/fake.js';
import { runGit } from '../sources/git.js';
import { demoRepoFiles } from './demo-repo.js';
import { demoScenarios, startExchangeDouble, type ExchangeDouble } from './exchange-double.js';

export interface Demo {
  dir: string;
  /** Environment variables holding the demo accounts' FAKE credentials. */
  env: Record<string, string>;
  double: ExchangeDouble;
  close(): Promise<void>;
}

export const DEMO_BANNER = 'DEMO — fake repository and a loopback exchange double; nothing here touches a real exchange or your keys.';

export async function prepareDemo(): Promise<Demo> {
  const fake = new Fake('keyaudit-demo-accounts');
  const keys = {
    safe: fake.alnum(64),
    withdraw: fake.uuid(),
    noIp: fake.alnum(18),
    old: fake.fromB64Alphabet(56),
    unverifiable: fake.alnum(64),
  };
  const env: Record<string, string> = {
    DEMO_BINANCE_SAFE_KEY: keys.safe,
    DEMO_BINANCE_SAFE_SECRET: fake.alnum(64),
    DEMO_OKX_KEY: keys.withdraw,
    DEMO_OKX_SECRET: fake.upperHex(32),
    DEMO_OKX_PASSPHRASE: `Demo-${fake.alnum(10)}`,
    DEMO_BYBIT_KEY: keys.noIp,
    DEMO_BYBIT_SECRET: fake.alnum(36),
    DEMO_KRAKEN_KEY: keys.old,
    DEMO_KRAKEN_SECRET: fake.base64(64),
    DEMO_BINANCE_REVOKED_KEY: keys.unverifiable,
    DEMO_BINANCE_REVOKED_SECRET: fake.alnum(64),
  };
  const double = await startExchangeDouble(demoScenarios(keys));
  const dir = await mkdtemp(path.join(tmpdir(), 'keyaudit-demo-'));
  try {
    for (const [name, content] of Object.entries(demoRepoFiles())) {
      const file = path.join(dir, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await chmod(path.join(dir, '.env'), 0o644);
    await writeFile(path.join(dir, '.keyauditrc.yml'), demoConfig(double.url));
    // A real repository, so the .env hygiene rules have something to say; skipped without git.
    const init = await runGit(dir, ['init', '-q']);
    if (init.code === 0) {
      await runGit(dir, ['add', '-A']);
      await runGit(dir, ['-c', 'user.name=keyaudit demo', '-c', 'user.email=demo@keyaudit.invalid', '-c', 'commit.gpgsign=false', 'commit', '-qm', 'demo bot', '--no-verify']);
    }
  } catch (error) {
    await double.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    env,
    double,
    close: async () => {
      await double.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function demoConfig(baseUrl: string): string {
  const account = (name: string, exchange: string, env: Record<string, string>, extra = ''): string =>
    `  - name: ${name}\n    exchange: ${exchange}\n    baseUrl: ${baseUrl}\n    credentials:\n      env:\n${Object.entries(env)
      .map(([k, v]) => `        ${k}: ${v}\n`)
      .join('')}${extra}`;
  return [
    '# keyaudit demo config: every account points at the loopback exchange double.',
    'accounts:',
    account('spot-bot', 'binance', { apiKey: 'DEMO_BINANCE_SAFE_KEY', secret: 'DEMO_BINANCE_SAFE_SECRET' }, '    needs: [spot]\n'),
    account('arb-bot', 'okx', { apiKey: 'DEMO_OKX_KEY', secret: 'DEMO_OKX_SECRET', password: 'DEMO_OKX_PASSPHRASE' }, '    expectedIps: [203.0.113.7]\n'),
    account('grid-bot', 'bybit', { apiKey: 'DEMO_BYBIT_KEY', secret: 'DEMO_BYBIT_SECRET' }),
    account('dca-bot', 'kraken', { apiKey: 'DEMO_KRAKEN_KEY', secret: 'DEMO_KRAKEN_SECRET' }, '    expectedIps: [203.0.113.7]\n'),
    account('old-bot', 'binance', { apiKey: 'DEMO_BINANCE_REVOKED_KEY', secret: 'DEMO_BINANCE_REVOKED_SECRET' }),
    '',
  ].join('\n');
}
