/** A key usable from any IP address: a leaked copy works from anywhere. */
import { defineKeyRule } from '../../src/core/define-rule.js';

export default defineKeyRule({
  meta: {
    name: 'ip-whitelist-missing',
    description: 'exchange API key is not restricted to IP addresses',
    severity: 'high',
    recommended: true,
    message: 'key is not IP-whitelisted: it works from any address (exchange field {{source}})',
    fix: "Bind the key to your bot's server IP(s) in the exchange's API settings, then list them under expectedIps in the config.",
  },
  check(facts, ctx) {
    if (facts.ipRestricted.value === false) ctx.report({ data: { source: facts.ipRestricted.source ?? 'unknown' } });
  },
});
