/** A key (or, on Binance, its trading authority) that has expired or expires soon. */
import * as z from 'zod/mini';
import { defineKeyRule } from '../../src/core/define-rule.js';

const DAY_MS = 86_400_000;

/** Expiry fields that date something other than the key itself. */
const SUBJECT: Readonly<Record<string, string>> = {
  // Binance: the lapse of an unrestricted key's trading permission (exchanges.md §3).
  tradingAuthorityExpirationTime: "key's trading permission",
};

export default defineKeyRule({
  meta: {
    name: 'key-expiring',
    description: 'exchange API key has expired or expires soon',
    severity: 'high',
    recommended: true,
    message: '{{what}} (exchange field {{source}})',
    fix: 'Create a replacement key before the expiry date (or extend it in the exchange settings) and rotate the bot to it.',
  },
  options: z.strictObject({ withinDays: z._default(z.number().check(z.int(), z.positive()), 14) }),
  check(facts, ctx) {
    const value = facts.expiresAt.value;
    if (value === 'unknown' || value === 'none') return;
    const t = Date.parse(value);
    if (!Number.isFinite(t)) return;
    const source = facts.expiresAt.source ?? 'unknown';
    const approx = facts.expiresAt.approximate === true ? ' (approximate)' : '';
    const subject = SUBJECT[source] ?? 'key';
    if (t <= ctx.now.getTime()) {
      ctx.report({ key: 'expired', data: { what: `${subject} expired on ${value.slice(0, 10)}${approx}`, source } });
      return;
    }
    const days = Math.ceil((t - ctx.now.getTime()) / DAY_MS);
    if (days <= ctx.options.withinDays) {
      ctx.report({ key: 'expiring', severity: 'medium', data: { what: `${subject} expires in ${days} day(s), on ${value.slice(0, 10)}${approx}`, source } });
    }
  },
});
