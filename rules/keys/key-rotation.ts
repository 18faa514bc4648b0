/**
 * A key older than its rotation window. When the exchange gives no creation date, the local store's
 * rotated/added date stands in, and the message says so.
 */
import * as z from 'zod/mini';
import { defineKeyRule } from '../../src/core/define-rule.js';

const DAY_MS = 86_400_000;

export default defineKeyRule({
  meta: {
    name: 'key-rotation',
    description: 'exchange API key is older than its rotation window',
    severity: 'medium',
    recommended: true,
    message: 'key is {{age}} days old ({{basis}}), past the {{max}}-day rotation window',
    fix: 'Create a new key with the same (minimal) permissions, switch the bot to it, delete the old key, then `keyaudit keys rotate <name>`.',
  },
  options: z.strictObject({ maxAgeDays: z._default(z.number().check(z.int(), z.positive()), 90) }),
  check(facts, ctx) {
    let basis: string;
    let since: string | null | undefined;
    if (facts.createdAt.value !== 'unknown' && facts.createdAt.value !== 'none') {
      since = facts.createdAt.value;
      basis = `created ${since.slice(0, 10)} per the exchange`;
    } else if (ctx.account.storeRotatedAt) {
      since = ctx.account.storeRotatedAt;
      basis = `the exchange gives no creation date; last rotated ${since.slice(0, 10)} per the local store`;
    } else if (ctx.account.storeAddedAt) {
      since = ctx.account.storeAddedAt;
      basis = `the exchange gives no creation date; added ${since.slice(0, 10)} per the local store`;
    } else return;
    const t = Date.parse(since);
    if (!Number.isFinite(t)) return;
    const age = Math.floor((ctx.now.getTime() - t) / DAY_MS);
    if (age > ctx.options.maxAgeDays) ctx.report({ data: { age, basis, max: ctx.options.maxAgeDays } });
  },
});
