/**
 * Bitfinex API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key and secret = 43 URL-safe base64 characters.
 * A value counts when the variable names Bitfinex (`BITFINEX_API_SECRET=…`) or, with a
 * documented shape, when Bitfinex is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key and secret: 43 URL-safe base64 characters (TruffleHog)
  /^[A-Za-z0-9_-]{43}$/,
];

export default defineSecretRule({
  meta: {
    name: 'bitfinex-api-key',
    description: 'Bitfinex API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Bitfinex API key or secret in plaintext ({{excerpt}})',
    fix: 'Revoke the key on Bitfinex (API Keys), create a new one without withdrawal or wallet-transfer write permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('bitfinex'),
  pattern: exchangePattern(),
  context: exchangeContext('bitfinex'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'bitfinex', shapes }),
  samples: (fake) => {
    const key = fake.alnum(43);
    const secret = fake.alnum(43);
    return {
      positive: [
        `BITFINEX_API_KEY=${key}`,
        `bitfinex_api_secret: "${secret}"`,
        `exchange = ccxt.bitfinex({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "bitfinex", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'BITFINEX_API_KEY=your_api_key_here',
        'BITFINEX_API_SECRET=${BITFINEX_API_SECRET}',
        'apiKey: process.env.BITFINEX_API_KEY,',
        'bitfinex_secret = os.environ["BITFINEX_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `BITFINEX_API_KEY_ID=${fake.hex(40)}`,
        `BITFINEX_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Bitfinex\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('bitfinex'),
});
