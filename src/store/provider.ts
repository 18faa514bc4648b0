/**
 * The encrypted store as a CredentialProvider for the key audit. It unlocks lazily, on the first
 * account that needs it, so no prompt appears when every account reads the environment. The store is
 * decrypted once; entries stay in memory for the audit's duration, and the derived key is zeroed
 * right after decryption.
 */
import type { CredentialProvider, CredentialResult } from '../audit/credentials.js';
import type { Writer } from '../cli/io.js';
import { unlockPassphrase } from './passphrase.js';
import { storeExists, storePaths } from './files.js';
import { readEntries } from './store.js';
import type { StoreEntry } from './entries.js';

export interface StoreProviderOptions {
  env: Readonly<Record<string, string | undefined>>;
  stdin: NodeJS.ReadableStream;
  stderr: Writer;
  isTTY: { stdin: boolean; stderr: boolean };
}

/**
 * get() results: `store-unavailable` when there is no store, `credentials-missing` when it has no
 * entry of that name (or the entry is for another exchange). A wrong passphrase, a damaged store or
 * no way to ask for the passphrase throw StoreError (exit 2): the run cannot be done as asked.
 */
export async function createStoreCredentialProvider(options: StoreProviderOptions): Promise<CredentialProvider> {
  const paths = storePaths(options.env);
  let loading: Promise<StoreEntry[] | null> | undefined;
  const load = () => {
    loading ??= (async () => {
      if (!(await storeExists(paths))) return null;
      return readEntries(paths, () => unlockPassphrase({ env: options.env, stdin: options.stdin, stderr: options.stderr, isTTY: options.isTTY }));
    })();
    return loading;
  };
  return {
    get: async (account): Promise<CredentialResult> => {
      const entries = await load();
      if (entries === null) {
        return {
          ok: false,
          reason: 'store-unavailable',
          detail: `no store at ${paths.file}: run \`keyaudit init\`, then \`keyaudit keys add ${account.name} --exchange ${account.exchange}\` (or give the account credentials.env in the config)`,
        };
      }
      const entry = entries.find((e) => e.name === account.name);
      if (entry === undefined) {
        return {
          ok: false,
          reason: 'credentials-missing',
          detail: `the store has no entry named "${account.name}": run \`keyaudit keys add ${account.name} --exchange ${account.exchange}\``,
        };
      }
      if (entry.exchange !== account.exchange) {
        return {
          ok: false,
          reason: 'credentials-missing',
          detail: `the store entry "${account.name}" holds ${entry.exchange} credentials but the account is on ${account.exchange}`,
        };
      }
      return { ok: true, credentials: { ...entry.credentials }, storeAddedAt: entry.addedAt, storeRotatedAt: entry.rotatedAt, source: 'store' };
    },
  };
}
