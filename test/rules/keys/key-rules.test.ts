/**
 * Key rules as valid/invalid tables (../../../../shared/STYLE.md example 4): each row is facts +
 * account, and the expected hits (rule id: severity, message fragment).
 */
import { describe, expect, it } from 'vitest';
import { keyRules } from '../../../rules/keys/index.js';
import { ipInAny, parseIp } from '../../../rules/keys/lib/ip.js';
import { runKeyRules } from '../../../src/audit/engine.js';
import type { AccountInfo } from '../../../src/core/define-rule.js';
import { allUnknown, known, unknownTri, type KeyFacts } from '../../../src/core/key-facts.js';
import type { ResolvedRuleSetting } from '../../../src/config/resolve.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const daysAgo = (n: number): string => new Date(NOW.getTime() - n * 86_400_000).toISOString();

/** A key that passes every rule: trade-only spot, IP-bound, 10 days old, no expiry. */
function safe(exchange = 'kraken'): KeyFacts {
  const f = allUnknown(exchange, 'GET /x', NOW.toISOString(), 'field-absent');
  const no = (s = 'field') => known(false, s);
  f.isSubAccount = no();
  f.canRead = known(true, 'r');
  f.canWithdraw = no('w');
  f.canTransfer = { any: no(), internal: no(), subAccount: no(), universal: no() };
  f.canTrade = { any: known(true, 't'), spot: known(true, 't'), margin: no(), futures: no(), options: no() };
  f.readOnly = no();
  f.ipRestricted = known(true, 'ips');
  f.ipAllowlist = { value: ['203.0.113.7'], masked: false, source: 'ips' };
  f.createdAt = { value: daysAgo(10), source: 'createdAt' };
  f.expiresAt = { value: 'none', source: 'expiredAt' };
  f.lastUsedAt = { value: 'unknown', source: null, reason: 'not-exposed' };
  return f;
}

type Row = { name: string; facts: (f: KeyFacts) => void; account?: Partial<AccountInfo>; exchange?: string; allowUnknown?: boolean; settings?: Record<string, ResolvedRuleSetting> };

function hits(row: Row): string[] {
  const facts = safe(row.exchange);
  row.facts(facts);
  const findings = runKeyRules(facts, {
    rules: keyRules,
    settings: new Map(Object.entries(row.settings ?? {})),
    account: { name: 'a', exchange: facts.exchange, ...row.account },
    now: NOW,
    allowUnknown: row.allowUnknown ?? false,
    file: '.keyauditrc.json',
    line: 3,
    secrets: [],
  });
  return findings.map((f) => `${f.ruleId.slice(5)}:${f.severity}:${f.message}`);
}

const VALID: Row[] = [
  { name: 'the safe key', facts: () => {} },
  { name: 'expectedIps covering the list by CIDR', facts: () => {}, account: { expectedIps: ['203.0.113.0/24'] } },
  { name: 'needs spot, only spot', facts: () => {}, account: { needs: ['spot'] } },
  { name: 'no creation date and no store date', facts: (f) => (f.createdAt = { value: 'unknown', source: null, reason: 'not-exposed' }) },
  { name: 'bound OKX key: no lapse', exchange: 'okx', facts: () => {} },
  { name: 'expiry in 30 days', facts: (f) => (f.expiresAt = { value: daysAgo(-30), source: 'validUntil' }) },
  { name: 'key-rotation turned off', facts: (f) => (f.createdAt = { value: daysAgo(400), source: 'c' }), settings: { 'keys/key-rotation': { severity: 'off', options: { maxAgeDays: 90 } } } },
];

const INVALID: (Row & { expected: RegExp[] })[] = [
  { name: 'withdraw', facts: (f) => (f.canWithdraw = known(true, 'enableWithdrawals')), expected: [/^withdraw-enabled:critical:.*enableWithdrawals/] },
  { name: 'sub-account transfer', facts: (f) => (f.canTransfer = { any: known(true, 's'), internal: known(false, 'i'), subAccount: known(true, 's'), universal: unknownTri('not-exposed') }), expected: [/^transfer-enabled:high:.*master and sub-accounts/] },
  { name: 'internal transfer only is info', facts: (f) => (f.canTransfer = { any: known(true, 'i'), internal: known(true, 'i'), subAccount: known(false, 's'), universal: unknownTri('not-exposed') }), expected: [/^transfer-enabled:info:.*own wallets/] },
  { name: 'transfer not broken down', facts: (f) => (f.canTransfer = { any: known(true, 'wtow'), internal: unknownTri('not-exposed'), subAccount: unknownTri('not-exposed'), universal: unknownTri('not-exposed') }), expected: [/^transfer-enabled:high:.*not broken down/] },
  {
    name: 'no whitelist',
    facts: (f) => {
      f.ipRestricted = known(false, 'ips');
      f.ipAllowlist = { value: [], masked: false, source: 'ips' };
    },
    expected: [/^ip-whitelist-missing:high/],
  },
  { name: 'IP outside expectedIps', facts: () => {}, account: { expectedIps: ['198.51.100.0/24', '2001:db8::/32'] }, expected: [/^ip-unexpected:high:.*203\.0\.113\.7/] },
  { name: 'masked list cannot be compared', facts: (f) => (f.ipAllowlist = { value: ['203.**.7'], masked: true, source: 'ipWhitelist' }), account: { expectedIps: ['203.0.113.7'] }, expected: [/^ip-unexpected:high:.*masks/] },
  { name: 'hidden list, --allow-unknown', facts: (f) => (f.ipAllowlist = { value: 'unknown', masked: false, source: 'ipRestrict', reason: 'field-absent' }), account: { expectedIps: ['203.0.113.7'] }, allowUnknown: true, expected: [/^ip-unexpected:info:.*did not return/] },
  { name: 'absent list fails closed', facts: (f) => (f.ipAllowlist = { value: 'unknown', masked: false, source: 'ipRestrict', reason: 'field-absent' }), account: { expectedIps: ['203.0.113.7'] }, expected: [/^ip-unexpected:high:.*did not return/] },
  { name: 'restricted, list never exposed (Binance) is info', facts: (f) => (f.ipAllowlist = { value: 'unknown', masked: false, source: 'ipRestrict', reason: 'not-exposed' }), account: { expectedIps: ['203.0.113.7'] }, expected: [/^ip-unexpected:info:.*never reveals/] },
  { name: 'old key', facts: (f) => (f.createdAt = { value: daysAgo(120), source: 'createdAt' }), expected: [/^key-rotation:medium:key is 120 days old \(created .* per the exchange\)/] },
  {
    name: 'old key by the store date',
    facts: (f) => (f.createdAt = { value: 'unknown', source: null, reason: 'not-exposed' }),
    account: { storeAddedAt: daysAgo(200), storeRotatedAt: daysAgo(95) },
    expected: [/^key-rotation:medium:key is 95 days old \(the exchange gives no creation date; last rotated .* per the local store\)/],
  },
  { name: 'custom maxAgeDays', facts: (f) => (f.createdAt = { value: daysAgo(40), source: 'c' }), settings: { 'keys/key-rotation': { severity: 'low', options: { maxAgeDays: 30 } } }, expected: [/^key-rotation:low:.*30-day/] },
  { name: 'expired', facts: (f) => (f.expiresAt = { value: daysAgo(1), source: 'expiredAt' }), expected: [/^key-expiring:high:key expired on/] },
  { name: 'expiring within 14 days', facts: (f) => (f.expiresAt = { value: daysAgo(-3), source: 'validUntil' }), expected: [/^key-expiring:medium:key expires in 3 day/] },
  {
    name: 'unbound Bybit key: lapse policy',
    exchange: 'bybit',
    facts: (f) => {
      f.ipRestricted = known(false, 'ips');
      f.ipAllowlist = { value: [], masked: false, source: 'ips' };
    },
    expected: [/^ip-whitelist-missing:high/, /^lapse-policy:medium:Bybit: .*90 days/],
  },
  {
    name: 'unbound OKX trading key: 14-day lapse',
    exchange: 'okx',
    facts: (f) => {
      f.ipRestricted = known(false, 'ip');
      f.ipAllowlist = { value: [], masked: false, source: 'ip' };
    },
    expected: [/^ip-whitelist-missing:high/, /^lapse-policy:medium:OKX: .*14 days/],
  },
  { name: 'adapter policy note', facts: (f) => f.policyNotes.push({ id: 'n', text: 'third-party key', source: 'doc' }), expected: [/^lapse-policy:info:third-party key/] },
  { name: 'futures beyond needs', facts: (f) => (f.canTrade.futures = known(true, 'enableFutures')), account: { needs: ['spot'] }, expected: [/^scope-beyond-needs:medium:key can trade futures, beyond the declared needs \(spot\)/] },
  {
    name: 'withdraw unknown',
    facts: (f) => (f.canWithdraw = unknownTri('mapping-unverified', 'Transfer may include withdrawals', 'permission')),
    expected: [/^permissions-unverified:high:.*withdraw: the exchange documents no clear mapping/],
  },
  {
    name: 'failed call with expectedIps: reported once, by permissions-unverified',
    facts: (f) => Object.assign(f, allUnknown('kraken', 'x', 'y', 'bad-response')),
    account: { expectedIps: ['203.0.113.7'] },
    expected: [/^permissions-unverified:high:/],
  },
  {
    name: "Binance trading authority lapse is not called the key's expiry",
    exchange: 'binance',
    facts: (f) => (f.expiresAt = { value: daysAgo(2), source: 'tradingAuthorityExpirationTime' }),
    expected: [/^key-expiring:high:key's trading permission expired on/],
  },
  {
    name: 'failed call, --allow-unknown',
    facts: (f) => Object.assign(f, allUnknown('kraken', 'x', 'y', 'timeout')),
    allowUnknown: true,
    expected: [/^permissions-unverified:info:.*withdraw and transfer: the exchange did not answer in time/],
  },
];

describe('key rules', () => {
  it.each(VALID)('valid: $name', (row) => expect(hits(row)).toEqual([]));
  it.each(INVALID)('invalid: $name', (row) => {
    const got = hits(row);
    expect(got, got.join('\n')).toHaveLength(row.expected.length);
    row.expected.forEach((re, i) => expect(got[i]).toMatch(re));
  });

  it('a configured severity wins over the rule grade (except info)', () => {
    const row: Row = { name: 'x', facts: (f) => (f.expiresAt = { value: daysAgo(-3), source: 'v' }), settings: { 'keys/key-expiring': { severity: 'critical', options: { withinDays: 14 } } } };
    expect(hits(row)[0]).toMatch(/^key-expiring:critical/);
  });

  it('findings point at the config entry and have stable fingerprints', () => {
    const facts = safe();
    facts.canWithdraw = known(true, 'w');
    const run = () => runKeyRules(facts, { rules: keyRules, settings: new Map(), account: { name: 'bot', exchange: 'kraken' }, now: NOW, allowUnknown: false, file: 'cfg.yml', line: 7, secrets: [] });
    const [a] = run();
    expect(a).toMatchObject({ file: 'cfg.yml', line: 7, account: 'bot', excerpt: null });
    expect(run()[0]?.fingerprint).toBe(a?.fingerprint);
  });
});

describe('ip helpers', () => {
  it.each([
    ['203.0.113.7', ['203.0.113.7'], true],
    ['203.0.113.7', ['203.0.113.0/24'], true],
    ['203.0.114.7', ['203.0.113.0/24'], false],
    ['203.0.113.0/25', ['203.0.113.0/24'], true],
    ['203.0.113.0/23', ['203.0.113.0/24'], false],
    ['2001:db8::1', ['2001:db8::/32'], true],
    ['2001:db9::1', ['2001:db8::/32'], false],
    ['::ffff:203.0.113.7', ['::ffff:203.0.113.0/120'], true],
    ['203.0.113.7', ['2001:db8::/32'], false],
    ['not-an-ip', ['not-an-ip'], true],
  ] as const)('%s in %j -> %s', (ip, list, expected) => expect(ipInAny(ip, list)).toBe(expected));
  it('rejects malformed addresses', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '1::2::3', 'g::1', '']) expect(parseIp(bad)).toBeNull();
  });
});
