/**
 * Anthropic API keys: `sk-ant-api03-…` (and `sk-ant-admin01-…`), ~95 URL-safe base64 characters
 * after the prefix, ending in `AA` (docs.anthropic.com "Getting started").
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'anthropic-api-key',
    description: 'Anthropic API key in plaintext',
    severity: 'high',
    recommended: true,
    message: 'Anthropic API key in plaintext ({{excerpt}})',
    fix: 'Revoke the key in the Anthropic console (Settings → API keys), create a new one with a spend limit, and load it from the environment.',
  },
  keywords: ['sk-ant-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-(?:api|admin|oat|sid)[0-9]{2}-[A-Za-z0-9_-]{40,200})(?![A-Za-z0-9_-])/g,
  minEntropy: 4.0,
  samples: (fake) => ({
    positive: [`ANTHROPIC_API_KEY=sk-ant-api03-${fake.alnum(93)}AA`, `client = anthropic.Anthropic(api_key="sk-ant-api03-${fake.alnum(93)}AA")`],
    negative: ['ANTHROPIC_API_KEY=sk-ant-api03-...', 'ANTHROPIC_API_KEY=sk-ant-your-key', `ANTHROPIC_API_KEY=sk-ant-api03-${'x'.repeat(95)}`],
  }),
});
