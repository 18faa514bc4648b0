/**
 * Coinbase API credentials in plaintext. Shapes (../../../shared/spec/exchanges.md §5): CDP key name `organizations/<uuid>/apiKeys/<uuid>` or UUID, Ed25519 secret = 88 base64 characters; legacy v2 keys 16/32 alphanumerics; Coinbase Pro key 32 hex, secret 88 base64, passphrase. CDP JSON key files with an EC PEM are `coinbase-cdp-key`.
 * A value counts when the variable names Coinbase (`COINBASE_API_SECRET=…`) or, with a
 * documented shape, when Coinbase is mentioned shortly before (ccxt constructor, freqtrade
 * `exchange` block, YAML section). Shared logic: ./lib/exchange.ts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { exchangeContext, exchangeKeywords, exchangePattern, exchangeScope, exchangeValidate } from './lib/exchange.js';

const shapes = [
  // CDP key name (docs.cdp.coinbase.com)
  /^organizations\/[0-9a-f-]{36}\/apiKeys\/[0-9a-f-]{36}$/,
  // CDP Ed25519 key id: UUID
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  // CDP Ed25519 secret / Coinbase Pro secret: 64 bytes base64
  /^[A-Za-z0-9+/]{86}==$/,
  // legacy v2 API key: 16 alphanumerics (TruffleHog)
  /^[A-Za-z0-9]{16}$/,
  // legacy v2 secret: 32 alphanumerics
  /^[A-Za-z0-9]{32}$/,
  // Coinbase Pro key: 32 hex
  /^[0-9a-f]{32}$/,
];

export default defineSecretRule({
  meta: {
    name: 'coinbase-api-key',
    description: 'Coinbase API key or secret in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Coinbase API key or secret in plaintext ({{excerpt}})',
    fix: 'Delete the key in the Coinbase Developer Platform (or Coinbase settings for legacy keys), create a new one with only view/trade permission and an IP allowlist, and load it from the environment or `keyaudit keys add`.',
  },
  keywords: exchangeKeywords('coinbase'),
  pattern: exchangePattern(),
  context: exchangeContext('coinbase'),
  contextWindow: 400,
  minEntropy: 2.0,
  validate: exchangeValidate({ exchange: 'coinbase', shapes, passphrase: true }),
  samples: (fake) => {
    const key = `organizations/${fake.uuid()}/apiKeys/${fake.uuid()}`;
    const secret = fake.base64(64);
    return {
      positive: [
        `COINBASE_API_KEY=${key}`,
        `coinbase_api_secret: "${secret}"`,
        `exchange = ccxt.coinbase({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})`,
        `{"exchange": {"name": "coinbase", "key": "${key}", "secret": "${secret}"}}`,
        `COINBASE_PASSPHRASE=Tr4d${fake.alnum(6)}-x!`,
      ],
      negative: [
        'COINBASE_API_KEY=your_api_key_here',
        'COINBASE_API_SECRET=${COINBASE_API_SECRET}',
        'apiKey: process.env.COINBASE_API_KEY,',
        'coinbase_secret = os.environ["COINBASE_SECRET"]',
        `OTHER_API_KEY=${key}`,
        `COINBASE_API_KEY_ID=${fake.hex(40)}`,
        `COINBASE_API_SECRET=${'x'.repeat(secret.length)}`,
        `# Coinbase\nDEPLOY_COMMIT_SHA=${fake.hex(40)}`,
      ],
    };
  },
  scope: exchangeScope('coinbase'),
});
