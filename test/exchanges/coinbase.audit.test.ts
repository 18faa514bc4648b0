/**
 * Coinbase Advanced Trade (CDP keys) end to end through the CLI: the documented key_permissions
 * answer (https://docs.cdp.coinbase.com/api-reference/advanced-trade-api/rest-api/data-api/get-api-key-permissions)
 * via nock, whose matcher verifies each ES256 JWT with the test public key. Coinbase returns no IP
 * allowlist and no dates: those findings cannot be made and are not invented.
 */
import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import adapter, { normalizeCdpSecret } from '../../src/exchanges/coinbase.js';
import { auditCli, deps, fetchFacts, fixtureRaw } from './adapter-fetch.js';
import { fakeCredentials, type TestCredentials } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

const PATH = '/api/v3/brokerage/key_permissions';
const authFailure = { status: 401, body: 'Unauthorized' };

refuseRealNetwork();

async function audit(perms: Record<string, unknown>, opts: Parameters<typeof auditCli>[3] & { creds?: TestCredentials } = {}) {
  const creds = opts.creds ?? fakeCredentials('coinbase');
  const body = { ...fixtureRaw('coinbase', 'ok.trade-only', creds), ...perms };
  const out = await auditCli('coinbase', creds, [{ method: 'GET', path: PATH, body }], { authError: authFailure, ...opts });
  expect(out.mocks[0]?.problems).toEqual([]);
  expect(out.mocks[0]?.scope.isDone()).toBe(true);
  return out;
}

describe('coinbase audit (CLI, nock, ES256 JWT verified)', () => {
  it('a safe key (view + trade, no transfer) passes with exit 0', async () => {
    const { code, account } = await audit({ can_transfer: false });
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(account.permissions).toMatchObject({ withdraw: false, transfer: false, trade: true });
    expect(code).toBe(0);
  });

  it('can_transfer → withdraw-enabled critical and transfer-enabled high, exit 1', async () => {
    const { code, rules } = await audit({ can_transfer: true });
    expect(rules).toContain('keys/withdraw-enabled:critical');
    expect(rules).toContain('keys/transfer-enabled:high');
    expect(code).toBe(1);
  });

  it('IP allowlist and dates are not exposed: no invented whitelist/age finding; expectedIps cannot be compared', async () => {
    const plain = await audit({});
    expect(plain.rules.filter((r) => /ip-whitelist-missing|key-expiring/.test(r))).toEqual([]);
    expect(plain.account.unknown?.ipRestricted).toMatch(/does not expose/);
    expect(plain.account.ageDays).toBeNull();
    const withIps = await audit({}, { expectedIps: ['198.51.100.1'] });
    expect(withIps.account.findings.find((f) => f.ruleId === 'keys/ip-unexpected')?.message).toMatch(/cannot be compared/);
  });

  it('a PKCS#8 PEM pasted with literal \\n still signs (normalized to SEC1)', async () => {
    const creds = fakeCredentials('coinbase');
    const sec1 = createPrivateKey(creds.privateKey ?? '');
    const pkcs8 = sec1.export({ type: 'pkcs8', format: 'pem' }).toString();
    const pasted = pkcs8.trim().replace(/\n/g, '\\n');
    expect(normalizeCdpSecret(pasted)).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
    const { code } = await audit({ can_transfer: false }, { creds: { ...creds, privateKey: pasted } });
    expect(code).toBe(0);
  });

  it('HTTP 401 → unknown auth-failed: exit 1, exit 0 with --allow-unknown, no stack trace', async () => {
    const creds = fakeCredentials('coinbase');
    const route = [{ method: 'GET' as const, path: PATH, status: 401, body: 'Unauthorized' }];
    const failed = await auditCli('coinbase', creds, route, { authError: authFailure });
    expect(failed.rules).toContain('keys/permissions-unverified:high');
    expect(failed.account.unknown?.withdraw).toMatch(/authentication failed/);
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    const allowed = await auditCli('coinbase', creds, route, { authError: authFailure, args: ['--allow-unknown'] });
    expect(allowed.code).toBe(0);
  });

  it('sandbox is refused before any request (the Coinbase sandbox lacks this endpoint)', async () => {
    const { facts } = await fetchFacts(adapter, fakeCredentials('coinbase'), deps({ sandbox: true }));
    expect(facts.canWithdraw).toMatchObject({ value: 'unknown', reason: 'sandbox-unsupported' });
  });
});
