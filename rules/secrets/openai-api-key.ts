/**
 * OpenAI API keys: legacy `sk-<20>T3BlbkFJ<20>` (the middle is base64 of "OpenAI"), project keys
 * `sk-proj-…`, service-account `sk-svcacct-…` and admin `sk-admin-…` keys (platform.openai.com
 * "API keys"). Anthropic's `sk-ant-` keys are their own rule. A bare `sk-` string must carry the
 * T3BlbkFJ marker or be 48 random characters, so `task-…`/`disk-…` words never match.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'openai-api-key',
    description: 'OpenAI API key in plaintext',
    severity: 'high',
    recommended: true,
    message: 'OpenAI API key in plaintext ({{excerpt}})',
    fix: 'Revoke the key at platform.openai.com/api-keys, create a project-scoped key with a spend limit, and load it from the environment.',
  },
  keywords: ['sk-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{20,200})(?![A-Za-z0-9_-])/g,
  minEntropy: 3.8,
  validate: (s) => {
    if (s.includes('T3BlbkFJ')) return true;
    const body = s.replace(/^sk-(?:(?:proj|svcacct|admin)-)?/, '');
    if (/^sk-(?:proj|svcacct|admin)-/.test(s)) return body.length >= 40 && /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body);
    return /^[A-Za-z0-9]{48}$/.test(body) && /[0-9]/.test(body) && /[A-Z]/.test(body) && /[a-z]/.test(body);
  },
  samples: (fake) => ({
    positive: [
      `OPENAI_API_KEY=sk-proj-${fake.alnum(40)}_${fake.alnum(40)}T3BlbkFJ${fake.alnum(40)}`,
      `openai.api_key = "sk-${fake.alnum(20)}T3BlbkFJ${fake.alnum(20)}"`,
      `OPENAI_API_KEY=sk-${fake.alnum(48)}`,
    ],
    negative: ['OPENAI_API_KEY=sk-your-key-here', 'OPENAI_API_KEY=sk-...', `task-${fake.alnum(48)}`, `OPENAI_API_KEY=sk-${'x'.repeat(48)}`],
  }),
});
