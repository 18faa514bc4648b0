/**
 * KuCoin end to end through the CLI: documented answers (https://www.kucoin.com/docs-new/api-3470130)
 * via nock with recomputed signatures → facts → key rules → JSON report and exit code.
 */
import { describe, expect, it } from 'vitest';
import { auditCli, DAY_MS, fixtureRaw } from './adapter-fetch.js';
import { fakeCredentials, type TestCredentials } from './adapter-signing.js';
import { refuseRealNetwork } from '../helpers/nock.js';

const PATH = '/api/v1/user/api-key';
const authFailure = { status: 401, body: { code: '400003', msg: 'KC-API-KEY not exists' } };

refuseRealNetwork();

function answer(creds: TestCredentials, data: Record<string, unknown>, createdDaysAgo = 10): unknown {
  const raw = fixtureRaw('kucoin', 'ok.spot-ip-bound', creds);
  return { ...raw, data: { ...(raw.data as Record<string, unknown>), createdAt: Date.now() - createdDaysAgo * DAY_MS, ...data } };
}

async function audit(data: Record<string, unknown>, opts: Parameters<typeof auditCli>[3] & { createdDaysAgo?: number } = {}) {
  const creds = fakeCredentials('kucoin');
  const out = await auditCli('kucoin', creds, [{ method: 'GET', path: PATH, body: answer(creds, data, opts.createdDaysAgo) }], { authError: authFailure, ...opts });
  expect(out.mocks[0]?.problems).toEqual([]);
  return out;
}

describe('kucoin audit (CLI, nock)', () => {
  it('a safe key (General,Spot, IP-bound, young) passes with exit 0', async () => {
    const { code, account } = await audit({ permission: 'General,Spot' });
    expect(account.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(account.status).toBe('pass');
    expect(account.permissions.withdraw).toBe(false);
    expect(code).toBe(0);
  });

  it('Withdrawal → withdraw-enabled critical, exit 1', async () => {
    const { code, rules, account } = await audit({ permission: 'General,Spot,Withdrawal' });
    expect(rules).toContain('keys/withdraw-enabled:critical');
    expect(account.status).toBe('fail');
    expect(code).toBe(1);
  });

  it('Transfer (universal) → transfer-enabled high; withdraw unverified → permissions-unverified', async () => {
    const { rules, code } = await audit({ permission: 'General,Transfer' });
    expect(rules).toContain('keys/transfer-enabled:high');
    expect(rules).toContain('keys/permissions-unverified:high');
    expect(code).toBe(1);
  });

  it('no IP binding → ip-whitelist-missing high and the 30-day lapse policy', async () => {
    const { rules, account } = await audit({ permission: 'General,Spot', ipWhitelist: '' });
    expect(rules).toContain('keys/ip-whitelist-missing:high');
    expect(rules).toContain('keys/lapse-policy:medium');
    expect(account.ipWhitelist).toEqual([]);
  });

  it('expectedIps against a masked whitelist: ip-unexpected says it cannot compare', async () => {
    const { rules, account } = await audit({ permission: 'General,Spot' }, { expectedIps: ['198.51.100.1'] });
    expect(rules).toContain('keys/ip-unexpected:high');
    expect(account.findings.find((f) => f.ruleId === 'keys/ip-unexpected')?.message).toMatch(/mask/i);
  });

  it('an old key → key-rotation medium', async () => {
    const { rules, account } = await audit({ permission: 'General,Spot' }, { createdDaysAgo: 200 });
    expect(account.ageDays).toBe(200);
    expect(rules).toContain('keys/key-rotation:medium');
  });

  it('futures on a spot-only account → scope-beyond-needs', async () => {
    const { rules } = await audit({ permission: 'General,Spot,Futures' }, { needs: ['spot'] });
    expect(rules).toContain('keys/scope-beyond-needs:medium');
  });

  it('an authentication error → unknown auth-failed: exit 1, exit 0 with --allow-unknown, no stack trace', async () => {
    const creds = fakeCredentials('kucoin');
    const failed = await auditCli('kucoin', creds, [{ method: 'GET', path: PATH, status: 401, body: authFailure.body }], { authError: authFailure });
    expect(failed.rules).toContain('keys/permissions-unverified:high');
    expect(failed.account.status).toBe('unknown');
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    const allowed = await auditCli('kucoin', creds, [{ method: 'GET', path: PATH, status: 401, body: authFailure.body }], { authError: authFailure, args: ['--allow-unknown'] });
    expect(allowed.code).toBe(0);
  });

  it('an HTML page with status 200 → bad-response, exit 1', async () => {
    const creds = fakeCredentials('kucoin');
    const { account, code } = await auditCli('kucoin', creds, [{ method: 'GET', path: PATH, body: '<html><body>maintenance</body></html>' }]);
    expect(account.status).toBe('unknown');
    expect(account.unknown?.withdraw).toMatch(/HTML instead of JSON/);
    expect(code).toBe(1);
  });
});
