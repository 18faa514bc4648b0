/**
 * MEXC API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): access key = `mx0` + 15 alphanumerics, secret = 32 hex (unverified).
 * A value counts when the variable names MEXC (`MEXC_API_SECRET=…`) or, with a
 * documented shape, when MEXC is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // access key: `mx0` + 15 alphanumerics (MEXC docs sample)
  /^mx0[A-Za-z0-9]{15}$/,
  // secret: 32 hex (unverified)
  /^[0-9a-f]{32}$/,
];

export default defineSecretRule({
  meta: {
    name: 'mexc-api-key',
    description: 'MEXC API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'MEXC API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on MEXC (API Management), create a new IP-bound key without withdrawal permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('mexc'),
  pattern: exchangePattern(),
  context: exchangeContext('mexc'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'mexc', shapes }),
  samples: (fake) => {
    const key = `mx0${fake.alnum(15)}`;
    const secret = fake.hex(32);
    return {
      positive: [
        `MEXC_API_KEY=${key}`,
        `mexc_api_secret: "${secret}"`,
        `exchange = ccxt.mexc({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "mexc", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'MEXC_API_KEY=your_api_key_here',
        'MEXC_API_SECRET=${MEXC_API_SECRET}',
        'apiKey: process.env.MEXC_API_KEY,',
        'mexc_secret = os.environ["MEXC_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `MEXC_API_KEY_ID=${fake.hex(40)}`,
        `MEXC_API_SECRET=${'x'.repeat(secret.length)}`,
        `# MEXC\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('mexc'),
});
