/**
 * The no-echo prompt on a fake terminal (raw mode on and off, nothing echoed, editing keys, cancel)
 * and the audit's credential provider over a real store.
 */
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { Fake } from '../../src/core/fake.js';
import { StoreError, UsageError } from '../../src/core/errors.js';
import { readFromTerminal } from '../../src/store/prompt.js';
import { newPassphrase, unlockPassphrase } from '../../src/store/passphrase.js';
import { createStoreCredentialProvider } from '../../src/store/provider.js';
import type { AccountConfig } from '../../src/config/schema.js';
import { fakeEntry, fastStore, testHome } from './helpers.js';

/** A fake TTY: records raw-mode switches; `type()` delivers keystrokes as a terminal would. */
function fakeTerminal() {
  const stdin = new PassThrough() as PassThrough & { isTTY: boolean; isRaw: boolean; setRawMode: (m: boolean) => void; rawCalls: boolean[] };
  stdin.isTTY = true;
  stdin.isRaw = false;
  stdin.rawCalls = [];
  stdin.setRawMode = (m: boolean) => {
    stdin.isRaw = m;
    stdin.rawCalls.push(m);
  };
  let stderr = '';
  const io = { stdin, stderr: { write: (s: string) => (stderr += s) }, isTTY: { stdin: true } };
  return { io, stdin, type: (s: string) => stdin.write(s), stderr: () => stderr };
}

describe('readFromTerminal', () => {
  it('reads with raw mode on, echoes nothing, restores raw mode, handles backspace and Ctrl-U', async () => {
    const t = fakeTerminal();
    const secret = new Fake('prompt').alnum(24);
    const answer = readFromTerminal(t.io, 'Secret: ');
    t.type('garbage\u0015'); // Ctrl-U clears the line
    t.type(`${secret}X\u007f`); // typo, then backspace
    t.type('\u001b[D'); // an arrow key is ignored
    t.type('\r');
    expect(await answer).toBe(secret);
    expect(t.stdin.rawCalls).toEqual([true, false]);
    expect(t.stderr()).toBe('Secret: \n');
  });

  it('Ctrl-C and Ctrl-D on an empty line cancel with a UsageError', async () => {
    for (const key of ['\u0003', '\u0004']) {
      const t = fakeTerminal();
      const answer = readFromTerminal(t.io, 'Passphrase: ');
      t.type(key);
      await expect(answer).rejects.toBeInstanceOf(UsageError);
      expect(t.stdin.isRaw).toBe(false);
    }
  });

  it('reads a pasted multi-line PEM up to its END line (CRLF paste too)', async () => {
    const t = fakeTerminal();
    const body = new Fake('pem').base64(48);
    const answer = readFromTerminal(t.io, 'Private key: ', { pem: true });
    t.type(`-----BEGIN EC PRIVATE KEY-----\r\n${body}\r\n-----END EC PRIVATE KEY-----\r\n`);
    expect(await answer).toBe(`-----BEGIN EC PRIVATE KEY-----\n${body}\n-----END EC PRIVATE KEY-----`);
    expect(t.stderr()).not.toContain(body);
  });

  it('echo mode (confirmations) shows what is typed', async () => {
    const t = fakeTerminal();
    const answer = readFromTerminal(t.io, 'Type "destroy": ', { echo: true });
    t.type('destroy\r');
    expect(await answer).toBe('destroy');
    expect(t.stderr()).toBe('Type "destroy": destroy\n');
  });
});

describe('passphrases', () => {
  it('KEYAUDIT_PASSPHRASE wins; without it and without a terminal the error says what to do', async () => {
    const stdin = new PassThrough();
    const io = { stdin, stderr: { write: () => true }, isTTY: { stdin: false }, env: {} as Record<string, string> };
    await expect(unlockPassphrase(io)).rejects.toThrow(/KEYAUDIT_PASSPHRASE is not set and stdin is not a terminal.*Set KEYAUDIT_PASSPHRASE.*or run the command in a terminal/);
    expect(await unlockPassphrase({ ...io, env: { KEYAUDIT_PASSPHRASE: 'from the environment' } })).toBe('from the environment');
  });

  it('a new passphrase is asked twice on a terminal; a mismatch or a short one is refused', async () => {
    const run = async (first: string, second: string) => {
      const t = fakeTerminal();
      const p = newPassphrase({ ...t.io, env: {} }, 'KEYAUDIT_PASSPHRASE', 'create the store');
      p.catch(() => undefined); // a short first answer rejects before the second is typed
      t.type(`${first}\r`);
      await new Promise((r) => setImmediate(r));
      t.type(`${second}\r`);
      return p;
    };
    expect(await run('long enough phrase', 'long enough phrase')).toBe('long enough phrase');
    await expect(run('long enough phrase', 'long enough phrasE')).rejects.toThrow(/differ/);
    await expect(run('short', 'short')).rejects.toThrow(/at least 12/);
  });
});

const account = (name: string, exchange = 'binance'): AccountConfig => ({ name, exchange }) as AccountConfig;

describe('createStoreCredentialProvider', () => {
  const noTTY = (env: Record<string, string>) => ({ env, stdin: new PassThrough(), stderr: { write: () => true }, isTTY: { stdin: false, stderr: false } });

  it('returns stored credentials with the store dates, by account name', async () => {
    const fake = new Fake('provider');
    const t = testHome();
    const entry = { ...fakeEntry(fake, 'main-bot'), rotatedAt: '2026-03-01T00:00:00.000Z' };
    await fastStore(t, [entry, fakeEntry(fake, 'okx-bot', 'okx', { password: fake.alnum(12) })]);
    const provider = await createStoreCredentialProvider(noTTY(t.env));
    expect(await provider.get(account('main-bot'))).toEqual({
      ok: true,
      credentials: entry.credentials,
      storeAddedAt: entry.addedAt,
      storeRotatedAt: '2026-03-01T00:00:00.000Z',
      source: 'store',
    });
    expect(await provider.get(account('nope'))).toMatchObject({ ok: false, reason: 'credentials-missing', detail: expect.stringContaining('keyaudit keys add nope --exchange binance') });
    expect(await provider.get(account('okx-bot', 'bybit'))).toMatchObject({ ok: false, reason: 'credentials-missing', detail: expect.stringContaining('holds okx credentials') });
  });

  it('no store: store-unavailable saying to run keyaudit init; nothing is created', async () => {
    const t = testHome();
    const provider = await createStoreCredentialProvider(noTTY(t.env));
    const result = await provider.get(account('main-bot'));
    expect(result).toMatchObject({ ok: false, reason: 'store-unavailable' });
    expect(result.ok === false && result.detail).toMatch(/^no store at .*store\.json: run `keyaudit init`/);
  });

  it('unlocks lazily: creating the provider asks nothing; a wrong or missing passphrase throws StoreError on get()', async () => {
    const t = testHome();
    await fastStore(t, [fakeEntry(new Fake('lazy'), 'a')]);
    const wrong = await createStoreCredentialProvider(noTTY({ ...t.env, KEYAUDIT_PASSPHRASE: 'definitely wrong' }));
    await expect(wrong.get(account('a'))).rejects.toBeInstanceOf(StoreError);
    const none = await createStoreCredentialProvider(noTTY({ KEYAUDIT_HOME: t.home }));
    await expect(none.get(account('a'))).rejects.toThrow(/KEYAUDIT_PASSPHRASE is not set/);
  });

  it('decrypts once for many accounts', async () => {
    const fake = new Fake('once');
    const t = testHome();
    await fastStore(t, [fakeEntry(fake, 'a'), fakeEntry(fake, 'b')]);
    let asked = 0;
    const term = fakeTerminal();
    const provider = await createStoreCredentialProvider({ env: { KEYAUDIT_HOME: t.home }, stdin: term.stdin, stderr: { write: (s: string) => (asked += s.includes('passphrase') ? 1 : 0) }, isTTY: { stdin: true, stderr: true } });
    const results = Promise.all([provider.get(account('a')), provider.get(account('b'))]);
    await new Promise((r) => setTimeout(r, 20));
    term.type(`${t.passphrase}\r`);
    expect((await results).map((r) => r.ok)).toEqual([true, true]);
    expect(await provider.get(account('a'))).toMatchObject({ ok: true });
    expect(asked).toBe(1);
  });
});
