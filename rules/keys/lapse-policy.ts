/**
 * Exchange-side policies that will disable a key the bot relies on (../../../shared/spec/exchanges.md
 * §4): unbound (not IP-whitelisted) keys expire or lose trading on OKX, Bybit, HTX, KuCoin and
 * Binance. Notes an adapter attaches to the facts (e.g. a third-party key) are reported as info.
 */
import { defineKeyRule } from '../../src/core/define-rule.js';
import type { KeyFacts } from '../../src/core/key-facts.js';

interface Policy {
  applies: (facts: KeyFacts) => boolean;
  text: (facts: KeyFacts) => string;
  source: string;
}

const unbound = (f: KeyFacts): boolean => f.ipRestricted.value === false;
const trades = (f: KeyFacts): boolean => f.canTrade.any.value === true;

const POLICIES: Record<string, Policy> = {
  binance: {
    applies: (f) => unbound(f) && (f.canTrade.spot.value === true || f.canTrade.margin.value === true),
    text: (f) =>
      `Binance: without an IP whitelist the spot & margin trading permission lapses 30 days after activation${
        f.expiresAt.source === 'tradingAuthorityExpirationTime' && f.expiresAt.value !== 'unknown' && f.expiresAt.value !== 'none' ? ` (on ${f.expiresAt.value.slice(0, 10)})` : ''
      }`,
    source: 'https://www.binance.com/en-IN/support/announcement/cda0a4b53da04396b5d27881e93abf78',
  },
  okx: {
    applies: (f) => unbound(f) && (trades(f) || f.canWithdraw.value === true),
    text: () => 'OKX: a key with trade/withdraw permission and no IP binding expires after 14 days without authenticated use',
    source: 'https://www.okx.com/docs-v5/en/',
  },
  bybit: {
    applies: unbound,
    text: (f) =>
      `Bybit: a key without IP binding becomes invalid after 90 days (and 7 days after a password change)${
        f.expiresAt.value !== 'unknown' && f.expiresAt.value !== 'none' ? `; expiredAt ${f.expiresAt.value.slice(0, 10)}` : ''
      }`,
    source: 'https://bybit-exchange.github.io/docs/v5/user/create-subuid-apikey',
  },
  htx: {
    applies: unbound,
    text: () => 'HTX: a key without IP binding expires after 90 days',
    source: 'https://huobiapi.github.io/docs/spot/v1/en/',
  },
  kucoin: {
    applies: (f) => unbound(f) && trades(f),
    text: () => 'KuCoin: a trading key without IP binding is deleted or loses trading after 30 days of inactivity',
    source: 'https://www.kucoin.com/support/360015102174',
  },
};

// OKX's regional sites (my.okx.com, OKX US) run the same key policy.
POLICIES.myokx = POLICIES.okx as Policy;
POLICIES.okxus = POLICIES.okx as Policy;

export default defineKeyRule({
  meta: {
    name: 'lapse-policy',
    description: 'an exchange policy will expire or restrict the key',
    severity: 'medium',
    recommended: true,
    message: '{{text}} ({{source}})',
    fix: "Bind the key to your bot's IP address(es); exchanges do not expire or restrict IP-bound keys this way.",
  },
  check(facts, ctx) {
    const policy = POLICIES[facts.exchange];
    if (policy?.applies(facts) === true) ctx.report({ key: facts.exchange, data: { text: policy.text(facts), source: policy.source } });
    for (const note of facts.policyNotes) ctx.report({ key: note.id, severity: 'info', data: { text: note.text, source: note.source } });
  },
});
