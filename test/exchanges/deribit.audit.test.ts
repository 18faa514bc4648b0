/**
 * deribit end to end through the CLI: the documented answer (https://docs.deribit.com/api-reference/account-management/private-list_api_keys)
 * via nock with recomputed signatures → facts → key rules → JSON report and exit code.
 */
import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { DAY_MS, fixtureRaw, itHandlesCommonFaults, cliAuditHarness } from './adapter-fetch.js';
import type { TestCredentials } from './adapter-signing.js';

const LISTED_SECRET = new Fake('deribit-listed').alnum(43);

const authFailure = { status: 400, body: { jsonrpc: '2.0', error: { message: 'invalid_credentials', code: 13004 }, testnet: false } };
const routes = (c: TestCredentials, fixture: string) => {
  const raw = fixtureRaw('deribit', fixture, c, LISTED_SECRET);
  const result = (raw.result as Record<string, unknown>[]).map((k) => ({ ...k, timestamp: Date.now() - 10 * DAY_MS }));
  return [{ method: 'GET' as const, path: '/api/v2/private/list_api_keys', body: { ...raw, result } }];
};

const audit = cliAuditHarness('deribit', routes, authFailure);

describe('deribit audit (CLI, nock)', () => {
  it('trade-only key, IP-bound, young → passes (exit 0); no listed client secret in any output', async () => {
    const { account, code, stdout, stderr } = await audit('ok.trade-only');
    expect(account.permissions).toMatchObject({ trade: true, withdraw: false, transfer: false });
    expect(account.ipWhitelist).toEqual(['203.0.113.7']);
    expect(account.ageDays).toBe(10);
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(stdout + stderr).not.toContain(LISTED_SECRET);
    expect(code).toBe(0);
  });

  it('wallet:read_write → withdraw-enabled critical, exit 1; account:read_write noted', async () => {
    const { rules, code, stdout } = await audit('ng.wallet-write', ['--verbose']);
    expect(rules).toContain('keys/withdraw-enabled:critical');
    expect(rules).toContain('keys/lapse-policy:info');
    expect(stdout).not.toContain(LISTED_SECRET);
    expect(code).toBe(1);
  });

  itHandlesCommonFaults('deribit', routes, 'ok.trade-only', authFailure);

});
