/**
 * Bitstamp API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): 32 alphanumerics (unverified).
 * A value counts when the variable names Bitstamp (`BITSTAMP_API_SECRET=…`) or, with a
 * documented shape, when Bitstamp is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key and secret: 32 alphanumerics (unverified: observed keys)
  /^[A-Za-z0-9]{32}$/,
];

export default defineSecretRule({
  meta: {
    name: 'bitstamp-api-key',
    description: 'Bitstamp API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Bitstamp API key or secret in plaintext ({{excerpt}})',
    fix: 'Deactivate the key on Bitstamp (Settings → API access), create a new IP-bound key without withdrawal permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('bitstamp'),
  pattern: exchangePattern(),
  context: exchangeContext('bitstamp'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'bitstamp', shapes }),
  samples: (fake) => {
    const key = fake.alnum(32);
    const secret = fake.alnum(32);
    return {
      positive: [
        `BITSTAMP_API_KEY=${key}`,
        `bitstamp_api_secret: "${secret}"`,
        `exchange = ccxt.bitstamp({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "bitstamp", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'BITSTAMP_API_KEY=your_api_key_here',
        'BITSTAMP_API_SECRET=${BITSTAMP_API_SECRET}',
        'apiKey: process.env.BITSTAMP_API_KEY,',
        'bitstamp_secret = os.environ["BITSTAMP_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `BITSTAMP_API_KEY_ID=${fake.hex(40)}`,
        `BITSTAMP_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Bitstamp\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('bitstamp'),
});
