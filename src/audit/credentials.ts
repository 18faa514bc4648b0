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
