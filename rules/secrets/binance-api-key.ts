/**
 * Binance API key or HMAC secret: 64 alphanumeric characters (developers.binance.com "API Key
 * Setup"; samples are 62-64 long), found as a value assigned to a key/secret-named variable with
 * "binance" on the same line or shortly before (ccxt constructor, freqtrade config, .env).
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { assignmentPattern, mixedAlnum } from './lib/patterns.js';

export default defineSecretRule({
  meta: {
    name: 'binance-api-key',
    description: 'Binance API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Binance API key or secret in plaintext ({{excerpt}})',
    fix: 'Revoke the key on Binance (API Management), create a new IP-restricted trade-only key, and load it from the environment or `keyaudit keys add` instead of the file.',
  },
  keywords: ['binance'],
  pattern: assignmentPattern('[A-Za-z0-9]{62,64}', 'A-Za-z0-9'),
  context: /binance/i,
  contextWindow: 400,
  minEntropy: 4.2,
  validate: mixedAlnum,
  samples: (fake) => {
    const key = fake.alnum(64);
    const secret = fake.alnum(64);
    return {
      positive: [
        `BINANCE_API_KEY=${key}`,
        `binance_secret: "${secret}"`,
        `exchange = ccxt.binance({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "binance", "key": "${key}", "secret": "${secret}"}}`,
      ],
      negative: [
        'BINANCE_API_KEY=your_api_key_here',
        'BINANCE_API_KEY=${BINANCE_API_KEY}',
        'apiKey: process.env.BINANCE_API_KEY',
        `BINANCE_CHECKSUM=${fake.hex(64)}`,
        `OTHER_API_KEY=${key}`,
        'binance_secret = os.environ["BINANCE_SECRET"]',
        `BINANCE_API_KEY=${'x'.repeat(64)}`,
      ],
    };
  },
});
