/**
 * gate end to end through the CLI: the documented answer (https://www.gate.com/docs/developers/apiv4/en/#query-all-main-account-key-information)
 * via nock with recomputed signatures → facts → key rules → JSON report and exit code.
 */
import { describe, expect, it } from 'vitest';
import { DAY_MS, fixtureRaw, itHandlesCommonFaults, cliAuditHarness } from './adapter-fetch.js';
import type { TestCredentials } from './adapter-signing.js';

const authFailure = { status: 401, body: { label: 'INVALID_KEY', message: 'Invalid key provided' } };
const routes = (c: TestCredentials, fixture: string) => {
  const raw = fixtureRaw('gate', fixture, c);
  const keys = (raw.mainKeys as Record<string, unknown>[]).map((k) => ({ ...k, created_at: Math.floor((Date.now() - 10 * DAY_MS) / 1000) }));
  return [
    { method: 'GET' as const, path: '/api/v4/account/detail', body: raw.detail },
    { method: 'GET' as const, path: '/api/v4/account/main_keys', body: keys },
  ];
};

const audit = cliAuditHarness('gate', routes, authFailure);

describe('gate audit (CLI, nock)', () => {
  it('documented answer: trade and IP facts reported; withdraw has no documented perm → permissions-unverified (exit 1, exit 0 with --allow-unknown)', async () => {
    const { account, rules, code } = await audit('ok.spot-whitelisted');
    expect(account.permissions).toMatchObject({ trade: true, transfer: false, withdraw: 'unknown' });
    expect(account.ipWhitelist).toEqual(['203.0.113.7']);
    expect(account.ageDays).toBe(10);
    expect(rules).toContain('keys/permissions-unverified:high');
    expect(code).toBe(1);
    const allowed = await audit('ok.spot-whitelisted', ['--allow-unknown']);
    expect(allowed.code).toBe(0);
  });

  it('wallet read-write → transfer-enabled high', async () => {
    const { rules, account } = await audit('ng.wallet-write');
    expect(account.permissions.transfer).toBe(true);
    expect(rules).toContain('keys/transfer-enabled:high');
  });

  itHandlesCommonFaults('gate', routes, 'ok.spot-whitelisted', authFailure);

});
