/**
 * One small interface for where an account's credentials come from: named environment variables
 * (CI) or the encrypted store (the default). Providers never log or return secrets anywhere else.
 */
import type { AccountConfig } from '../config/schema.js';
import type { Credentials } from '../exchanges/types.js';

export type CredentialResult =
  | {
      ok: true;
      credentials: Credentials;
      /** Dates the store recorded (added / last rotated), for exchanges that report no creation date. */
      storeAddedAt?: string | null;
      storeRotatedAt?: string | null;
      /** Where they came from, for reports: "env BINANCE_API_KEY" or "store". */
      source: string;
    }
  | { ok: false; reason: 'credentials-missing' | 'store-unavailable'; detail: string };

export interface CredentialProvider {
  get(account: AccountConfig): Promise<CredentialResult>;
}

const FIELDS = ['apiKey', 'secret', 'password', 'uid', 'privateKey'] as const;

/**
 * Reads `account.credentials.env` variable NAMES from the environment. A missing or empty variable
 * is reported by its name, never with any value.
 */
export function createEnvCredentialProvider(env: Readonly<Record<string, string | undefined>>): CredentialProvider {
  return {
    async get(account) {
      const names = account.credentials?.env;
      if (names === undefined) return { ok: false, reason: 'credentials-missing', detail: 'no credentials.env in the config for this account' };
      const credentials: Partial<Credentials> = {};
      const missing: string[] = [];
      for (const field of FIELDS) {
        const name = names[field];
        if (name === undefined) continue;
        const value = env[name];
        if (value === undefined || value.trim() === '') missing.push(name);
        // Pasted PEMs often carry literal "\n" sequences (exchanges.md §3 Coinbase).
        else credentials[field] = field === 'secret' || field === 'privateKey' ? value.replace(/\\n/g, '\n') : value;
      }
      if (missing.length > 0) {
        return { ok: false, reason: 'credentials-missing', detail: `environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not set` };
      }
      return { ok: true, credentials: credentials as Credentials, source: `env ${names.apiKey}` };
    },
  };
}
