/**
 * `keyaudit keys import <.env>` through run(io): three exchanges recognised, stored, verified, and
 * the .env rewritten without exactly those lines; clashes and wrong passphrases change nothing.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Fake } from '../../src/core/fake.js';
import { readEntries } from '../../src/store/store.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { allFileText, fastStore, sha256, testHome } from '../store/helpers.js';

describe('keyaudit keys import', () => {
  function envFixture(fake: Fake) {
    const v = {
      binKey: fake.alnum(64),
      binSecret: fake.alnum(64),
      okxKey: fake.uuid(),
      okxSecret: fake.upperHex(32),
      okxPass: fake.alnum(14),
      kcKey: fake.hex(24),
      kcSecret: fake.uuid(),
      kcPass: fake.alnum(10),
    };
    const content = [
      '# bot configuration',
      'LOG_LEVEL=info',
      `BINANCE_API_KEY=${v.binKey}`,
      `BINANCE_SECRET_KEY=${v.binSecret}`,
      '',
      `export OKX_API_KEY="${v.okxKey}"`,
      `OKX_SECRET=${v.okxSecret}`,
      `OKX_PASSPHRASE='${v.okxPass}'`,
      'DATABASE_URL=postgres://localhost/bot # local only',
      `KUCOIN_API_KEY=${v.kcKey}`,
      `KUCOIN_API_SECRET=${v.kcSecret}`,
      `KUCOIN_API_PASSPHRASE=${v.kcPass}`,
      'BYBIT_API_KEY=',
      '',
    ].join('\n');
    return { v, content };
  }

  it('imports three exchanges, verifies, and with --remove-from-env rewrites only those lines', async () => {
    const fake = new Fake('import');
    const t = testHome();
    await fastStore(t);
    const log: string[] = [];
    const dir = tempDir();
    const envFile = path.join(dir, '.env');
    const { v, content } = envFixture(fake);
    writeFileSync(envFile, content, { mode: 0o640 });

    const dry = await runCli(['keys', 'import', envFile, '--dry-run'], { cwd: dir, env: t.env });
    log.push(dry.stdout, dry.stderr);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`binance (binance): BINANCE_API_KEY=${v.binKey.slice(0, 4)}…, BINANCE_SECRET_KEY=${v.binSecret.slice(0, 4)}…`);
    expect(dry.stdout).toContain('kucoin (kucoin): KUCOIN_API_KEY=');
    expect(dry.stdout).toContain('okx (okx): OKX_API_KEY=');
    expect(dry.stdout).toMatch(/skipped bybit \(BYBIT_API_KEY\): missing API key, API secret/);
    expect(await readEntries(t.paths, t.passphrase)).toEqual([]);

    const r = await runCli(['keys', 'import', '.env', '--remove-from-env'], { cwd: dir, env: t.env });
    log.push(r.stdout, r.stderr);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Stored and verified 3 entries');
    const stored = await readEntries(t.paths, t.passphrase);
    expect(stored.map((e) => [e.name, e.exchange, e.credentials])).toEqual([
      ['binance', 'binance', { apiKey: v.binKey, secret: v.binSecret }],
      ['kucoin', 'kucoin', { apiKey: v.kcKey, secret: v.kcSecret, password: v.kcPass }],
      ['okx', 'okx', { apiKey: v.okxKey, secret: v.okxSecret, password: v.okxPass }],
    ]);
    expect(readFileSync(envFile, 'utf8')).toBe(['# bot configuration', 'LOG_LEVEL=info', '', 'DATABASE_URL=postgres://localhost/bot # local only', 'BYBIT_API_KEY=', ''].join('\n'));
    expect(statSync(envFile).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['.env']);

    const all = [...log, allFileText(t.home), readFileSync(envFile, 'utf8')].join('\n');
    for (const s of Object.values(v)) expect(all).not.toContain(s);
  });

  it('without --remove-from-env the .env is untouched; a name clash imports nothing', async () => {
    const fake = new Fake('import-2');
    const t = testHome();
    await fastStore(t);
    const dir = tempDir();
    const { content } = envFixture(fake);
    writeFileSync(path.join(dir, '.env'), content);
    const first = await runCli(['keys', 'import', '.env'], { cwd: dir, env: t.env });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/still in \.env: run again with --remove-from-env/);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(content);
    const before = sha256(t.paths.file);
    const again = await runCli(['keys', 'import', '.env', '--remove-from-env'], { cwd: dir, env: t.env });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already has "binance", "kucoin", "okx"; nothing was imported/);
    expect(sha256(t.paths.file)).toBe(before);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(content);
  });

  it('a wrong passphrase imports nothing and leaves both files as they were', async () => {
    const t = testHome();
    await fastStore(t);
    const dir = tempDir();
    const { content } = envFixture(new Fake('import-3'));
    writeFileSync(path.join(dir, '.env'), content);
    const before = sha256(t.paths.file);
    const r = await runCli(['keys', 'import', '.env', '--remove-from-env'], { cwd: dir, env: { ...t.env, KEYAUDIT_PASSPHRASE: 'not the passphrase' } });
    expect(r.code).toBe(2);
    expect(sha256(t.paths.file)).toBe(before);
    expect(readFileSync(path.join(dir, '.env'), 'utf8')).toBe(content);
  });
});
