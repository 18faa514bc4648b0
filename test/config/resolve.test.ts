import { describe, expect, it } from 'vitest';
import { validateConfig, defaultConfig } from '../../src/config/resolve.js';
import { ConfigError } from '../../src/core/errors.js';
import { allRules } from '../../rules/index.js';
import { Fake } from '../../src/core/fake.js';

function problemsOf(raw: unknown, text?: string): { path: string; message: string }[] {
  try {
    validateConfig(raw, 'keyaudit.yml', allRules, text);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('validateConfig', () => {
  it('accepts the documented example', () => {
    const config = validateConfig(
      {
        accounts: [
          {
            name: 'main-bot',
            exchange: 'binance',
            credentials: { env: { apiKey: 'BINANCE_API_KEY', secret: 'BINANCE_SECRET' } },
            baseUrl: 'http://127.0.0.1:8080',
            sandbox: false,
            expectedIps: ['203.0.113.10', '198.51.100.0/24'],
            needs: ['spot'],
          },
        ],
        rules: { 'pem-private-key': 'high', 'secrets/binance-api-key': ['medium', { allow: ['^TEST'] }] },
        secrets: { ignore: ['vendor/**'], maxFileSize: '2MB', baseline: 'base.json' },
      },
      'keyaudit.yml',
      allRules,
    );
    expect(config.accounts[0]?.name).toBe('main-bot');
    expect(config.rules.get('secrets/pem-private-key')?.severity).toBe('high');
    expect(config.rules.get('secrets/binance-api-key')?.severity).toBe('medium');
    expect(config.secrets.allowByRule['secrets/binance-api-key']?.[0]?.source).toBe('^TEST');
    expect(config.secrets.maxFileSize).toBe(2_000_000);
    expect(config.secrets.baselinePath).toBe('base.json');
  });

  it('reports every problem at once, each with its path and what was expected', () => {
    const problems = problemsOf({
      accounts: [{ name: 'a', exchange: 42, sandbox: 'yes', needs: ['moon'] }, { name: 'a', exchange: 'okx' }],
      rules: { 'no-such-rule': 'high', 'pem-private-key': 'severe' },
      secrets: { maxFileSize: 'huge', unknownKey: true },
    });
    const paths = problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining(['accounts[0].exchange', 'accounts[0].sandbox', 'accounts[0].needs[0]', 'accounts[1].name', 'rules.no-such-rule', 'rules.pem-private-key', 'secrets.maxFileSize', 'secrets']),
    );
    expect(problems.find((p) => p.path === 'accounts[0].exchange')?.message).toMatch(/string/);
    expect(problems.find((p) => p.path === 'rules.no-such-rule')?.message).toMatch(/unknown rule id/);
    expect(problems.find((p) => p.path === 'accounts[1].name')?.message).toMatch(/duplicate/);
    expect(problems.find((p) => p.path === 'secrets')?.message).toMatch(/unknownKey/);
  });

  it('names the file in the error message', () => {
    expect(() => validateConfig({ rules: { nope: 'high' } }, 'conf/.keyauditrc.yml', allRules)).toThrow(/conf\/\.keyauditrc\.yml[\s\S]*rules\.nope/);
  });

  it('refuses a literal secret in credentials.env, directly on an account, or anywhere in the file text', () => {
    const fake = new Fake('config-literal');
    const key = fake.alnum(64);
    const underEnv = problemsOf({ accounts: [{ name: 'a', exchange: 'binance', credentials: { env: { apiKey: key } } }] });
    expect(underEnv[0]?.path).toBe('accounts[0].credentials.env.apiKey');
    expect(underEnv[0]?.message).toMatch(/literal secret[\s\S]*environment variable[\s\S]*keyaudit keys add/);
    expect(JSON.stringify(underEnv)).not.toContain(key);

    const onAccount = problemsOf({ accounts: [{ name: 'a', exchange: 'binance', apiKey: 'abc', secret: 'def' }] });
    expect(onAccount.map((p) => p.path)).toEqual(expect.arrayContaining(['accounts[0].apiKey', 'accounts[0].secret']));

    const text = `# notes\nrules: {}\n# binance_secret: ${key}\n`;
    const inText = problemsOf({ rules: {} }, text);
    expect(inText[0]?.path).toBe('line 3');
    expect(JSON.stringify(inText)).not.toContain(key);
  });

  it('validates rule options and regexes', () => {
    const problems = problemsOf({ rules: { 'binance-api-key': ['high', { allow: ['('], bogus: 1 }] } });
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['rules.binance-api-key[1]']));
  });

  it('gives defaults without a file', () => {
    const config = defaultConfig(allRules);
    expect(config.file).toBeNull();
    expect(config.accounts).toEqual([]);
    expect(config.secrets.maxFileSize).toBe(25 * 1024 * 1024);
    for (const rule of allRules) expect(config.rules.get(rule.meta.id)?.severity).toBe(rule.meta.severity);
  });
});

describe('env variable names are not secrets', () => {
  it('accepts credentials.env names that a secret rule would otherwise take for a passphrase or key', () => {
    const text = 'accounts:\n  - name: k\n    exchange: kucoin\n    credentials:\n      env:\n        apiKey: K_APIKEY\n        secret: K_SECRET\n        password: K_PASSWORD\n';
    const raw = { accounts: [{ name: 'k', exchange: 'kucoin', credentials: { env: { apiKey: 'K_APIKEY', secret: 'K_SECRET', password: 'K_PASSWORD' } } }] };
    expect(() => validateConfig(raw, 'k.yml', allRules, text)).not.toThrow();
  });
});
