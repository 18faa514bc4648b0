/**
 * The on-disk format of the encrypted store (docs/store.md "Format"), as pure functions: parse the
 * file's bytes into a validated header + ciphertext, serialise them back, and compute the canonical
 * header bytes the box key is derived over. No I/O and no cryptography here.
 *
 * Version 1 file (one JSON object, this key order, two-space indent, trailing newline):
 *
 *   { "format": "keyaudit-store", "version": 1,
 *     "kdf": { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "salt": "<32 bytes, base64>" },
 *     "cipher": "xsalsa20-poly1305", "nonce": "<24 bytes, base64>",
 *     "verifier": "<32 bytes, base64>", "ciphertext": "<base64>" }
 *
 * The file must be exactly what `serializeStoreFile` writes for its parsed content: any other byte
 * (even whitespace JSON would tolerate) is reported as a modified file.
 */
import { z } from 'zod';
import { StoreError } from '../core/errors.js';

export const STORE_FORMAT = 'keyaudit-store';
export const STORE_VERSION = 1;
export const CIPHER = 'xsalsa20-poly1305';

export const SALT_BYTES = 32;
/** tweetnacl secretbox.nonceLength. */
export const NONCE_BYTES = 24;
export const KEY_BYTES = 32;
export const VERIFIER_BYTES = 32;
/** tweetnacl secretbox.overheadLength (the Poly1305 tag). */
export const TAG_BYTES = 16;
/** Refuse to read anything larger: a store of even thousands of keys is a few hundred KiB. */
export const MAX_STORE_BYTES = 16 * 1024 * 1024;

/**
 * Default scrypt cost. N = 2^17, r = 8, p = 1 is the RFC 7914 / OWASP-style "interactive login"
 * level: 128 MiB of memory and about half a second per unlock with node's native scrypt on a 2-core
 * CI machine (measured numbers in docs/store.md).
 */
export const DEFAULT_KDF_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;

/**
 * Bounds on parameters read from a file. The lower bound keeps tests fast (they write stores at
 * N = 2^10); lowering N in a file gains an attacker nothing, because the key changes with it. The
 * upper bounds stop a planted file from demanding gigabytes of memory or minutes of CPU.
 */
export const KDF_LIMITS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 16, maxMemoryBytes: 1024 * 1024 * 1024, maxCost: 2 ** 24 } as const;

export interface KdfParams {
  N: number;
  r: number;
  p: number;
}

export interface StoreHeader {
  version: number;
  kdf: KdfParams & { name: 'scrypt'; salt: Uint8Array };
  cipher: typeof CIPHER;
  nonce: Uint8Array;
  verifier: Uint8Array;
}

export interface StoreFile {
  header: StoreHeader;
  ciphertext: Uint8Array;
}

/** Strict base64: decodes only text that re-encodes to itself (node's decoder skips bad characters). */
function strictBase64(text: string, expectLength?: number): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') !== text) return null;
  if (expectLength !== undefined && bytes.length !== expectLength) return null;
  return new Uint8Array(bytes);
}

const b64 = (length?: number) =>
  z.string().refine((s) => strictBase64(s, length) !== null, length === undefined ? 'expected base64' : `expected ${length} bytes of base64`);

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

const kdfSchema = z.strictObject({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .refine(isPowerOfTwo, 'N must be a power of two')
    .refine((n) => n >= 2 ** KDF_LIMITS.minLogN && n <= 2 ** KDF_LIMITS.maxLogN, `N must be between 2^${KDF_LIMITS.minLogN} and 2^${KDF_LIMITS.maxLogN}`),
  r: z.number().int().min(1).max(KDF_LIMITS.maxR),
  p: z.number().int().min(1).max(KDF_LIMITS.maxP),
  salt: b64(SALT_BYTES),
});

const fileSchema = z.strictObject({
  format: z.literal(STORE_FORMAT),
  version: z.literal(STORE_VERSION),
  kdf: kdfSchema,
  cipher: z.literal(CIPHER),
  nonce: b64(NONCE_BYTES),
  verifier: b64(VERIFIER_BYTES),
  ciphertext: b64().refine((s) => (strictBase64(s)?.length ?? 0) >= TAG_BYTES, 'ciphertext too short'),
});

/** Checks KDF parameters against the limits; throws StoreError naming the problem. */
export function checkKdfParams(params: KdfParams): void {
  const parsed = kdfSchema.omit({ name: true, salt: true }).safeParse({ N: params.N, r: params.r, p: params.p });
  if (!parsed.success) throw new StoreError(`invalid scrypt parameters: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  if (128 * params.N * params.r > KDF_LIMITS.maxMemoryBytes || params.N * params.r * params.p > KDF_LIMITS.maxCost) {
    throw new StoreError('invalid scrypt parameters: memory or CPU cost above the limits keyaudit accepts');
  }
}

/**
 * Parses a store file's text. Throws StoreError saying the file is corrupted or modified (never
 * which secret-bearing part), or that its version is newer than this keyaudit.
 */
export function parseStoreFile(text: string, path: string): StoreFile {
  const damaged = (why: string) =>
    new StoreError(
      `the store at ${path} is corrupted or has been modified (${why}); nothing was decrypted and the file was left as it is. Restore it from a backup (see docs/store.md "Backup and restore").`,
    );
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged('not valid JSON');
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const version = (json as Record<string, unknown>).version;
    if ((json as Record<string, unknown>).format === STORE_FORMAT && typeof version === 'number' && Number.isInteger(version) && version > STORE_VERSION) {
      throw new StoreError(`the store at ${path} has format version ${version}, newer than this keyaudit understands (${STORE_VERSION}); upgrade keyaudit.`);
    }
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw damaged(first === undefined ? 'unexpected content' : `${first.path.join('.') || 'top level'}: ${first.message}`);
  }
  const f = parsed.data;
  const file: StoreFile = {
    header: {
      version: f.version,
      kdf: { name: 'scrypt', N: f.kdf.N, r: f.kdf.r, p: f.kdf.p, salt: strictBase64(f.kdf.salt) as Uint8Array },
      cipher: f.cipher,
      nonce: strictBase64(f.nonce) as Uint8Array,
      verifier: strictBase64(f.verifier) as Uint8Array,
    },
    ciphertext: strictBase64(f.ciphertext) as Uint8Array,
  };
  try {
    checkKdfParams(file.header.kdf);
  } catch {
    throw damaged('scrypt parameters out of range');
  }
  // Byte-for-byte canonical: a change JSON would forgive (spacing, key order) is still a change.
  if (serializeStoreFile(file) !== text) throw damaged('not in the exact form keyaudit writes');
  return file;
}

const toB64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The file's exact text for a header and ciphertext. */
export function serializeStoreFile(file: StoreFile): string {
  const h = file.header;
  const obj = {
    format: STORE_FORMAT,
    version: h.version,
    kdf: { name: h.kdf.name, N: h.kdf.N, r: h.kdf.r, p: h.kdf.p, salt: toB64(h.kdf.salt) },
    cipher: h.cipher,
    nonce: toB64(h.nonce),
    verifier: toB64(h.verifier),
    ciphertext: toB64(file.ciphertext),
  };
  return `${JSON.stringify(obj, null, 2)}\n`;
}

/**
 * The canonical bytes of everything in the file except the ciphertext. The box key is derived over
 * them (secretbox has no associated data), so changing any header field — version, KDF parameters,
 * salt, nonce, verifier — makes authentication fail.
 */
export function canonicalHeaderBytes(header: StoreHeader): Uint8Array {
  const text = JSON.stringify([
    STORE_FORMAT,
    header.version,
    header.kdf.name,
    header.kdf.N,
    header.kdf.r,
    header.kdf.p,
    toB64(header.kdf.salt),
    header.cipher,
    toB64(header.nonce),
    toB64(header.verifier),
  ]);
  return new TextEncoder().encode(text);
}
