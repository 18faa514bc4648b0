/** Helpers for store tests: temp KEYAUDIT_HOMEs, fast KDF parameters, fake credentials. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import scryptJs from 'scrypt-js';
import { Fake } from '../../src/core/fake.js';
import type { DeriveKey } from '../../src/store/crypto.js';
import type { StoreEntry } from '../../src/store/entries.js';
import { storePaths, type StorePaths } from '../../src/store/files.js';
import { createStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';

/** The smallest N the reader accepts: keeps each unlock at a few milliseconds. */
export const FAST = { N: 2 ** 10, r: 8, p: 1 } as const;

/** scrypt-js as a DeriveKey, to cross-check node's native scrypt. */
export const scryptJsDerive: DeriveKey = async (passphrase, salt, params) => scryptJs.scrypt(passphrase, salt, params.N, params.r, params.p, 32);

export interface TestHome {
  home: string;
  paths: StorePaths;
  env: Record<string, string>;
}

/** A fresh KEYAUDIT_HOME (never the real ~/.keyaudit), with KEYAUDIT_PASSPHRASE set in `env`. */
export function testHome(passphrase = new Fake('pass').alnum(20)): TestHome & { passphrase: string } {
  const home = path.join(tempDir('keyaudit-store-'), 'home');
  return { home, paths: storePaths({ KEYAUDIT_HOME: home }), env: { KEYAUDIT_HOME: home, KEYAUDIT_PASSPHRASE: passphrase }, passphrase };
}

export function fakeEntry(fake: Fake, name: string, exchange = 'binance', extra: Partial<StoreEntry['credentials']> = {}): StoreEntry {
  return { name, exchange, credentials: { apiKey: fake.alnum(64), secret: fake.alnum(64), ...extra }, addedAt: '2026-01-02T03:04:05.000Z', rotatedAt: null };
}

export async function fastStore(t: TestHome & { passphrase: string }, entries: StoreEntry[] = []): Promise<void> {
  await createStore(t.paths, t.passphrase, { params: FAST, entries });
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file under dir (temp files included), as one string, for leak checks. */
export function allFileText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => readFileSync(path.join(d.parentPath, d.name), 'latin1'))
    .join('\n');
}
