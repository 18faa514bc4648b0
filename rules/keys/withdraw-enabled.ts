/** A key that can withdraw funds: whoever holds it can empty the account. */
import { defineKeyRule } from '../../src/core/define-rule.js';

export default defineKeyRule({
  meta: {
    name: 'withdraw-enabled',
    description: 'exchange API key can withdraw funds',
    severity: 'critical',
    recommended: true,
    message: 'key can withdraw funds (exchange field {{source}})',
    fix: "Create a new key without the withdrawal permission in the exchange's API settings, switch the bot to it and delete this one.",
  },
  check(facts, ctx) {
    if (facts.canWithdraw.value === true) ctx.report({ data: { source: facts.canWithdraw.source ?? 'unknown' } });
  },
});
