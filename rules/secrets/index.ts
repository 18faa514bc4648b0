/**
 * Every secret rule, in priority order: when two specific rules report overlapping text, the one
 * listed first wins (src/core/scanner.ts), so the most precise rules come first. Generic rules
 * always yield. A meta test checks each rules/secrets/<name>.ts is listed here.
 */
import type { SecretRule } from '../../src/core/define-rule.js';
import anthropicApiKey from './anthropic-api-key.js';
import awsAccessKeyId from './aws-access-key-id.js';
import awsSecretAccessKey from './aws-secret-access-key.js';
import binanceApiKey from './binance-api-key.js';
import bip32ExtendedPrivateKey from './bip32-extended-private-key.js';
import bip39SeedPhrase from './bip39-seed-phrase.js';
import bitfinexApiKey from './bitfinex-api-key.js';
import bitgetApiKey from './bitget-api-key.js';
import bitmexApiKey from './bitmex-api-key.js';
import bitstampApiKey from './bitstamp-api-key.js';
import bitvavoApiKey from './bitvavo-api-key.js';
import bybitApiKey from './bybit-api-key.js';
import coinbaseApiKey from './coinbase-api-key.js';
import coinbaseCdpKey from './coinbase-cdp-key.js';
import cryptocomApiKey from './cryptocom-api-key.js';
import databaseUrlPassword from './database-url-password.js';
import deribitApiKey from './deribit-api-key.js';
import discordBotToken from './discord-bot-token.js';
import discordWebhookUrl from './discord-webhook-url.js';
import evmPrivateKey from './evm-private-key.js';
import gateApiKey from './gate-api-key.js';
import geminiApiKey from './gemini-api-key.js';
import genericSecretAssignment from './generic-secret-assignment.js';
import githubToken from './github-token.js';
import htxApiKey from './htx-api-key.js';
import krakenApiKey from './kraken-api-key.js';
import kucoinApiKey from './kucoin-api-key.js';
import mexcApiKey from './mexc-api-key.js';
import okxApiKey from './okx-api-key.js';
import openaiApiKey from './openai-api-key.js';
import pemPrivateKey from './pem-private-key.js';
import slackToken from './slack-token.js';
import slackWebhookUrl from './slack-webhook-url.js';
import solanaPrivateKey from './solana-private-key.js';
import telegramBotToken from './telegram-bot-token.js';
import wifPrivateKey from './wif-private-key.js';

export const secretRules: readonly SecretRule[] = [
  // Exchange credentials.
  binanceApiKey,
  okxApiKey,
  bybitApiKey,
  coinbaseCdpKey,
  coinbaseApiKey,
  krakenApiKey,
  kucoinApiKey,
  bitgetApiKey,
  gateApiKey,
  htxApiKey,
  bitfinexApiKey,
  geminiApiKey,
  deribitApiKey,
  mexcApiKey,
  cryptocomApiKey,
  bitstampApiKey,
  bitvavoApiKey,
  bitmexApiKey,
  // Wallet secrets.
  bip39SeedPhrase,
  evmPrivateKey,
  solanaPrivateKey,
  wifPrivateKey,
  bip32ExtendedPrivateKey,
  // Private keys.
  pemPrivateKey,
  // Services bots talk to.
  telegramBotToken,
  discordWebhookUrl,
  discordBotToken,
  slackWebhookUrl,
  slackToken,
  awsAccessKeyId,
  awsSecretAccessKey,
  githubToken,
  openaiApiKey,
  anthropicApiKey,
  databaseUrlPassword,
  // Catch-all.
  genericSecretAssignment,
];
