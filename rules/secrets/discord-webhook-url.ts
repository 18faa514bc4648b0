/**
 * Discord webhook URLs: `https://discord.com/api/webhooks/<17–20 digit id>/<68-character token>`
 * (also discordapp.com, ptb./canary. hosts). Anyone with the URL can post as the webhook: trade
 * alert channels become phishing channels.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'discord-webhook-url',
    description: 'Discord webhook URL in plaintext',
    severity: 'high',
    recommended: true,
    message: 'Discord webhook URL with its token in plaintext ({{excerpt}})',
    fix: 'Delete the webhook in the channel settings (Integrations → Webhooks), create a new one and load its URL from the environment.',
  },
  keywords: ['discord'],
  pattern: /https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v[0-9]{1,2}\/)?webhooks\/(?<secret>[0-9]{17,20}\/[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/g,
  minEntropy: 3.5,
  samples: (fake) => {
    const id = `1${fake.fromAlphabet('0123456789', 18)}`;
    const token = fake.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', 68);
    return {
      positive: [`DISCORD_WEBHOOK=https://discord.com/api/webhooks/${id}/${token}`, `webhook_url: "https://discordapp.com/api/webhooks/${id}/${token}"`],
      negative: ['DISCORD_WEBHOOK=https://discord.com/api/webhooks/<id>/<token>', 'url = "https://discord.com/api/webhooks/123456789012345678/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"', 'see https://discord.com/developers/docs/resources/webhook'],
    };
  },
});
