/**
 * Kraken API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = 56 base64-alphabet characters, private key = 88 base64 characters (64 bytes).
 * A value counts when the variable names Kraken (`KRAKEN_API_SECRET=…`) or, with a
 * documented shape, when Kraken is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: 56 base64-alphabet characters (TruffleHog, docs example)
  /^[A-Za-z0-9+/]{56}$/,
  // private key: base64 of 64 bytes (docs: "base64-decoded secret")
  /^[A-Za-z0-9+/]{86}==$/,
];

export default defineSecretRule({
  meta: {
    name: 'kraken-api-key',
    description: 'Kraken API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Kraken API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on Kraken (Settings → API), create a new one without Withdraw Funds permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('kraken'),
  pattern: exchangePattern(),
  context: exchangeContext('kraken'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'kraken', shapes }),
  samples: (fake) => {
    const key = fake.fromB64Alphabet(56);
    const secret = fake.base64(64);
    return {
      positive: [
        `KRAKEN_API_KEY=${key}`,
        `kraken_api_secret: "${secret}"`,
        `exchange = ccxt.kraken({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "kraken", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'KRAKEN_API_KEY=your_api_key_here',
        'KRAKEN_API_SECRET=${KRAKEN_API_SECRET}',
        'apiKey: process.env.KRAKEN_API_KEY,',
        'kraken_secret = os.environ["KRAKEN_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `KRAKEN_API_KEY_ID=${fake.hex(40)}`,
        `KRAKEN_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Kraken\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('kraken'),
});
