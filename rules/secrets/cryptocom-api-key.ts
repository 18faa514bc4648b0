/**
 * Crypto.com API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): 20–32 alphanumerics (unverified; no published format).
 * A value counts when the variable names Crypto.com (`CRYPTOCOM_API_SECRET=…`) or, with a
 * documented shape, when Crypto.com is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key and secret: 20–32 alphanumerics (unverified: observed keys)
  /^[A-Za-z0-9]{20,32}$/,
];

export default defineSecretRule({
  meta: {
    name: 'cryptocom-api-key',
    description: 'Crypto.com API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Crypto.com API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key in the Crypto.com Exchange (Settings → API Keys), create a new IP-bound key without withdrawal permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('cryptocom'),
  pattern: exchangePattern(),
  context: exchangeContext('cryptocom'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'cryptocom', shapes }),
  samples: (fake) => {
    const key = fake.alnum(22);
    const secret = fake.alnum(24);
    return {
      positive: [
        `CRYPTOCOM_API_KEY=${key}`,
        `cryptocom_api_secret: "${secret}"`,
        `exchange = ccxt.cryptocom({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "cryptocom", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'CRYPTOCOM_API_KEY=your_api_key_here',
        'CRYPTOCOM_API_SECRET=${CRYPTOCOM_API_SECRET}',
        'apiKey: process.env.CRYPTOCOM_API_KEY,',
        'cryptocom_secret = os.environ["CRYPTOCOM_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `CRYPTOCOM_API_KEY_ID=${fake.hex(40)}`,
        `CRYPTOCOM_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Crypto.com\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('cryptocom'),
});
