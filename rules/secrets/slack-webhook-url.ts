/**
 * Slack incoming-webhook URLs: `https://hooks.slack.com/services/T…/B…/<24 alphanumerics>`
 * (api.slack.com/messaging/webhooks). Anyone with the URL can post into the channel.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'slack-webhook-url',
    description: 'Slack webhook URL in plaintext',
    severity: 'high',
    recommended: true,
    message: 'Slack webhook URL with its token in plaintext ({{excerpt}})',
    fix: 'Revoke the webhook in the Slack app settings (Incoming Webhooks), create a new one and load its URL from the environment.',
  },
  keywords: ['hooks.slack.com'],
  pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/[A-Za-z0-9]{23,34})(?![A-Za-z0-9])/g,
  minEntropy: 3.5,
  samples: (fake) => {
    const up = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const url = `https://hooks.slack.com/services/T${fake.fromAlphabet(up, 8)}/B${fake.fromAlphabet(up, 10)}/${fake.alnum(24)}`;
    return {
      positive: [`SLACK_WEBHOOK_URL=${url}`, `requests.post("${url}", json=msg)`],
      negative: ['SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX', 'https://hooks.slack.com/services/YOUR/WEBHOOK/URL'],
    };
  },
});
