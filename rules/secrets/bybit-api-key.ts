/**
 * Bybit API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = 18 alphanumerics, HMAC secret = 36 alphanumerics (RSA secrets are PEM: see `pem-private-key`).
 * A value counts when the variable names Bybit (`BYBIT_API_SECRET=…`) or, with a
 * documented shape, when Bybit is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: 18 alphanumerics (inference from issued keys)
  /^[A-Za-z0-9]{18}$/,
  // HMAC secret: 36 alphanumerics
  /^[A-Za-z0-9]{36}$/,
];

export default defineSecretRule({
  meta: {
    name: 'bybit-api-key',
    description: 'Bybit API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Bybit API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on Bybit (API management), create a new IP-bound key without withdrawal or transfer permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('bybit'),
  pattern: exchangePattern(),
  context: exchangeContext('bybit'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'bybit', shapes }),
  samples: (fake) => {
    const key = fake.alnum(18);
    const secret = fake.alnum(36);
    return {
      positive: [
        `BYBIT_API_KEY=${key}`,
        `bybit_api_secret: "${secret}"`,
        `exchange = ccxt.bybit({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "bybit", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'BYBIT_API_KEY=your_api_key_here',
        'BYBIT_API_SECRET=${BYBIT_API_SECRET}',
        'apiKey: process.env.BYBIT_API_KEY,',
        'bybit_secret = os.environ["BYBIT_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `BYBIT_API_KEY_ID=${fake.hex(40)}`,
        `BYBIT_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Bybit\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('bybit'),
});
