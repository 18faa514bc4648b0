/**
 * Gate API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): key = 32 hex, secret = 64 hex (unverified; the exchange publishes no format).
 * A value counts when the variable names Gate (`GATE_API_SECRET=…`) or, with a
 * documented shape, when Gate is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // APIv4 key: 32 hex (unverified: observed keys)
  /^[0-9a-f]{32}$/,
  // APIv4 secret: 64 hex (unverified)
  /^[0-9a-f]{64}$/,
];

export default defineSecretRule({
  meta: {
    name: 'gate-api-key',
    description: 'Gate API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Gate API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key on Gate (API Management), create a new IP-bound key without withdrawal permission, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('gate'),
  pattern: exchangePattern(),
  context: exchangeContext('gate'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'gate', shapes }),
  samples: (fake) => {
    const key = fake.hex(32);
    const secret = fake.hex(64);
    return {
      positive: [
        `GATE_API_KEY=${key}`,
        `gate_api_secret: "${secret}"`,
        `exchange = ccxt.gate({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "gate", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'GATE_API_KEY=your_api_key_here',
        'GATE_API_SECRET=${GATE_API_SECRET}',
        'apiKey: process.env.GATE_API_KEY,',
        'gate_secret = os.environ["GATE_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `GATE_API_KEY_ID=${fake.hex(40)}`,
        `GATE_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Gate\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('gate'),
});
