/**
 * The encrypted store as a CredentialProvider for the key audit. It unlocks lazily, on the first
 * account that needs it, so no prompt appears when every account reads the environment.
 * (Interim until the store lands: reports the store as unavailable, which audits fail closed.)
 */
import type { CredentialProvider } from '../audit/credentials.js';
import type { Writer } from '../cli/io.js';

export interface StoreProviderOptions {
  env: Readonly<Record<string, string | undefined>>;
  stdin: NodeJS.ReadableStream;
  stderr: Writer;
  isTTY: { stdin: boolean; stderr: boolean };
}

export async function createStoreCredentialProvider(_options: StoreProviderOptions): Promise<CredentialProvider> {
  return {
    get: async () => ({ ok: false, reason: 'store-unavailable', detail: 'the encrypted store is not available in this build' }),
  };
}
