/**
 * The encrypted credential store's library API: create, unlock, update under the lock, change the
 * passphrase, destroy. The CLI commands (init, keys, store) and the audit's credential provider are
 * thin layers over this. Secrets stay in memory only; derived keys are zeroed as soon as possible.
 */
import { promises as fs } from 'node:fs';
import { StoreError } from '../core/errors.js';
import type { MasterKey} from './crypto.js';
import { deriveMasterKey, newSalt, nodeScrypt, openStore, sealStore, type DeriveKey } from './crypto.js';
import { DEFAULT_KDF_PARAMS, parseStoreFile, serializeStoreFile, type KdfParams, type StoreFile } from './format.js';
import { canonicalEntries, type StoreEntry } from './entries.js';
import { checkDirMode, ensureStoreDir, readStoreFile, removeStaleTempFiles, storeExists, withStoreLock, writeFileAtomic, type LockOptions, type StorePaths } from './files.js';

/** Passphrases shorter than this are refused when a store is created or re-keyed. */
export const MIN_PASSPHRASE_LENGTH = 12;

export interface StoreOptions {
  /** Key derivation; default node's native scrypt. Tests pass scrypt-js to cross-check. */
  derive?: DeriveKey;
  lock?: LockOptions;
}

export type PassphraseSource = string | (() => Promise<string>);

const resolvePassphrase = async (source: PassphraseSource) => (typeof source === 'string' ? source : source());

/** Refuses passphrases under MIN_PASSPHRASE_LENGTH characters (code points, not UTF-16 units). */
export function checkNewPassphrase(passphrase: string): void {
  if (Array.from(passphrase.normalize('NFC')).length < MIN_PASSPHRASE_LENGTH) {
    throw new StoreError(`the passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long (a few random words are easy to type and hard to guess).`);
  }
}

export function missingStoreMessage(paths: StorePaths): string {
  return `no store at ${paths.file}: run \`keyaudit init\` to create it (KEYAUDIT_HOME sets its directory).`;
}

function encode(master: MasterKey, entries: readonly StoreEntry[]): string {
  return serializeStoreFile(sealStore(master, entries));
}

async function readParsed(paths: StorePaths): Promise<StoreFile> {
  const text = await readStoreFile(paths);
  if (text === null) throw new StoreError(missingStoreMessage(paths));
  return parseStoreFile(text, paths.file);
}

/**
 * Writes `text` and proves it can be read back: re-reads the file and decrypts it with the same key,
 * comparing the entries. Called under the lock.
 */
async function writeAndVerify(paths: StorePaths, master: MasterKey, text: string, entries: readonly StoreEntry[]): Promise<void> {
  await writeFileAtomic(paths.file, text);
  const back = openStore(master, await readParsed(paths), paths.file);
  if (JSON.stringify(back) !== JSON.stringify(canonicalEntries(entries))) {
    throw new StoreError(`the store at ${paths.file} did not read back as written; check the disk. Restore from a backup if it no longer opens.`);
  }
}

/**
 * Creates a new, empty store. Fails if one exists. `params` is for tests and future upgrades; the
 * CLI always uses DEFAULT_KDF_PARAMS.
 */
export async function createStore(
  paths: StorePaths,
  passphrase: string,
  options: StoreOptions & { params?: KdfParams; entries?: readonly StoreEntry[] } = {},
): Promise<void> {
  checkNewPassphrase(passphrase);
  await ensureStoreDir(paths.dir);
  if (await storeExists(paths)) throw new StoreError(`a store already exists at ${paths.file}; nothing was changed. (\`keyaudit store destroy\` removes it.)`);
  const master = await deriveMasterKey(passphrase, options.params ?? DEFAULT_KDF_PARAMS, newSalt(), options.derive ?? nodeScrypt);
  try {
    await withStoreLock(
      paths,
      async () => {
        if (await storeExists(paths)) throw new StoreError(`a store already exists at ${paths.file}; nothing was changed.`);
        const entries = options.entries ?? [];
        await writeAndVerify(paths, master, encode(master, entries), entries);
      },
      options.lock,
    );
  } finally {
    master.dispose();
  }
}

/**
 * An unlocked store: the entries as of unlocking, and the derived key to write changes. Call
 * `close()` in a finally to zero the key.
 */
export class UnlockedStore {
  private constructor(
    readonly paths: StorePaths,
    private master: MasterKey,
    private current: StoreEntry[],
    private readonly options: StoreOptions,
  ) {}

  /** Reads and decrypts the store. The passphrase is asked for only once the file is known to exist. */
  static async unlock(paths: StorePaths, passphrase: PassphraseSource, options: StoreOptions = {}): Promise<UnlockedStore> {
    if (await storeExists(paths)) await checkDirMode(paths.dir);
    const file = await readParsed(paths);
    const master = await deriveMasterKey(await resolvePassphrase(passphrase), file.header.kdf, file.header.kdf.salt, options.derive ?? nodeScrypt);
    try {
      const entries = openStore(master, file, paths.file);
      return new UnlockedStore(paths, master, entries, options);
    } catch (error) {
      master.dispose();
      throw error;
    }
  }

  get entries(): readonly StoreEntry[] {
    return this.current;
  }

  /** The scrypt parameters of the store as unlocked. */
  get kdfParams(): KdfParams {
    return { ...this.master.params };
  }

  find(name: string): StoreEntry | undefined {
    return this.current.find((e) => e.name === name);
  }

  /**
   * Applies `mutate` to the entries as they are on disk now (another process may have written
   * since unlocking), under the lock, then writes atomically and verifies. If `mutate` throws,
   * nothing is written.
   */
  async update(mutate: (entries: StoreEntry[]) => StoreEntry[]): Promise<void> {
    await withStoreLock(
      this.paths,
      async () => {
        const file = await readParsed(this.paths);
        if (!this.master.matches(file.header)) {
          throw new StoreError('the store was re-keyed by another process (store passwd) while this command ran; nothing was written. Run the command again.');
        }
        const before = openStore(this.master, file, this.paths.file);
        const after = canonicalEntries(mutate(before));
        const names = new Set<string>();
        for (const e of after) {
          if (names.has(e.name)) throw new StoreError(`internal error: two entries named ${e.name}`);
          names.add(e.name);
        }
        await writeAndVerify(this.paths, this.master, encode(this.master, after), after);
        this.current = canonicalEntries(after);
      },
      this.options.lock,
    );
  }

  /** Re-encrypts under a new passphrase, a new salt and `params` (default: the current defaults). */
  async changePassphrase(newPassphrase: string, params: KdfParams = DEFAULT_KDF_PARAMS): Promise<void> {
    checkNewPassphrase(newPassphrase);
    const fresh = await deriveMasterKey(newPassphrase, params, newSalt(), this.options.derive ?? nodeScrypt);
    try {
      await withStoreLock(
        this.paths,
        async () => {
          const file = await readParsed(this.paths);
          if (!this.master.matches(file.header)) throw new StoreError('the store was re-keyed by another process while this command ran; nothing was written.');
          const entries = openStore(this.master, file, this.paths.file);
          await writeAndVerify(this.paths, fresh, encode(fresh, entries), entries);
          this.current = canonicalEntries(entries);
        },
        this.options.lock,
      );
    } catch (error) {
      fresh.dispose();
      throw error;
    }
    this.master.dispose();
    this.master = fresh;
  }

  close(): void {
    this.master.dispose();
  }
}

/** Convenience: unlock, read the entries, zero the key. */
export async function readEntries(paths: StorePaths, passphrase: PassphraseSource, options: StoreOptions = {}): Promise<StoreEntry[]> {
  const store = await UnlockedStore.unlock(paths, passphrase, options);
  try {
    return [...store.entries];
  } finally {
    store.close();
  }
}

/**
 * Deletes the store file (and stray temp files) under the lock, then the directory if it is empty.
 * No passphrase is needed: a user who forgot it must still be able to start over.
 */
export async function destroyStore(paths: StorePaths, options: StoreOptions = {}): Promise<boolean> {
  if (!(await storeExists(paths))) return false;
  await withStoreLock(
    paths,
    async () => {
      await fs.rm(paths.file, { force: true });
      await removeStaleTempFiles(paths.dir);
    },
    options.lock,
  );
  await fs.rmdir(paths.dir).catch(() => undefined);
  return true;
}
