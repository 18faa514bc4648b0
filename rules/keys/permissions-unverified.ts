/**
 * Fail closed: when the exchange did not say whether a key can withdraw or transfer, the key is
 * treated as unsafe. `--allow-unknown` downgrades this to info.
 */
import { defineKeyRule } from '../../src/core/define-rule.js';
import { REASON_TEXT, type Tri } from '../../src/core/key-facts.js';

const why = (fact: Tri): string => `${fact.reason === undefined ? 'unknown' : REASON_TEXT[fact.reason]}${fact.detail === undefined ? '' : ` (${fact.detail})`}`;

export default defineKeyRule({
  meta: {
    name: 'permissions-unverified',
    description: 'whether the exchange API key can move funds could not be verified',
    severity: 'high',
    recommended: true,
    message: 'permissions could not be verified — {{facts}}',
    fix: 'Check the reason: fix the credentials, grant the read permission the introspection call needs, or allow this IP; run with --allow-unknown to accept unverifiable keys.',
  },
  check(facts, ctx) {
    const withdraw = facts.canWithdraw.value === 'unknown' ? why(facts.canWithdraw) : null;
    const transfer = facts.canTransfer.any.value === 'unknown' ? why(facts.canTransfer.any) : null;
    if (withdraw === null && transfer === null) return;
    // One reason for both (a failed call) is said once.
    const text =
      withdraw !== null && transfer !== null
        ? withdraw === transfer
          ? `withdraw and transfer: ${withdraw}`
          : `withdraw: ${withdraw}; transfer: ${transfer}`
        : withdraw !== null
          ? `withdraw: ${withdraw}`
          : `transfer: ${transfer ?? ''}`;
    ctx.report({ ...(ctx.allowUnknown ? { severity: 'info' as const } : {}), data: { facts: text } });
  },
});
