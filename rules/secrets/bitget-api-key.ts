/**
 * Bitget API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = `bg_` + 32 hex, secret = 64 hex, passphrase.
 * A value counts when the variable names Bitget (`BITGET_API_SECRET=…`) or, with a
 * documented shape, when Bitget is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // API key: `bg_` + 32 hex (third-party samples)
  /^bg_[0-9a-f]{32}$/,
  // secret: 64 hex
  /^[0-9a-f]{64}$/,
];

export default defineSecretRule({
  meta: {
    name: 'bitget-api-key',
    description: 'Bitget API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Bitget API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on Bitget (API management), create a new IP-bound key without withdrawal or transfer permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('bitget'),
  pattern: exchangePattern(),
  context: exchangeContext('bitget'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'bitget', shapes, passphrase: true }),
  samples: (fake) => {
    const key = `bg_${fake.hex(32)}`;
    const secret = fake.hex(64);
    return {
      positive: [
        `BITGET_API_KEY=${key}`,
        `bitget_api_secret: "${secret}"`,
        `exchange = ccxt.bitget({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "bitget", "key": "${key}", "secret": "${secret}"}}`,
        `BITGET_PASSPHRASE=Tr4d${fake.alnum(6)}-x!`,
      ],
      negative: [
        'BITGET_API_KEY=your_api_key_here',
        'BITGET_API_SECRET=${BITGET_API_SECRET}',
        'apiKey: process.env.BITGET_API_KEY,',
        'bitget_secret = os.environ["BITGET_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `BITGET_API_KEY_ID=${fake.hex(40)}`,
        `BITGET_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Bitget\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('bitget'),
});
