/**
 * bitget end to end through the CLI: the documented answer (https://www.bitget.com/api-doc/spot/account/Get-Account-Info)
 * via nock with recomputed signatures → facts → key rules → JSON report and exit code.
 */
import { describe, expect, it } from 'vitest';
import { fixtureRaw, itHandlesCommonFaults, cliAuditHarness } from './adapter-fetch.js';
import type { TestCredentials } from './adapter-signing.js';

const authFailure = { status: 400, body: { code: '40037', msg: 'Apikey does not exist', requestTime: 1736467200000, data: null } };
const routes = (c: TestCredentials, fixture: string) => [{ method: 'GET' as const, path: '/api/v2/spot/account/info', body: fixtureRaw('bitget', fixture, c) }];

const audit = cliAuditHarness('bitget', routes, authFailure);

describe('bitget audit (CLI, nock)', () => {
  it('short authority codes, spot only, IP-bound → passes (exit 0)', async () => {
    const { account, code } = await audit('ok.spot-codes');
    expect(account.permissions).toMatchObject({ trade: true, withdraw: false, transfer: false });
    expect(account.ipWhitelist).toEqual(['203.0.113.7']);
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
  });

  it('wwow → withdraw-enabled critical, exit 1', async () => {
    const { rules, code } = await audit('ng.withdraw-codes');
    expect(rules).toContain('keys/withdraw-enabled:critical');
    expect(code).toBe(1);
  });

  it("the doc's long-form example leaves withdraw unverified → permissions-unverified", async () => {
    const { rules } = await audit('ng.long-form');
    expect(rules).toContain('keys/permissions-unverified:high');
  });

  itHandlesCommonFaults('bitget', routes, 'ok.spot-codes', authFailure);

});
