/**
 * Telegram Bot API tokens: `<bot id>:<35 characters>` (core.telegram.org/bots/api "Authorizing your
 * bot"; the id is 8–10 digits, the secret part starts with `AA` in every token issued since 2015).
 * A leaked token lets anyone read the bot's chats (trade alerts, balances) and send as the bot.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'telegram-bot-token',
    description: 'Telegram bot token in plaintext',
    severity: 'high',
    recommended: true,
    message: 'Telegram bot token in plaintext ({{excerpt}})',
    fix: 'Revoke it with @BotFather (/revoke), put the new token in the environment or a secret manager, and keep it out of config files.',
  },
  keywords: [':aa', 'telegram', 'bot', 'tg_'],
  pattern: /(?<![0-9])(?<secret>[0-9]{8,10}:[A-Za-z0-9_-]{35})(?![A-Za-z0-9_-])/g,
  minEntropy: 3.5,
  // Every token issued since 2015 has `AA` after the colon; one without it needs Telegram or a bot
  // named just before.
  validate: (token, groups) => /:AA/.test(token) || /telegram|(?<![a-z])tg[_-]|bot/i.test(groups.$before ?? ''),
  samples: (fake) => {
    const token = `${1000000000 + fake.int(999999999)}:AA${fake.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', 33)}`;
    return {
      positive: [`TELEGRAM_TOKEN=${token}`, `TELEGRAM_BOT_TOKEN=${1000000000 + fake.int(999999999)}:${fake.alnum(35)}`, `"telegram": {"enabled": true, "token": "${token}", "chat_id": "123456789"}`, `url = f"https://api.telegram.org/bot${token}/sendMessage"`],
      negative: ['TELEGRAM_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'TELEGRAM_TOKEN=${TELEGRAM_TOKEN}', `time=12345678:AA${'a'.repeat(33)}`, `id=${1000000000 + fake.int(999999999)}:${fake.alnum(35)}`],
    };
  },
  scope: { runs: [{ chars: '0-9A-Za-z_:-', min: 44, pad: 2 }] },
});
