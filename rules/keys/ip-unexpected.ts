/**
 * A key whitelisted to IPs outside the account's `expectedIps` (addresses or CIDR ranges). A list
 * the exchange masks or does not return cannot be compared: that is said, and fails closed.
 */
import { defineKeyRule } from '../../src/core/define-rule.js';
import type { Reason } from '../../src/core/key-facts.js';
import { ipInAny } from './lib/ip.js';

/** Reasons that concern the list itself, not a failed call. */
const LIST_LEVEL: ReadonlySet<Reason> = new Set(['not-exposed', 'field-absent', 'unrecognized-value', 'mapping-unverified', 'not-found']);

export default defineKeyRule({
  meta: {
    name: 'ip-unexpected',
    description: 'exchange API key is whitelisted to IPs outside expectedIps',
    severity: 'high',
    recommended: true,
    message: '{{problem}}',
    fix: "Remove the unexpected addresses from the key's IP whitelist (or add them to expectedIps if they are yours).",
  },
  check(facts, ctx) {
    const expected = ctx.account.expectedIps ?? [];
    if (expected.length === 0 || facts.ipRestricted.value === false) return;
    const list = facts.ipAllowlist;
    // A failed call is reported once, by permissions-unverified; here only a list the exchange
    // answered about but did not (or could not) give.
    if (list.value === 'unknown' && !LIST_LEVEL.has(list.reason ?? 'field-absent')) return;
    if (list.value === 'unknown' && list.reason === 'not-exposed' && facts.ipRestricted.value === true) {
      // The exchange confirms a restriction but never reveals its list (Binance): failing every run
      // would push users to --allow-unknown, which hides the unknowns that matter. Say it, softly.
      ctx.report({
        key: 'not-exposed',
        severity: 'info',
        data: { problem: 'the key is IP-restricted, but this exchange never reveals the list: compare it with expectedIps in the exchange UI' },
      });
      return;
    }
    if (list.value === 'unknown') {
      ctx.report({
        key: 'unverifiable',
        ...(ctx.allowUnknown ? { severity: 'info' as const } : {}),
        data: { problem: `IP whitelist cannot be compared with expectedIps: the exchange did not return it (${list.reason ?? 'unknown'})` },
      });
      return;
    }
    if (list.masked) {
      ctx.report({
        key: 'masked',
        ...(ctx.allowUnknown ? { severity: 'info' as const } : {}),
        data: { problem: `IP whitelist cannot be compared with expectedIps: the exchange masks it (${list.value.join(', ')})` },
      });
      return;
    }
    const extra = list.value.filter((ip) => !ipInAny(ip, expected));
    if (extra.length > 0) ctx.report({ key: extra.join(','), data: { problem: `key is whitelisted to IPs outside expectedIps: ${extra.join(', ')}` } });
  },
});
