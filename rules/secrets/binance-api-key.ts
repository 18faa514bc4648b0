/**
 * Binance API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): 64 alphanumerics for both key and HMAC secret (Ed25519/RSA secrets are PEM: see `pem-private-key`).
 * A value counts when the variable names Binance (`BINANCE_API_SECRET=…`) or, with a
 * documented shape, when Binance is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key and HMAC secret: 64 alphanumerics (developers.binance.com "API Key Setup"; samples are 62–64 long)
  /^[A-Za-z0-9]{62,64}$/,
];

export default defineSecretRule({
  meta: {
    name: 'binance-api-key',
    description: 'Binance API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Binance API key or secret in plaintext ({{excerpt}})',
    fix: 'Revoke the key on Binance (API Management), create a new IP-restricted trade-only key, and load it from the environment or `keyaudit keys add` instead of the file.',
  },
  keywords: exchangeKeywords('binance'),
  pattern: exchangePattern(),
  context: exchangeContext('binance'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'binance', shapes }),
  samples: (fake) => {
    const key = fake.alnum(64);
    const secret = fake.alnum(64);
    return {
      positive: [
        `BINANCE_API_KEY=${key}`,
        `binance_api_secret: "${secret}"`,
        `exchange = ccxt.binance({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "binance", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'BINANCE_API_KEY=your_api_key_here',
        'BINANCE_API_SECRET=${BINANCE_API_SECRET}',
        'apiKey: process.env.BINANCE_API_KEY,',
        'binance_secret = os.environ["BINANCE_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `BINANCE_API_KEY_ID=${fake.hex(40)}`,
        `BINANCE_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Binance\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('binance'),
});
