/**
 * Deribit API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): client id = 8–10 characters, client secret = 43 URL-safe base64 characters.
 * A value counts when the variable names Deribit (`DERIBIT_API_SECRET=…`) or, with a
 * documented shape, when Deribit is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // client id: 8–10 characters (Deribit docs example)
  /^[A-Za-z0-9_-]{8,10}$/,
  // client secret: 43 URL-safe base64 characters
  /^[A-Za-z0-9_-]{43}$/,
];

export default defineSecretRule({
  meta: {
    name: 'deribit-api-key',
    description: 'Deribit API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Deribit API key or secret in plaintext ({{excerpt}})',
    fix: 'Remove the key on Deribit (Account → API), create a new one without wallet:read_write scope, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('deribit'),
  pattern: exchangePattern(),
  context: exchangeContext('deribit'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'deribit', shapes }),
  samples: (fake) => {
    const key = fake.alnum(8);
    const secret = fake.alnum(43);
    return {
      positive: [
        `DERIBIT_API_KEY=${key}`,
        `deribit_api_secret: "${secret}"`,
        `exchange = ccxt.deribit({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "deribit", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'DERIBIT_API_KEY=your_api_key_here',
        'DERIBIT_API_SECRET=${DERIBIT_API_SECRET}',
        'apiKey: process.env.DERIBIT_API_KEY,',
        'deribit_secret = os.environ["DERIBIT_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `DERIBIT_API_KEY_ID=${fake.hex(40)}`,
        `DERIBIT_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Deribit\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('deribit'),
});
