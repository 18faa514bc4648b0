/**
 * The store's cryptography and file format: scrypt cross-checked against RFC 7914 and scrypt-js,
 * stores written by one implementation and read by the other, and every kind of tampering
 * (bit flips anywhere, truncation, swapped KDF parameters, replayed nonces) rejected without
 * decrypting anything and without changing the file.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import scryptJs from 'scrypt-js';
import { Fake } from '../../src/core/fake.js';
import { StoreError } from '../../src/core/errors.js';
import { deriveMasterKey, nodeScrypt, openStore, WrongPassphraseError } from '../../src/store/crypto.js';
import { parseStoreFile, serializeStoreFile } from '../../src/store/format.js';
import { createStore, readEntries, UnlockedStore } from '../../src/store/store.js';
import { FAST, fakeEntry, fastStore, scryptJsDerive, sha256, testHome } from './helpers.js';

// RFC 7914 §12 test vectors (dkLen 64). The fourth (N = 2^20, 1 GiB) runs with KEYAUDIT_SLOW_TESTS=1.
const RFC7914 = [
  { P: '', S: '', N: 16, r: 1, p: 1, dk: '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906' },
  { P: 'password', S: 'NaCl', N: 1024, r: 8, p: 16, dk: 'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640' },
  { P: 'pleaseletmein', S: 'SodiumChloride', N: 16384, r: 8, p: 1, dk: '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887' },
  ...(process.env.KEYAUDIT_SLOW_TESTS === '1'
    ? [{ P: 'pleaseletmein', S: 'SodiumChloride', N: 2 ** 20, r: 8, p: 1, dk: '2101cb9b6a511aaeaddbbe09cf70f881ec568d574a2ffd4dabe5ee9820adaa478e56fd8f4ba5d09ffa1c6d927c40f4c337304049e8a952fbcbf45c6fa77a41a4' }]
    : []),
];

const enc = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('scrypt', () => {
  it.each(RFC7914)('RFC 7914 vector N=$N r=$r p=$p: node native and scrypt-js both match', async (v) => {
    // The store derives 32 bytes: PBKDF2's first block, so the vector's first half.
    expect(hex(await nodeScrypt(enc(v.P), enc(v.S), v))).toBe(v.dk.slice(0, 64));
    expect(hex(await scryptJsDerive(enc(v.P), enc(v.S), v))).toBe(v.dk.slice(0, 64));
    expect(hex(await scryptJs.scrypt(enc(v.P), enc(v.S), v.N, v.r, v.p, 64))).toBe(v.dk);
  }, 600_000); // the opt-in 1 GiB vector takes minutes on a shared 2-core machine

  it('node and scrypt-js agree on random passphrases and salts', async () => {
    const fake = new Fake('kdf-agree');
    for (let i = 0; i < 3; i++) {
      const pw = enc(fake.alnum(5 + i * 7));
      const salt = fake.bytes(32);
      expect(hex(await nodeScrypt(pw, salt, FAST))).toBe(hex(await scryptJsDerive(pw, salt, FAST)));
    }
  });
});

describe('store written by one scrypt implementation, read by the other', () => {
  it('scrypt-js writes, node reads; node writes, scrypt-js reads', async () => {
    const fake = new Fake('cross');
    const a = testHome();
    const entries = [fakeEntry(fake, 'one'), fakeEntry(fake, 'two', 'okx', { password: fake.alnum(12) })];
    await createStore(a.paths, a.passphrase, { params: FAST, entries, derive: scryptJsDerive });
    expect(await readEntries(a.paths, a.passphrase)).toEqual(entries);

    const b = testHome();
    await createStore(b.paths, b.passphrase, { params: FAST, entries });
    expect(await readEntries(b.paths, b.passphrase, { derive: scryptJsDerive })).toEqual(entries);
  });
});

describe('file format', () => {
  it('is the versioned JSON header + ciphertext, with no name, exchange or secret in clear', async () => {
    const fake = new Fake('format');
    const t = testHome();
    const entry = fakeEntry(fake, 'main-bot', 'kucoin', { password: fake.alnum(16) });
    await fastStore(t, [entry]);
    const text = readFileSync(t.paths.file, 'utf8');
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['format', 'version', 'kdf', 'cipher', 'nonce', 'verifier', 'ciphertext']);
    expect(json).toMatchObject({ format: 'keyaudit-store', version: 1, cipher: 'xsalsa20-poly1305', kdf: { name: 'scrypt', N: FAST.N, r: 8, p: 1 } });
    expect(Buffer.from((json.kdf as { salt: string }).salt, 'base64')).toHaveLength(32);
    expect(Buffer.from(json.nonce as string, 'base64')).toHaveLength(24);
    for (const needle of ['main-bot', 'kucoin', entry.credentials.apiKey, entry.credentials.secret!, entry.credentials.password!]) expect(text).not.toContain(needle);
    expect(serializeStoreFile(parseStoreFile(text, 'x'))).toBe(text);
  });

  it('uses a new nonce on every write and pads the plaintext', async () => {
    const fake = new Fake('nonce');
    const t = testHome();
    await fastStore(t);
    const store = await UnlockedStore.unlock(t.paths, t.passphrase);
    const nonces = new Set<string>();
    const lengths = new Set<number>();
    try {
      for (let i = 0; i < 5; i++) {
        await store.update((e) => [...e, fakeEntry(fake, `k${i}`)]);
        const json = JSON.parse(readFileSync(t.paths.file, 'utf8')) as { nonce: string; ciphertext: string };
        nonces.add(json.nonce);
        lengths.add(Buffer.from(json.ciphertext, 'base64').length % 1024);
      }
    } finally {
      store.close();
    }
    expect(nonces.size).toBe(5);
    expect([...lengths]).toEqual([16]); // padded to 1024-byte blocks + the 16-byte tag
  });
});

/** Expects the store to be refused with a StoreError and the file bytes to be unchanged. */
async function expectRejected(t: ReturnType<typeof testHome>, content: string | Buffer, pattern: RegExp): Promise<void> {
  writeFileSync(t.paths.file, content, { mode: 0o600 });
  const before = sha256(t.paths.file);
  const error = await readEntries(t.paths, t.passphrase).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as Error).message).toMatch(pattern);
  expect(sha256(t.paths.file)).toBe(before);
}

describe('tampering is detected, nothing is decrypted and nothing is overwritten', () => {
  it('a flipped bit in any byte of the file', async () => {
    const fake = new Fake('flip');
    const t = testHome();
    await fastStore(t, [fakeEntry(fake, 'a'), fakeEntry(fake, 'b', 'okx', { password: fake.alnum(10) })]);
    const original = readFileSync(t.paths.file);
    const pristine = parseStoreFile(original.toString('utf8'), t.paths.file);
    const master = await deriveMasterKey(t.passphrase, pristine.header.kdf, pristine.header.kdf.salt);
    // The reader's logic in memory for every byte (a different bit each time, so all 8 bits are
    // covered): parse, derive again only when the flip changed the KDF header, verify, open.
    const reasons = new Map<string, number>();
    for (let i = 0; i < original.length; i++) {
      const copy = Buffer.from(original);
      copy[i] = (copy[i] as number) ^ (1 << (i % 8));
      let reason = 'accepted';
      try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(copy);
        const file = parseStoreFile(text, 'x');
        const key = master.matches(file.header) ? master : await deriveMasterKey(t.passphrase, file.header.kdf, file.header.kdf.salt);
        openStore(key, file, 'x');
      } catch (error) {
        reason = error instanceof TypeError ? 'not utf-8' : error instanceof StoreError ? ((/\(([^);]*)/.exec(error.message) ?? [])[1] ?? 'wrong passphrase') : String(error);
      }
      expect(reason, `flip at byte ${i}`).not.toBe('accepted');
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    master.dispose();
    // Flips inside the ciphertext's base64 reach the Poly1305 check.
    expect(reasons.get('authentication failed') ?? 0).toBeGreaterThan(original.length / 2);
    // And a sample through the whole file path (read, permission checks, scrypt): same verdict.
    for (let n = 0; n < 40; n++) {
      const i = fake.int(original.length);
      const copy = Buffer.from(original);
      copy[i] = (copy[i] as number) ^ (1 << fake.int(8));
      await expectRejected(t, copy, /corrupted|wrong passphrase/);
    }
    writeFileSync(t.paths.file, original);
    expect(await readEntries(t.paths, t.passphrase)).toHaveLength(2);
  });

  it('a truncated file, at any of several lengths', async () => {
    const t = testHome();
    await fastStore(t, [fakeEntry(new Fake('trunc'), 'a')]);
    const original = readFileSync(t.paths.file);
    for (const len of [0, 1, 10, Math.floor(original.length / 2), original.length - 30, original.length - 2, original.length - 1]) {
      await expectRejected(t, original.subarray(0, len), /corrupted or has been modified/);
    }
  });

  it('the ciphertext cut short but still canonical base64 fails authentication', async () => {
    const t = testHome();
    await fastStore(t, [fakeEntry(new Fake('trunc2'), 'a')]);
    const json = JSON.parse(readFileSync(t.paths.file, 'utf8')) as Record<string, unknown>;
    json.ciphertext = Buffer.from(json.ciphertext as string, 'base64').subarray(0, 600).toString('base64');
    await expectRejected(t, `${JSON.stringify(json, null, 2)}\n`, /authentication failed/);
  });

  it('swapped or lowered KDF parameters', async () => {
    const t = testHome();
    await createStore(t.paths, t.passphrase, { params: { N: 2 ** 11, r: 8, p: 1 }, entries: [fakeEntry(new Fake('kdf'), 'a')] });
    const original = JSON.parse(readFileSync(t.paths.file, 'utf8')) as { kdf: Record<string, unknown> };
    for (const change of [{ N: 2 ** 10 }, { r: 4 }, { p: 2 }, { N: 2 ** 10, r: 16 }]) {
      const json = structuredClone(original);
      Object.assign(json.kdf, change);
      await expectRejected(t, `${JSON.stringify(json, null, 2)}\n`, /wrong passphrase .*key-derivation header was altered/);
    }
    // Out-of-range parameters are refused before any derivation (no 1 GiB allocation on demand).
    for (const change of [{ N: 2 ** 30 }, { N: 1000 }, { r: 0 }, { p: 1000 }]) {
      const json = structuredClone(original);
      Object.assign(json.kdf, change);
      await expectRejected(t, `${JSON.stringify(json, null, 2)}\n`, /corrupted or has been modified/);
    }
  });

  it('another salt, or the header of another store with the same passphrase', async () => {
    const fake = new Fake('salt');
    const a = testHome('same passphrase for both');
    const b = testHome('same passphrase for both');
    await fastStore(a, [fakeEntry(fake, 'a')]);
    await fastStore(b, [fakeEntry(fake, 'b')]);
    const ja = JSON.parse(readFileSync(a.paths.file, 'utf8')) as Record<string, unknown>;
    const jb = JSON.parse(readFileSync(b.paths.file, 'utf8')) as Record<string, unknown>;
    // b's header (salt, nonce, verifier) with a's ciphertext: the key is right for b's header, the box is not.
    await expectRejected(a, `${JSON.stringify({ ...jb, ciphertext: ja.ciphertext }, null, 2)}\n`, /authentication failed/);
  });

  it('a replayed old nonce (with the new ciphertext), and an old ciphertext under the new header', async () => {
    const fake = new Fake('replay');
    const t = testHome();
    await fastStore(t, [fakeEntry(fake, 'a')]);
    const old = JSON.parse(readFileSync(t.paths.file, 'utf8')) as Record<string, unknown>;
    const store = await UnlockedStore.unlock(t.paths, t.passphrase);
    await store.update((e) => [...e, fakeEntry(fake, 'b')]);
    store.close();
    const cur = JSON.parse(readFileSync(t.paths.file, 'utf8')) as Record<string, unknown>;
    expect(cur.nonce).not.toBe(old.nonce);
    await expectRejected(t, `${JSON.stringify({ ...cur, nonce: old.nonce }, null, 2)}\n`, /authentication failed/);
    await expectRejected(t, `${JSON.stringify({ ...cur, ciphertext: old.ciphertext }, null, 2)}\n`, /authentication failed/);
  });

  it('a changed version, cipher name, extra field or reformatted JSON', async () => {
    const t = testHome();
    await fastStore(t, [fakeEntry(new Fake('fields'), 'a')]);
    const text = readFileSync(t.paths.file, 'utf8');
    const json = JSON.parse(text) as Record<string, unknown>;
    await expectRejected(t, `${JSON.stringify({ ...json, version: 2 }, null, 2)}\n`, /format version 2, newer than this keyaudit/);
    await expectRejected(t, `${JSON.stringify({ ...json, version: 0 }, null, 2)}\n`, /corrupted/);
    await expectRejected(t, `${JSON.stringify({ ...json, cipher: 'none' }, null, 2)}\n`, /corrupted/);
    await expectRejected(t, `${JSON.stringify({ ...json, note: 'x' }, null, 2)}\n`, /corrupted/);
    await expectRejected(t, JSON.stringify(json), /not in the exact form/);
    await expectRejected(t, text.replace('\n', '\r\n'), /not in the exact form/);
  });
});

describe('passphrase and permissions', () => {
  it('a wrong passphrase is a StoreError and leaves the bytes identical', async () => {
    const t = testHome();
    await fastStore(t, [fakeEntry(new Fake('wrong'), 'a')]);
    const before = sha256(t.paths.file);
    await expect(readEntries(t.paths, `${t.passphrase}x`)).rejects.toBeInstanceOf(WrongPassphraseError);
    const store = UnlockedStore.unlock(t.paths, 'not the passphrase at all');
    await expect(store).rejects.toThrow(/wrong passphrase/);
    expect(sha256(t.paths.file)).toBe(before);
  });

  it('a store readable by group or others is refused with the chmod that fixes it', async () => {
    const t = testHome();
    await fastStore(t);
    for (const mode of [0o644, 0o640, 0o604, 0o660, 0o606]) {
      chmodSync(t.paths.file, mode);
      await expect(readEntries(t.paths, t.passphrase)).rejects.toThrow(`chmod 600 ${t.paths.file}`);
    }
    chmodSync(t.paths.file, 0o600);
    chmodSync(t.home, 0o755);
    await expect(readEntries(t.paths, t.passphrase)).rejects.toThrow(`chmod 700 ${t.home}`);
    chmodSync(t.home, 0o700);
    expect(await readEntries(t.paths, t.passphrase)).toEqual([]);
  });

  it('changePassphrase: the old passphrase fails and the new one works', async () => {
    const fake = new Fake('passwd');
    const t = testHome();
    const entries = [fakeEntry(fake, 'a')];
    await fastStore(t, entries);
    const saltBefore = (JSON.parse(readFileSync(t.paths.file, 'utf8')) as { kdf: { salt: string } }).kdf.salt;
    const store = await UnlockedStore.unlock(t.paths, t.passphrase);
    await store.changePassphrase('a brand new passphrase', { N: 2 ** 11, r: 8, p: 1 });
    store.close();
    const after = JSON.parse(readFileSync(t.paths.file, 'utf8')) as { kdf: { salt: string; N: number } };
    expect(after.kdf.salt).not.toBe(saltBefore);
    expect(after.kdf.N).toBe(2 ** 11);
    await expect(readEntries(t.paths, t.passphrase)).rejects.toBeInstanceOf(WrongPassphraseError);
    expect(await readEntries(t.paths, 'a brand new passphrase')).toEqual(entries);
  });

  it('refuses passphrases under 12 characters (counted in characters, not bytes)', async () => {
    const t = testHome();
    await expect(createStore(t.paths, 'elevenchars', { params: FAST })).rejects.toThrow(/at least 12 characters/);
    await expect(createStore(t.paths, '🔑🔑🔑🔑🔑🔑', { params: FAST })).rejects.toThrow(/at least 12 characters/);
    await createStore(t.paths, 'twelve chars', { params: FAST });
    await expect(createStore(t.paths, 'twelve chars', { params: FAST })).rejects.toThrow(/already exists/);
  });
});
