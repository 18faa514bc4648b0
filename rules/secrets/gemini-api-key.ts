/**
 * Gemini API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = `master-`/`account-` + 20 alphanumerics, secret = 27–28 alphanumerics. Google Gemini (AI) keys (`AIza…`) are not this rule.
 * A value counts when the variable names Gemini (`GEMINI_API_SECRET=…`) or, with a
 * documented shape, when Gemini is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: optional master-/account- + 20 alphanumerics (TruffleHog)
  /^(?:master-|account-)[0-9A-Za-z]{20}$/,
  // API key without prefix
  /^[0-9A-Za-z]{20}$/,
  // secret: 27–28 alphanumerics
  /^[A-Za-z0-9]{27,28}$/,
];

export default defineSecretRule({
  meta: {
    name: 'gemini-api-key',
    description: 'Gemini API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Gemini API key or secret in plaintext ({{excerpt}})',
    fix: 'Revoke the key on Gemini (Settings → API), create a new one without the Fund Manager role, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('gemini'),
  pattern: exchangePattern(),
  context: exchangeContext('gemini'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'gemini', shapes, notThis: /^AIza/ }),
  samples: (fake) => {
    const key = `account-${fake.alnum(20)}`;
    const secret = fake.alnum(28);
    return {
      positive: [
        `GEMINI_API_KEY=${key}`,
        `gemini_api_secret: "${secret}"`,
        `exchange = ccxt.gemini({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "gemini", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'GEMINI_API_KEY=your_api_key_here',
        'GEMINI_API_SECRET=${GEMINI_API_SECRET}',
        'apiKey: process.env.GEMINI_API_KEY,',
        'gemini_secret = os.environ["GEMINI_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `GEMINI_API_KEY_ID=${fake.hex(40)}`,
        `GEMINI_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Gemini\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('gemini'),
});
