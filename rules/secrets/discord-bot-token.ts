/**
 * Discord bot tokens: base64 of the bot's user id, a timestamp and an HMAC, joined by dots
 * (`<24–26 chars>.<6 chars>.<27–38 chars>`; discord.com/developers/docs/reference#authentication).
 * The shape alone is JWT-like, so a Discord mention nearby is required.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'discord-bot-token',
    description: 'Discord bot token in plaintext',
    severity: 'high',
    recommended: true,
    message: 'Discord bot token in plaintext ({{excerpt}})',
    fix: 'Reset the token in the Discord developer portal (Bot → Reset Token) and load the new one from the environment.',
  },
  keywords: ['discord'],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_.-])/g,
  context: /discord/i,
  contextWindow: 300,
  minEntropy: 4.0,
  samples: (fake) => {
    const token = `M${fake.alnum(25)}.${fake.alnum(6)}.${fake.alnum(38)}`;
    return {
      positive: [`DISCORD_BOT_TOKEN=${token}`, `client.run("${token}")  # discord bot`],
      negative: [`JWT=${token}`, 'DISCORD_BOT_TOKEN=your_bot_token_here'],
    };
  },
});
