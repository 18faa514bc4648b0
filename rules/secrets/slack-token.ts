/**
 * Slack API tokens: `xoxb-` (bot), `xoxp-` (user), `xoxa-`/`xoxr-` (app/refresh), `xoxe.xoxp-`
 * and app-level `xapp-` tokens (api.slack.com/authentication/token-types).
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'slack-token',
    description: 'Slack API token in plaintext',
    severity: 'high',
    recommended: true,
    message: 'Slack API token in plaintext ({{excerpt}})',
    fix: 'Revoke the token (api.slack.com/apps → OAuth & Permissions, or auth.revoke) and load a new one from the environment.',
  },
  keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxe', 'xapp-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>(?:xox[bpar]|xoxe\.xox[bp]|xapp)-[0-9]{1,2}-?[A-Za-z0-9-]{10,250})(?![A-Za-z0-9-])/g,
  minEntropy: 3.5,
  validate: (s) => /[0-9]{6}/.test(s) && /[a-zA-Z]{4}/.test(s.slice(5)),
  samples: (fake) => {
    const digits = '0123456789';
    const bot = `xoxb-${fake.fromAlphabet(digits, 12)}-${fake.fromAlphabet(digits, 13)}-${fake.alnum(24)}`;
    return {
      positive: [`SLACK_BOT_TOKEN=${bot}`, `slack_token: "${bot}"`],
      negative: ['SLACK_BOT_TOKEN=xoxb-your-token-here', 'SLACK_BOT_TOKEN=xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx'],
    };
  },
});
