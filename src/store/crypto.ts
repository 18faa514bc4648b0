/**
 * The store's cryptography (docs/store.md "Format" and "Why the header is bound"):
 *
 *   master   = scrypt(NFC(passphrase), salt, N, r, p, 32)
 *   verifier = HMAC-SHA256(master, "keyaudit-store v1 verifier")        stored in the header
 *   boxKey   = HMAC-SHA256(master, "keyaudit-store v1 box key" || 0x00 || canonicalHeaderBytes)
 *   file     = header + secretbox(plaintext, nonce, boxKey)              XSalsa20-Poly1305, tweetnacl
 *
 * The verifier tells a wrong passphrase apart from a damaged file (an offline guesser gains nothing
 * from it: each guess still costs one scrypt). Deriving the box key over the header binds every
 * header byte to the ciphertext, which secretbox alone cannot do. Derived keys are zeroed after use.
 */
import { createHash, createHmac, randomBytes, scrypt as nodeScryptCb, timingSafeEqual } from 'node:crypto';
import nacl from 'tweetnacl';
import { StoreError } from '../core/errors.js';
import {
  canonicalHeaderBytes,
  CIPHER,
  checkKdfParams,
  KEY_BYTES,
  NONCE_BYTES,
  SALT_BYTES,
  STORE_VERSION,
  type KdfParams,
  type StoreFile,
  type StoreHeader,
} from './format.js';
import { canonicalEntries, ENTRY_NAME, entrySchema, PAD_BLOCK, plaintextSchema, type StoreEntry } from './entries.js';

/** Derives `KEY_BYTES` from a passphrase; replaceable so tests can cross-check implementations. */
export type DeriveKey = (passphrase: Uint8Array, salt: Uint8Array, params: KdfParams) => Promise<Uint8Array>;

/** node's native scrypt (libuv thread pool), with maxmem sized to the parameters. */
export const nodeScrypt: DeriveKey = (passphrase, salt, params) =>
  new Promise((resolve, reject) => {
    // Node refuses when 128 * N * r exceeds maxmem (default 32 MiB, too small for N = 2^17, r = 8).
    const maxmem = 128 * params.N * params.r + 16 * 1024 * 1024;
    nodeScryptCb(passphrase, salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) => {
      if (error !== null) reject(new StoreError(`scrypt failed: ${error.message}`));
      else resolve(new Uint8Array(key.buffer, key.byteOffset, key.byteLength));
    });
  });

/** Overwrites a buffer holding key material. */
export function zero(buffer: Uint8Array | undefined): void {
  buffer?.fill(0);
}

/** NFC so the same passphrase typed on different systems gives the same bytes. */
export function passphraseBytes(passphrase: string): Uint8Array {
  return new TextEncoder().encode(passphrase.normalize('NFC'));
}

const VERIFIER_LABEL = 'keyaudit-store v1 verifier';
const BOX_LABEL = 'keyaudit-store v1 box key';

function hmac(key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const h = createHmac('sha256', key);
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

export function computeVerifier(master: Uint8Array): Uint8Array {
  return hmac(master, new TextEncoder().encode(VERIFIER_LABEL));
}

function boxKey(master: Uint8Array, header: StoreHeader): Uint8Array {
  return hmac(master, new TextEncoder().encode(BOX_LABEL), new Uint8Array([0]), canonicalHeaderBytes(header));
}

export function headerHash(header: StoreHeader): string {
  return createHash('sha256').update(canonicalHeaderBytes(header)).digest('hex');
}

/**
 * A derived master key together with the parameters it was derived for. `dispose()` zeroes it;
 * the owner must call it in a `finally`.
 */
export class MasterKey {
  constructor(
    private key: Uint8Array | null,
    readonly params: KdfParams,
    readonly salt: Uint8Array,
  ) {}

  /** True when this key was derived for exactly these KDF parameters and salt. */
  matches(header: StoreHeader): boolean {
    const k = header.kdf;
    return k.N === this.params.N && k.r === this.params.r && k.p === this.params.p && Buffer.from(k.salt).equals(Buffer.from(this.salt));
  }

  get bytes(): Uint8Array {
    if (this.key === null) throw new Error('master key used after dispose');
    return this.key;
  }

  dispose(): void {
    zero(this.key ?? undefined);
    this.key = null;
  }
}

export async function deriveMasterKey(passphrase: string, params: KdfParams, salt: Uint8Array, derive: DeriveKey = nodeScrypt): Promise<MasterKey> {
  checkKdfParams(params);
  const pw = passphraseBytes(passphrase);
  try {
    const key = await derive(pw, salt, params);
    if (key.length !== KEY_BYTES) throw new StoreError('key derivation returned a key of the wrong length');
    return new MasterKey(key, { N: params.N, r: params.r, p: params.p }, new Uint8Array(salt));
  } finally {
    zero(pw);
  }
}

export function newSalt(): Uint8Array {
  return new Uint8Array(randomBytes(SALT_BYTES));
}

/** Encrypts entries under a fresh random nonce: every write gets a new nonce (and so a new box key). */
export function sealStore(master: MasterKey, entries: readonly StoreEntry[]): StoreFile {
  const header: StoreHeader = {
    version: STORE_VERSION,
    kdf: { name: 'scrypt', N: master.params.N, r: master.params.r, p: master.params.p, salt: new Uint8Array(master.salt) },
    cipher: CIPHER,
    nonce: new Uint8Array(randomBytes(NONCE_BYTES)),
    verifier: computeVerifier(master.bytes),
  };
  const canonical = canonicalEntries(entries);
  // Never seal something the reader would refuse: that would lock the user out of their own store.
  for (const entry of canonical) {
    const check = entrySchema.safeParse(entry);
    if (!check.success) throw new StoreError(`refusing to store entry "${ENTRY_NAME.test(entry.name) ? entry.name : '(invalid name)'}": ${check.error.issues.map((i) => i.path.join('.')).join(', ')} invalid`);
  }
  const json = JSON.stringify({ headerHash: headerHash(header), entries: canonical });
  const raw = new TextEncoder().encode(json);
  const padded = new Uint8Array(Math.ceil((raw.length + 1) / PAD_BLOCK) * PAD_BLOCK).fill(0x20);
  padded.set(raw);
  zero(raw);
  const key = boxKey(master.bytes, header);
  try {
    const ciphertext = nacl.secretbox(padded, header.nonce, key);
    return { header, ciphertext };
  } finally {
    zero(key);
    zero(padded);
  }
}

/** Thrown (as a StoreError) when the passphrase does not match the file's verifier. */
export class WrongPassphraseError extends StoreError {}

/**
 * Checks the passphrase against the verifier, then authenticates and decrypts. Nothing is returned
 * unless the whole file authenticates: there is no partial decryption.
 */
export function openStore(master: MasterKey, file: StoreFile, path: string): StoreEntry[] {
  const expected = computeVerifier(master.bytes);
  if (!timingSafeEqual(expected, file.header.verifier)) {
    throw new WrongPassphraseError(
      `wrong passphrase for the store at ${path} (or its key-derivation header was altered); the store was not changed.`,
    );
  }
  const damaged = (why: string) =>
    new StoreError(
      `the store at ${path} is corrupted or has been modified (${why}); nothing was decrypted and the file was left as it is. Restore it from a backup (see docs/store.md "Backup and restore").`,
    );
  const key = boxKey(master.bytes, file.header);
  let plain: Uint8Array | null;
  try {
    plain = nacl.secretbox.open(file.ciphertext, file.header.nonce, key);
  } finally {
    zero(key);
  }
  if (plain === null) throw damaged('authentication failed');
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
    } catch {
      throw damaged('decrypted content is not valid');
    }
    const result = plaintextSchema.safeParse(parsed);
    if (!result.success) throw damaged('decrypted content has an unexpected shape');
    if (result.data.headerHash !== headerHash(file.header)) throw damaged('header does not match its ciphertext');
    return canonicalEntries(result.data.entries);
  } finally {
    zero(plain);
  }
}
