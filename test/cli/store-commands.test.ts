/**
 * Round trip of every store command through run(io) with fake IO: init, keys add/list/remove/
 * rotate, store passwd/destroy (import: store-import.test.ts); their error paths (exit 2, store unchanged); and the
 * no-leak check over everything they printed and left on disk.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { Fake } from '../../src/core/fake.js';
import { readEntries } from '../../src/store/store.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { allFileText, fastStore, sha256, testHome } from '../store/helpers.js';

type Home = ReturnType<typeof testHome>;

/** Runs keyaudit with this home's env, recording all output for the leak check. */
function cli(t: Home, log: string[]) {
  return async (argv: string[], opts: { stdin?: string; env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<CliResult> => {
    const r = await runCli(argv, { cwd: t.home, env: { ...t.env, ...opts.env }, stdin: opts.stdin, isTTY: { stdin: opts.tty === true, stderr: opts.tty === true } });
    log.push(r.stdout, r.stderr);
    return r;
  };
}

const lines = (...fields: string[]) => `${fields.join('\n')}\n`;

describe('keyaudit init', () => {
  it('creates a 0600 store in a 0700 directory at the default cost, and refuses a second init', async () => {
    const t = testHome();
    const log: string[] = [];
    const run = cli(t, log);
    const r = await run(['init']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`Created the encrypted store at ${t.paths.file} (scrypt N=2^17, r=8, p=1`);
    expect(statSync(t.home).mode & 0o777).toBe(0o700);
    expect(statSync(t.paths.file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(t.paths.file, 'utf8'))).toMatchObject({ kdf: { N: 2 ** 17, r: 8, p: 1 } });
    const before = sha256(t.paths.file);
    const again = await run(['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/a store already exists at .*nothing was changed/);
    expect(sha256(t.paths.file)).toBe(before);
  });

  it('refuses a short passphrase, and without passphrase or terminal says what to do', async () => {
    const t = testHome();
    const run = cli(t, []);
    const short = await run(['init'], { env: { KEYAUDIT_PASSPHRASE: 'too short' } });
    expect(short).toMatchObject({ code: 2 });
    expect(short.stderr).toMatch(/at least 12 characters/);
    const none = await run(['init'], { env: { KEYAUDIT_PASSPHRASE: undefined } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/KEYAUDIT_PASSPHRASE is not set and stdin is not a terminal/);
    expect(existsSync(t.paths.file)).toBe(false);
  });

  it('on a terminal asks twice (no echo) and creates the store', async () => {
    const t = testHome();
    const r = await cli(t, [])(['init'], { env: { KEYAUDIT_PASSPHRASE: undefined }, tty: true, stdin: 'twelve+ characters\rtwelve+ characters\r' });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('twelve+');
    expect(await readEntries(t.paths, 'twelve+ characters')).toEqual([]);
  }, 15_000);
});

describe('keys and store commands, round trip', () => {
  it('add (each exchange shape), list, rotate, remove', async () => {
    const fake = new Fake('round-trip');
    const t = testHome();
    await fastStore(t);
    const log: string[] = [];
    const run = cli(t, log);
    const bin = { apiKey: fake.alnum(64), secret: fake.alnum(64) };
    const okx = { apiKey: fake.uuid(), secret: fake.upperHex(32), password: fake.alnum(16) };
    const htx = { apiKey: fake.uuid(), secret: fake.uuid() };
    const pem = `-----BEGIN EC PRIVATE KEY-----\n${fake.base64(90).replace(/(.{64})/g, '$1\n')}\n-----END EC PRIVATE KEY-----`;
    const cb = { apiKey: `organizations/${fake.uuid()}/apiKeys/${fake.uuid()}`, privateKey: pem };

    expect((await run(['keys', 'add', 'main-bot', '--exchange', 'binance', '--stdin'], { stdin: lines(bin.apiKey, bin.secret) })).code).toBe(0);
    expect((await run(['keys', 'add', 'okx-bot', '--exchange', 'okx', '--stdin'], { stdin: lines(okx.apiKey, okx.secret, okx.password) })).code).toBe(0);
    expect((await run(['keys', 'add', 'htx-bot', '--exchange', 'htx', '--stdin'], { stdin: lines(htx.apiKey, htx.secret) })).code).toBe(0);
    // Coinbase CDP: key name, then a multi-line PEM (CRLF line endings, as pasted on Windows).
    expect((await run(['keys', 'add', 'cb', '-e', 'coinbase', '--stdin'], { stdin: `${cb.apiKey}\r\n${pem.replace(/\n/g, '\r\n')}\r\n` })).code).toBe(0);
    // The same PEM as one line with literal \n (from a JSON download) is converted.
    const cbOneLine = { apiKey: fake.uuid(), privateKey: pem };
    expect((await run(['keys', 'add', 'cb2', '-e', 'coinbase', '--stdin'], { stdin: lines(cbOneLine.apiKey, pem.replace(/\n/g, '\\n')) })).code).toBe(0);

    const stored = await readEntries(t.paths, t.passphrase);
    expect(stored.map((e) => [e.name, e.exchange, e.credentials, e.rotatedAt])).toEqual([
      ['cb', 'coinbase', cb, null],
      ['cb2', 'coinbase', cbOneLine, null],
      ['htx-bot', 'htx', htx, null],
      ['main-bot', 'binance', bin, null],
      ['okx-bot', 'okx', okx, null],
    ]);
    for (const e of stored) expect(Date.now() - Date.parse(e.addedAt)).toBeLessThan(60_000);

    const list = await run(['keys', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^NAME\s+EXCHANGE\s+ADDED\s+ROTATED\s+KEY$/);
    expect(list.stdout).toMatch(new RegExp(`main-bot\\s+binance\\s+\\d{4}-\\d\\d-\\d\\d\\s+-\\s+${bin.apiKey.slice(0, 4)}…`));
    const json = await run(['keys', 'list', '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { schemaVersion: number; entries: { name: string; keyId: string; rotatedAt: string | null }[] };
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.entries.map((e) => [e.name, e.keyId])).toEqual([
      ['cb', `${cb.apiKey.slice(0, 4)}…`],
      ['cb2', `${cbOneLine.apiKey.slice(0, 4)}…`],
      ['htx-bot', `${htx.apiKey.slice(0, 4)}…`],
      ['main-bot', `${bin.apiKey.slice(0, 4)}…`],
      ['okx-bot', `${okx.apiKey.slice(0, 4)}…`],
    ]);

    const dup = await run(['keys', 'add', 'main-bot', '--exchange', 'binance', '--stdin'], { stdin: lines(fake.alnum(64), fake.alnum(64)) });
    expect(dup.code).toBe(2);
    expect(dup.stderr).toMatch(/already has an entry named "main-bot".*keys rotate main-bot/);

    const fresh = { apiKey: fake.alnum(64), secret: fake.alnum(64) };
    expect((await run(['keys', 'rotate', 'main-bot', '--stdin'], { stdin: lines(fresh.apiKey, fresh.secret) })).code).toBe(0);
    const same = await run(['keys', 'rotate', 'main-bot', '--stdin'], { stdin: lines(fresh.apiKey, fresh.secret) });
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/same as the stored ones/);
    const rotated = (await readEntries(t.paths, t.passphrase)).find((e) => e.name === 'main-bot');
    expect(rotated?.credentials).toEqual(fresh);
    expect(rotated?.rotatedAt).not.toBeNull();
    expect((await run(['keys', 'list'])).stdout).toMatch(/main-bot\s+binance\s+(\d{4}-\d\d-\d\d)\s+\1\s+/);

    expect((await run(['keys', 'remove', 'okx-bot'])).code).toBe(0);
    const missing = await run(['keys', 'remove', 'okx-bot']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no entry named "okx-bot"/);
    expect((await readEntries(t.paths, t.passphrase)).map((e) => e.name)).toEqual(['cb', 'cb2', 'htx-bot', 'main-bot']);

    const secrets = [bin.secret, okx.secret, okx.password, htx.secret, fresh.secret, bin.apiKey, fresh.apiKey, okx.apiKey, htx.apiKey, cb.apiKey, ...pem.split('\n').filter((l) => l.length > 16 && !l.includes('-----'))];
    const everything = [...log, allFileText(t.home)].join('\n');
    for (const s of secrets) expect(everything).not.toContain(s);
  });

  it('keys add on a terminal asks only the fields the exchange needs, with no echo', async () => {
    const fake = new Fake('tty-add');
    const t = testHome();
    await fastStore(t);
    const okx = { apiKey: fake.uuid(), secret: fake.upperHex(32), password: fake.alnum(16) };
    // Typed ahead in one chunk: each prompt takes its line.
    const r = await cli(t, [])(['keys', 'add', 'o', '--exchange', 'okx'], { tty: true, stdin: `${okx.apiKey}\r\n${okx.secret}\r\n${okx.password}\r\n` });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/API key: |API secret: |API passphrase: /g)).toEqual(['API key: ', 'API secret: ', 'API passphrase: ']);
    for (const v of Object.values(okx)) expect(r.stderr + r.stdout).not.toContain(v);
    expect((await readEntries(t.paths, t.passphrase))[0]?.credentials).toEqual(okx);
  });

  it('--stdin with missing or extra fields, bad names and unknown exchanges: exit 2 and the store unchanged', async () => {
    const fake = new Fake('missing');
    const t = testHome();
    await fastStore(t);
    const run = cli(t, []);
    const before = sha256(t.paths.file);
    const key = fake.uuid();
    const cases: [string[], string, RegExp][] = [
      [['keys', 'add', 'o', '-e', 'okx', '--stdin'], lines(key, fake.upperHex(32)), /missing API passphrase for okx.*1\. API key, 2\. API secret, 3\. API passphrase/],
      [['keys', 'add', 'o', '-e', 'okx', '--stdin'], lines(key, '', fake.alnum(12)), /missing API secret for okx/],
      [['keys', 'add', 'b', '-e', 'binance', '--stdin'], '', /missing API key, API secret for binance/],
      [['keys', 'add', 'b', '-e', 'binance', '--stdin'], lines(key, fake.alnum(20), fake.alnum(20)), /1 more line\(s\) than binance needs/],
      [['keys', 'add', 'c', '-e', 'coinbase', '--stdin'], lines(key, '-----BEGIN EC PRIVATE KEY-----', fake.base64(30)), /PEM block but has no -----END line/],
      [['keys', 'add', '../evil', '-e', 'binance', '--stdin'], lines(key, key), /invalid name/],
      [['keys', 'add', 'b', '-e', 'Binance!', '--stdin'], lines(key, key), /invalid exchange id/],
      [['keys', 'add', 'b', '-e', 'notanexchange', '--stdin'], lines(key, key), /unknown exchange id "notanexchange"/],
      [['keys', 'add', 'b', '-e', 'binance'], '', /stdin is not a terminal.*--stdin/],
    ];
    for (const [argv, stdin, pattern] of cases) {
      const r = await run(argv, { stdin });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toContain(key);
    }
    expect(sha256(t.paths.file)).toBe(before);
  }, 20_000);

  it('non-TTY without KEYAUDIT_PASSPHRASE, a wrong passphrase, a 0644 store, no store: exit 2 with the fix, bytes unchanged', async () => {
    const fake = new Fake('errors');
    const t = testHome();
    await fastStore(t);
    const run = cli(t, []);
    const before = sha256(t.paths.file);
    for (const argv of [['keys', 'list'], ['keys', 'remove', 'x'], ['store', 'passwd']]) {
      const r = await run(argv, { env: { KEYAUDIT_PASSPHRASE: undefined } });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        'keyaudit: cannot unlock the store: KEYAUDIT_PASSPHRASE is not set and stdin is not a terminal, so keyaudit cannot ask for the passphrase. Set KEYAUDIT_PASSPHRASE (for example from your CI\'s secret store) or run the command in a terminal.\n',
      );
    }
    const wrong = await run(['keys', 'add', 'b', '-e', 'binance', '--stdin'], { env: { KEYAUDIT_PASSPHRASE: 'wrong but long enough' }, stdin: lines(fake.alnum(64), fake.alnum(64)) });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^keyaudit: wrong passphrase for the store at .*; the store was not changed\.\n$/);
    expect(sha256(t.paths.file)).toBe(before);

    chmodSync(t.paths.file, 0o644);
    const open = await run(['keys', 'list']);
    expect(open.code).toBe(2);
    expect(open.stderr).toContain(`refusing to use it. Fix it with: chmod 600 ${t.paths.file}`);
    chmodSync(t.paths.file, 0o600);

    const empty = testHome();
    const none = await cli(empty, [])(['keys', 'list']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no store at .*: run `keyaudit init`/);
  });

  it('store passwd: the old passphrase stops working, the new one works, entries survive', async () => {
    const fake = new Fake('passwd-cli');
    const t = testHome();
    await fastStore(t);
    const run = cli(t, []);
    expect((await run(['keys', 'add', 'a', '-e', 'kraken', '--stdin'], { stdin: lines(fake.alnum(56), fake.base64(64)) })).code).toBe(0);
    const next = 'the next passphrase, longer';
    const short = await run(['store', 'passwd'], { env: { KEYAUDIT_NEW_PASSPHRASE: 'short' } });
    expect(short.code).toBe(2);
    const r = await run(['store', 'passwd'], { env: { KEYAUDIT_NEW_PASSPHRASE: next } });
    expect(r.code).toBe(0);
    // Re-keying also raises the cost to today's default.
    expect(JSON.parse(readFileSync(t.paths.file, 'utf8'))).toMatchObject({ kdf: { N: 2 ** 17 } });
    const old = await run(['keys', 'list']);
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/wrong passphrase/);
    const fresh = await run(['keys', 'list'], { env: { KEYAUDIT_PASSPHRASE: next } });
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toMatch(/^a\s+kraken/m);
  }, 20_000);

  it('store destroy: refuses without confirmation off a terminal, asks on one, --yes for scripts', async () => {
    const t = testHome();
    await fastStore(t);
    const run = cli(t, []);
    const refused = await run(['store', 'destroy']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/without confirmation.*--yes/);
    const notTyped = await run(['store', 'destroy'], { tty: true, stdin: 'yes\r' });
    expect(notTyped.code).toBe(2);
    expect(existsSync(t.paths.file)).toBe(true);
    const typed = await run(['store', 'destroy'], { tty: true, stdin: 'destroy\r' });
    expect(typed.code).toBe(0);
    expect(existsSync(t.paths.file)).toBe(false);
    expect(existsSync(t.home)).toBe(false);
    expect((await run(['store', 'destroy', '--yes'])).stdout).toMatch(/nothing to destroy/);

    const u = testHome();
    await fastStore(u);
    const yes = await cli(u, [])(['store', 'destroy', '--yes'], { env: { KEYAUDIT_PASSPHRASE: undefined } });
    expect(yes.code).toBe(0);
    expect(existsSync(u.paths.file)).toBe(false);
  });
});
