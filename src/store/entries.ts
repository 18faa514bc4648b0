/**
 * What the store holds once decrypted: named entries of exchange credentials. The plaintext is a JSON
 * object `{ headerHash, entries }`, padded with spaces to a multiple of PAD_BLOCK bytes so the
 * ciphertext's length tells only roughly how many entries there are.
 */
import { z } from 'zod';
import type { Credentials } from '../exchanges/types.js';

/** Same rule as account names in the config (src/config/schema.ts): an entry is found by account name. */
export const ENTRY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const EXCHANGE_ID = /^[a-z][a-z0-9]*$/;

/** Plaintext is padded to a multiple of this many bytes (about 4 entries of a typical size). */
export const PAD_BLOCK = 1024;

const nonEmpty = z.string().min(1);

export const credentialsSchema = z.strictObject({
  apiKey: nonEmpty,
  secret: nonEmpty.optional(),
  password: nonEmpty.optional(),
  uid: nonEmpty.optional(),
  privateKey: nonEmpty.optional(),
});

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString() === s, 'expected an ISO 8601 date');

export const entrySchema = z.strictObject({
  name: z.string().regex(ENTRY_NAME),
  exchange: z.string().regex(EXCHANGE_ID),
  credentials: credentialsSchema,
  addedAt: isoDate,
  rotatedAt: isoDate.nullable(),
});

export const plaintextSchema = z.strictObject({
  headerHash: z.string().regex(/^[0-9a-f]{64}$/),
  entries: z.array(entrySchema),
});

export interface StoreEntry {
  name: string;
  exchange: string;
  credentials: Credentials;
  addedAt: string;
  rotatedAt: string | null;
}

/**
 * Entries with exactly the known fields in a fixed key order, sorted by name (so the plaintext does
 * not reveal the order keys were added in). What is sealed, and what a read-back is compared with.
 */
export function canonicalEntries(entries: readonly StoreEntry[]): StoreEntry[] {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => ({ name: e.name, exchange: e.exchange, credentials: cleanCredentials(e.credentials), addedAt: e.addedAt, rotatedAt: e.rotatedAt }));
}

/** Copies only the known credential fields, dropping empty ones. */
export function cleanCredentials(c: Credentials): Credentials {
  const out: Credentials = { apiKey: c.apiKey };
  for (const field of ['secret', 'password', 'uid', 'privateKey'] as const) {
    const value = c[field];
    if (value !== undefined && value !== '') out[field] = value;
  }
  return out;
}
