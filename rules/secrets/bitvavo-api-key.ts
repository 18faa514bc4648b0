/**
 * Bitvavo API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = 64 hex, secret = 128 hex (unverified).
 * A value counts when the variable names Bitvavo (`BITVAVO_API_SECRET=…`) or, with a
 * documented shape, when Bitvavo is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: 64 hex (unverified: observed keys)
  /^[0-9a-f]{64}$/,
  // secret: 128 hex (unverified)
  /^[0-9a-f]{128}$/,
];

export default defineSecretRule({
  meta: {
    name: 'bitvavo-api-key',
    description: 'Bitvavo API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Bitvavo API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on Bitvavo (Settings → API), create a new IP-bound key without withdrawal permission (API withdrawals bypass 2FA), and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('bitvavo'),
  pattern: exchangePattern(),
  context: exchangeContext('bitvavo'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'bitvavo', shapes }),
  samples: (fake) => {
    const key = fake.hex(64);
    const secret = fake.hex(128);
    return {
      positive: [
        `BITVAVO_API_KEY=${key}`,
        `bitvavo_api_secret: "${secret}"`,
        `exchange = ccxt.bitvavo({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "bitvavo", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'BITVAVO_API_KEY=your_api_key_here',
        'BITVAVO_API_SECRET=${BITVAVO_API_SECRET}',
        'apiKey: process.env.BITVAVO_API_KEY,',
        'bitvavo_secret = os.environ["BITVAVO_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `BITVAVO_API_KEY_ID=${fake.hex(40)}`,
        `BITVAVO_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Bitvavo\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('bitvavo'),
});
