/**
 * A key that can move funds between accounts. Moves between the account's own wallets (internal)
 * never leave the account, so alone they are only `info` (../../../shared/spec/exchanges.md §1).
 */
import { defineKeyRule } from '../../src/core/define-rule.js';

export default defineKeyRule({
  meta: {
    name: 'transfer-enabled',
    description: 'exchange API key can transfer funds to other accounts',
    severity: 'high',
    recommended: true,
    message: 'key can transfer funds: {{kinds}} (exchange field {{source}})',
    fix: 'Remove the transfer permission (sub-account / universal transfer) from the key, or replace the key with one that lacks it.',
  },
  check(facts, ctx) {
    const t = facts.canTransfer;
    const risky: string[] = [];
    if (t.subAccount.value === true) risky.push('between master and sub-accounts');
    if (t.universal.value === true) risky.push('universal transfer');
    // A transfer permission the exchange does not break down could reach other accounts.
    if (risky.length === 0 && t.any.value === true && t.internal.value !== true) risky.push('transfer (kind not broken down by the exchange)');
    if (risky.length > 0) {
      const source = [t.subAccount, t.universal, t.any].find((f) => f.value === true)?.source ?? 'unknown';
      ctx.report({ data: { kinds: risky.join(', '), source } });
    } else if (t.internal.value === true) {
      ctx.report({ severity: 'info', key: 'internal', data: { kinds: "between the account's own wallets only (funds stay in the account)", source: t.internal.source ?? 'unknown' } });
    }
  },
});
