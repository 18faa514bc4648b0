/**
 * KuCoin API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = 24 hex, secret = UUID, passphrase 7–32 characters.
 * A value counts when the variable names KuCoin (`KUCOIN_API_SECRET=…`) or, with a
 * documented shape, when KuCoin is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: 24 hex (KuCoin docs example)
  /^[0-9a-f]{24}$/,
  // secret: UUID
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
];

export default defineSecretRule({
  meta: {
    name: 'kucoin-api-key',
    description: 'KuCoin API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'KuCoin API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on KuCoin (API Management), create a new IP-bound key without Transfer/Withdrawal, and load key, secret and passphrase from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('kucoin'),
  pattern: exchangePattern(),
  context: exchangeContext('kucoin'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'kucoin', shapes, passphrase: true }),
  samples: (fake) => {
    const key = fake.hex(24);
    const secret = fake.uuid();
    return {
      positive: [
        `KUCOIN_API_KEY=${key}`,
        `kucoin_api_secret: "${secret}"`,
        `exchange = ccxt.kucoin({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "kucoin", "key": "${key}", "secret": "${secret}"}}`,
        `KUCOIN_PASSPHRASE=Tr4d${fake.alnum(6)}-x!`,
      ],
      negative: [
        'KUCOIN_API_KEY=your_api_key_here',
        'KUCOIN_API_SECRET=${KUCOIN_API_SECRET}',
        'apiKey: process.env.KUCOIN_API_KEY,',
        'kucoin_secret = os.environ["KUCOIN_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `KUCOIN_API_KEY_ID=${fake.hex(40)}`,
        `KUCOIN_API_SECRET=${'x'.repeat(secret.length)}`,
        `# KuCoin\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('kucoin'),
});
