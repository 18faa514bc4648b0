/**
 * HTX (Huobi) API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): access key and secret = `xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxx` (lower-case alphanumerics).
 * A value counts when the variable names HTX (Huobi) (`HTX_API_SECRET=…`) or, with a
 * documented shape, when HTX (Huobi) is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // access key and secret key: 8-8-8-5..10 lower-case alphanumerics (HTX docs example)
  /^[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{8}-[0-9a-z]{5,10}$/,
];

export default defineSecretRule({
  meta: {
    name: 'htx-api-key',
    description: 'HTX (Huobi) API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'HTX (Huobi) API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on HTX (API Management), create a new IP-bound key without withdrawal permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('htx'),
  pattern: exchangePattern(),
  context: exchangeContext('htx'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'htx', shapes }),
  samples: (fake) => {
    const key = `${fake.hex(8)}-${fake.hex(8)}-${fake.hex(8)}-${fake.hex(5)}`;
    const secret = `${fake.hex(8)}-${fake.hex(8)}-${fake.hex(8)}-${fake.hex(5)}`;
    return {
      positive: [
        `HTX_API_KEY=${key}`,
        `htx_api_secret: "${secret}"`,
        `exchange = ccxt.htx({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "htx", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'HTX_API_KEY=your_api_key_here',
        'HTX_API_SECRET=${HTX_API_SECRET}',
        'apiKey: process.env.HTX_API_KEY,',
        'htx_secret = os.environ["HTX_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `HTX_API_KEY_ID=${fake.hex(40)}`,
        `HTX_API_SECRET=${'x'.repeat(secret.length)}`,
        `# HTX (Huobi)\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('htx'),
});
