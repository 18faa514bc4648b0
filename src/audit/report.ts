/** KeyFacts + findings -> the AccountReport reporters print (../../shared/spec/cli.md "Report content"). */
import { REASON_TEXT, type KeyFacts, type Tri, type When } from '../core/key-facts.js';
import type { AccountReport, Finding } from '../core/types.js';

const DAY_MS = 86_400_000;

function reasonText(fact: { reason?: keyof typeof REASON_TEXT; detail?: string }): string {
  const base = fact.reason === undefined ? 'unknown' : REASON_TEXT[fact.reason];
  return fact.detail === undefined ? base : `${base} (${fact.detail})`;
}

const date = (w: When): string | null => (w.value === 'unknown' || w.value === 'none' ? null : w.value);

export function toAccountReport(name: string, facts: KeyFacts, findings: Finding[], now: Date): AccountReport {
  const unknown: Record<string, string> = {};
  const tri = (label: string, fact: Tri): boolean | 'unknown' => {
    if (fact.value === 'unknown') unknown[label] = reasonText(fact);
    return fact.value;
  };
  const permissions = {
    read: tri('read', facts.canRead),
    trade: tri('trade', facts.canTrade.any),
    withdraw: tri('withdraw', facts.canWithdraw),
    transfer: tri('transfer', facts.canTransfer.any),
    margin: tri('margin', facts.canTrade.margin),
    futures: tri('futures', facts.canTrade.futures),
    options: tri('options', facts.canTrade.options),
  };
  const ipRestricted = tri('ipRestricted', facts.ipRestricted);
  if (facts.ipAllowlist.value === 'unknown' && ipRestricted !== false) unknown.ipWhitelist = reasonText(facts.ipAllowlist);
  if (facts.createdAt.value === 'unknown') unknown.createdAt = reasonText(facts.createdAt);
  if (facts.expiresAt.value === 'unknown') unknown.expiresAt = reasonText(facts.expiresAt);
  const createdAt = date(facts.createdAt);
  const created = createdAt === null ? Number.NaN : Date.parse(createdAt);
  const unverified = findings.some((f) => f.ruleId === 'keys/permissions-unverified' && f.severity !== 'info');
  const failing = findings.some((f) => f.ruleId !== 'keys/permissions-unverified' && (f.severity === 'critical' || f.severity === 'high'));
  return {
    name,
    exchange: facts.exchange,
    status: failing ? 'fail' : unverified || (permissions.withdraw === 'unknown' || permissions.transfer === 'unknown') ? 'unknown' : 'pass',
    permissions,
    ipRestricted,
    ipWhitelist: facts.ipAllowlist.value,
    createdAt,
    ageDays: Number.isFinite(created) ? Math.max(0, Math.floor((now.getTime() - created) / DAY_MS)) : null,
    expiresAt: date(facts.expiresAt),
    // Exchanges without an introspection endpoint report '' or 'none': JSON says null.
    endpoint: facts.endpoint === '' || facts.endpoint === 'none' ? null : facts.endpoint,
    unknown,
    findings,
  };
}
