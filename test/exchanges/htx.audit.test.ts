/**
 * HTX end to end through the CLI: the documented uid + API key answers
 * (https://huobiapi.github.io/docs/spot/v1/en/#api-key-query) via nock with recomputed signatures.
 * HTX's `trade` permission covers "place order, cancel order and transfer" without saying which
 * transfers, so a trading key is reported transfer-enabled; the safe key here is read-only.
 */
import { describe, expect, it } from 'vitest';
import { auditCli, DAY_MS, fixtureRaw } from './adapter-fetch.js';
import { fakeCredentials, type TestCredentials } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

const authFailure = { status: 200, body: { code: 1003, message: 'invalid signature' } };

refuseRealNetwork();

function routes(creds: TestCredentials, key: Record<string, unknown>, createdDaysAgo = 10) {
  const raw = fixtureRaw('htx', 'ok.safe', creds);
  const keys = raw.keys as { data: Record<string, unknown>[] };
  const entry = { ...keys.data[0], createTime: Date.now() - createdDaysAgo * DAY_MS, ...key };
  return [
    { method: 'GET' as const, path: '/v2/user/uid', body: raw.uid },
    { method: 'GET' as const, path: '/v2/user/api-key', body: { ...keys, data: [entry] } },
  ];
}

async function audit(key: Record<string, unknown>, opts: Parameters<typeof auditCli>[3] & { createdDaysAgo?: number } = {}) {
  const creds = fakeCredentials('htx');
  const out = await auditCli('htx', creds, routes(creds, key, opts.createdDaysAgo), { authError: authFailure, ...opts });
  for (const m of out.mocks) expect(m.problems).toEqual([]);
  return out;
}

describe('htx audit (CLI, nock)', () => {
  it('a safe key (read-only, IP-bound, young, no expiry) passes with exit 0', async () => {
    const { code, account } = await audit({ permission: 'readOnly' }, { expectedIps: ['203.0.113.0/24'] });
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(account.status).toBe('pass');
    expect(account.expiresAt).toBeNull();
    expect(code).toBe(0);
  });

  it('a trading key is transfer-enabled (HTX trade includes transfers), not withdraw-enabled', async () => {
    const { rules, account } = await audit({ permission: 'readOnly,trade' });
    expect(rules).toContain('keys/transfer-enabled:high');
    expect(rules).not.toContain('keys/withdraw-enabled:critical');
    expect(account.permissions.trade).toBe(true);
  });

  it('withdraw → withdraw-enabled critical, exit 1', async () => {
    const { code, rules } = await audit({ permission: 'readOnly,trade,withdraw' });
    expect(rules).toContain('keys/withdraw-enabled:critical');
    expect(code).toBe(1);
  });

  it('no IP binding → ip-whitelist-missing high and the 90-day lapse policy', async () => {
    const { rules, account } = await audit({ permission: 'readOnly', ipAddresses: '', validDays: 80 });
    expect(rules).toContain('keys/ip-whitelist-missing:high');
    expect(rules).toContain('keys/lapse-policy:medium');
    expect(account.ipWhitelist).toEqual([]);
  });

  it('an IP outside expectedIps → ip-unexpected high naming the IP', async () => {
    const { rules, account } = await audit({ permission: 'readOnly' }, { expectedIps: ['198.51.100.1'] });
    expect(rules).toContain('keys/ip-unexpected:high');
    expect(account.findings.find((f) => f.ruleId === 'keys/ip-unexpected')?.message).toContain('203.0.113.7');
  });

  it('an old key → key-rotation medium', async () => {
    const { rules, account } = await audit({ permission: 'readOnly' }, { createdDaysAgo: 200 });
    expect(account.ageDays).toBe(200);
    expect(rules).toContain('keys/key-rotation:medium');
  });

  it('validDays 5 → key-expiring medium; validDays -1 → never expires', async () => {
    const soon = await audit({ permission: 'readOnly', validDays: 5 });
    expect(soon.rules).toContain('keys/key-expiring:medium');
    expect(soon.account.expiresAt?.slice(0, 10)).toBe(new Date(Date.now() + 5 * DAY_MS).toISOString().slice(0, 10));
    const never = await audit({ permission: 'readOnly', validDays: -1 });
    expect(never.rules.filter((r) => r.startsWith('keys/key-expiring'))).toEqual([]);
  });

  it('invalid signature (code 1003) → unknown auth-failed, exit 1; exit 0 with --allow-unknown', async () => {
    const creds = fakeCredentials('htx');
    const failing = [{ method: 'GET' as const, path: '/v2/user/uid', body: authFailure.body }];
    const failed = await auditCli('htx', creds, failing, { authError: authFailure });
    expect(failed.rules).toContain('keys/permissions-unverified:high');
    expect(failed.account.unknown?.withdraw).toMatch(/authentication failed/);
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    const allowed = await auditCli('htx', creds, failing, { authError: authFailure, args: ['--allow-unknown'] });
    expect(allowed.code).toBe(0);
  });

  it('a key HTX may not query (code 1002) → unknown permission-denied', async () => {
    const creds = fakeCredentials('htx');
    const raw = fixtureRaw('htx', 'ok.safe', creds);
    const { account, code } = await auditCli('htx', creds, [
      { method: 'GET', path: '/v2/user/uid', body: raw.uid },
      { method: 'GET', path: '/v2/user/api-key', body: { code: 1002, message: 'unauthorized' } },
    ]);
    expect(account.unknown?.withdraw).toMatch(/lacks the permission/);
    expect(code).toBe(1);
  });
});
