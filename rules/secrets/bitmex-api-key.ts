/**
 * BitMEX API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = 24 characters, secret = 48 characters (BitMEX closed 2026-09-23; old keys still leak from history).
 * A value counts when the variable names BitMEX (`BITMEX_API_SECRET=…`) or, with a
 * documented shape, when BitMEX is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: 24 characters (TruffleHog)
  /^[0-9a-zA-Z_-]{24}$/,
  // secret: 48 characters
  /^[0-9a-zA-Z_-]{48}$/,
];

export default defineSecretRule({
  meta: {
    name: 'bitmex-api-key',
    description: 'BitMEX API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'BitMEX API key or secret in plaintext ({{excerpt}})',
    fix: 'BitMEX closed on 2026-09-23: remove the key from the file and from history; if the account still exists, delete the key there.',
  },
  keywords: exchangeKeywords('bitmex'),
  pattern: exchangePattern(),
  context: exchangeContext('bitmex'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'bitmex', shapes }),
  samples: (fake) => {
    const key = fake.alnum(24);
    const secret = fake.alnum(48);
    return {
      positive: [
        `BITMEX_API_KEY=${key}`,
        `bitmex_api_secret: "${secret}"`,
        `client = bitmex.bitmex(test=False, api_key="${key}", api_secret="${secret}")`,
        `{"exchange": {"name": "bitmex", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'BITMEX_API_KEY=your_api_key_here',
        'BITMEX_API_SECRET=${BITMEX_API_SECRET}',
        'apiKey: process.env.BITMEX_API_KEY,',
        'bitmex_secret = os.environ["BITMEX_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `BITMEX_API_KEY_ID=${fake.hex(40)}`,
        `BITMEX_API_SECRET=${'x'.repeat(secret.length)}`,
        `# BitMEX\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('bitmex'),
});
