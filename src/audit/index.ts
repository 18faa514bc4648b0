/**
 * Key audit entry point, loaded lazily by `scan` only when accounts are configured (it pulls in
 * CCXT). Interim: until the exchange adapters land, every account is reported unknown — fail
 * closed, never a silent pass.
 */
import type { ResolvedConfig } from '../config/resolve.js';
import type { AccountReport } from '../core/types.js';
import { plainFingerprint } from '../core/fingerprint.js';

export interface AuditOptions {
  config: ResolvedConfig;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  allowUnknown: boolean;
}

export async function auditAccounts(options: AuditOptions): Promise<AccountReport[]> {
  return options.config.accounts.map((account) => ({
    name: account.name,
    exchange: account.exchange,
    status: 'unknown',
    permissions: { read: 'unknown', trade: 'unknown', withdraw: 'unknown', transfer: 'unknown', margin: 'unknown', futures: 'unknown', options: 'unknown' },
    ipRestricted: 'unknown',
    ipWhitelist: 'unknown',
    createdAt: null,
    ageDays: null,
    expiresAt: null,
    endpoint: null,
    unknown: { all: 'key audit not implemented in this build' },
    findings: [
      {
        ruleId: 'keys/permissions-unverified',
        severity: options.allowUnknown ? 'info' : 'high',
        message: 'permissions could not be verified: key audit not implemented in this build',
        fix: 'Upgrade keyaudit.',
        file: options.config.file,
        line: options.config.accountLines[account.name] ?? 1,
        column: null,
        commit: null,
        authorDate: null,
        excerpt: null,
        fingerprint: plainFingerprint('keys/permissions-unverified', account.name),
        account: account.name,
      },
    ],
  }));
}
