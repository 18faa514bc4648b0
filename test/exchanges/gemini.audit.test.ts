/**
 * gemini end to end through the CLI: the documented answer (https://developer.gemini.com/rest-api/common/admin/roles-endpoint)
 * via nock with recomputed signatures → facts → key rules → JSON report and exit code.
 */
import { describe, expect, it } from 'vitest';
import { fixtureRaw, itHandlesCommonFaults, cliAuditHarness } from './adapter-fetch.js';
import type { TestCredentials } from './adapter-signing.js';

const authFailure = { status: 400, body: { result: 'error', reason: 'InvalidSignature', message: 'InvalidSignature' } };
const routes = (c: TestCredentials, fixture: string) => [{ method: 'POST' as const, path: '/v1/roles', body: fixtureRaw('gemini', fixture, c) }];

const audit = cliAuditHarness('gemini', routes, authFailure);

describe('gemini audit (CLI, nock)', () => {
  it('Trader role only → passes (exit 0)', async () => {
    const { account, code } = await audit('ok.trader');
    expect(account.permissions).toMatchObject({ trade: true, withdraw: false, transfer: false });
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
  });

  it('Fund Manager → withdraw-enabled critical and transfer-enabled high, exit 1', async () => {
    const { rules, code } = await audit('ng.fund-manager');
    expect(rules).toContain('keys/withdraw-enabled:critical');
    expect(rules).toContain('keys/transfer-enabled:high');
    expect(code).toBe(1);
  });

  itHandlesCommonFaults('gemini', routes, 'ok.trader', authFailure);

});
