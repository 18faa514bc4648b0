/**
 * bitfinex end to end through the CLI: the documented answer (https://docs.bitfinex.com/reference/key-permissions)
 * via nock with recomputed signatures → facts → key rules → JSON report and exit code.
 */
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditCli, fixtureRaw, itHandlesCommonFaults } from './adapter-fetch.js';
import { fakeCredentials, type TestCredentials } from './adapter-signing.js';

const authFailure = { status: 500, body: ['error', 10100, 'apikey: invalid'] };
const routes = (c: TestCredentials, fixture: string) => [{ method: 'POST' as const, path: '/v2/auth/r/permissions', body: fixtureRaw('bitfinex', fixture, c) }];

beforeEach(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

async function audit(fixture: string, args: string[] = []) {
  const creds = fakeCredentials('bitfinex');
  const out = await auditCli('bitfinex', creds, routes(creds, fixture), { authError: authFailure, args });
  for (const m of out.mocks) expect(m.problems).toEqual([]);
  return out;
}

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
