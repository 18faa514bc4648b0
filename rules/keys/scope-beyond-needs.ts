/** Trading scopes enabled beyond what the account declares it needs (`needs: ["spot"]`). */
import { defineKeyRule } from '../../src/core/define-rule.js';

const SCOPES = ['spot', 'margin', 'futures', 'options'] as const;

export default defineKeyRule({
  meta: {
    name: 'scope-beyond-needs',
    description: 'exchange API key has trading scopes the account does not need',
    severity: 'medium',
    recommended: true,
    message: 'key can trade {{scopes}}, beyond the declared needs ({{needs}})',
    fix: 'Disable the extra trading scopes on the key, or add them to the account\'s `needs` if the bot uses them.',
  },
  check(facts, ctx) {
    const needs = ctx.account.needs;
    if (needs === undefined) return;
    const extra = SCOPES.filter((s) => !needs.includes(s) && facts.canTrade[s].value === true);
    if (extra.length > 0) ctx.report({ key: extra.join(','), data: { scopes: extra.join(', '), needs: needs.length === 0 ? 'none' : needs.join(', ') } });
  },
});
