/**
 * bitfinex end to end through the CLI: the documented answer (https://docs.bitfinex.com/reference/key-permissions)
 * via nock with recomputed signatures → facts → key rules → JSON report and exit code.
 */
import { describe, expect, it } from 'vitest';
import { fixtureRaw, itHandlesCommonFaults, cliAuditHarness } from './adapter-fetch.js';
import type { TestCredentials } from './adapter-signing.js';

const authFailure = { status: 500, body: ['error', 10100, 'apikey: invalid'] };
const routes = (c: TestCredentials, fixture: string) => [{ method: 'POST' as const, path: '/v2/auth/r/permissions', body: fixtureRaw('bitfinex', fixture, c) }];

const audit = cliAuditHarness('bitfinex', routes, authFailure);

describe('bitfinex audit (CLI, nock)', () => {
  it('order/position write only → passes (exit 0); IP and dates are not exposed', async () => {
    const { account, code } = await audit('ok.trade-only');
    expect(account.permissions).toMatchObject({ trade: true, withdraw: false, transfer: false });
    expect(account.unknown?.ipRestricted).toMatch(/does not expose/);
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
  });

  it('withdraw write → withdraw-enabled critical, exit 1', async () => {
    const { rules, code } = await audit('ng.withdraw');
    expect(rules).toContain('keys/withdraw-enabled:critical');
    expect(code).toBe(1);
  });

  itHandlesCommonFaults('bitfinex', routes, 'ok.trade-only', authFailure);

});
