/**
 * OKX API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = lower-case UUID, secret = 32 upper-case hex, passphrase 8–32 characters.
 * A value counts when the variable names OKX (`OKX_API_SECRET=…`) or, with a
 * documented shape, when OKX is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: lower-case UUID (third-party samples)
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  // secret: 32 upper-case hex (OKX docs example)
  /^[0-9A-F]{32}$/,
];

export default defineSecretRule({
  meta: {
    name: 'okx-api-key',
    description: 'OKX API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'OKX API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on OKX (API management), create a new one bound to your IPs with only the permissions the bot needs, and load key, secret and passphrase from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('okx'),
  pattern: exchangePattern(),
  context: exchangeContext('okx'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'okx', shapes, passphrase: true }),
  samples: (fake) => {
    const key = fake.uuid();
    const secret = fake.upperHex(32);
    return {
      positive: [
        `OKX_API_KEY=${key}`,
        `okx_api_secret: "${secret}"`,
        `exchange = ccxt.okx({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "okx", "key": "${key}", "secret": "${secret}"}}`,
        `OKX_PASSPHRASE=Tr4d${fake.alnum(6)}-x!`,
      ],
      negative: [
        'OKX_API_KEY=your_api_key_here',
        'OKX_API_SECRET=${OKX_API_SECRET}',
        'apiKey: process.env.OKX_API_KEY,',
        'okx_secret = os.environ["OKX_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `OKX_API_KEY_ID=${fake.hex(40)}`,
        `OKX_API_SECRET=${'x'.repeat(secret.length)}`,
        `# OKX\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('okx'),
});
