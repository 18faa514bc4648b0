/**
 * The catch-all: a random-looking value assigned to a variable whose name says it holds a secret
 * (`*_SECRET`, `*_KEY`, `*_TOKEN`, `*_PASSWORD`, `apiKey`, `client_secret`…) in .env, YAML, JSON,
 * TOML, INI, shell and code. `generic`: it yields to any specific rule that found the same secret.
 *
 * Precision comes from three filters, each tuned on the corpus in test/corpus/:
 *  - the name: its last word (ignoring suffixes like `_prod`, `_b64`, `_2`) must be a secret word,
 *    and no word may say it holds something else (`_ID`, `_URL`, `_FILE`, `PUBLIC_KEY`, `cache_key`);
 *  - the value: 16+ characters (12+ for passwords), letters and digits, not an identifier, not a
 *    placeholder, not a UUID/hash for names that are ids in disguise (`key`, `token`);
 *  - entropy: ≥ 3.5 bits/char, ≥ 3.0 for hex and for 12–15-character passwords (random 16-char
 *    alphanumerics average ~3.7, hex of 32+ ~3.7, English-like identifiers ~2.8–3.3).
 * Minified bundles (lines over 1,000 characters with almost no spaces) are skipped by the scanner
 * for generic rules: their `key:"…"` pairs are build artefacts.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { shannonEntropy } from '../../src/core/entropy.js';
import { nameSaysNotSecret } from './lib/exchange.js';
import { assignedName, assignmentPattern, assignmentScope, looksLikeIdentifier, nameWords } from './lib/patterns.js';

/** Value characters: base64/hex/URL-safe alphabets and the punctuation passwords use (`$` included; `${…}` refused). */
const VALUE_CLASS = 'A-Za-z0-9_+/=.~!@#$%^&*?-';

const SECRET_WORDS = new Set([
  'key', 'secret', 'token', 'password', 'passwd', 'pass', 'pwd', 'passphrase', 'apikey', 'secretkey', 'privatekey', 'credential',
  'credentials', 'auth', 'seed', 'pat', 'psk', 'sk', 'accesskey', 'authtoken', 'accesstoken', 'apisecret',
  'clientsecret', 'private', 'priv', 'jwt', 'bearer', 'cookie', 'hmac', 'encryption', 'signing', 'authorization',
]);
/** Suffix words after the secret word that keep its meaning (`API_KEY_PROD`, `token_b64`). */
const SUFFIXES = new Set(['prod', 'production', 'live', 'dev', 'development', 'staging', 'stage', 'test', 'testnet', 'mainnet', 'main', 'b64', 'base64', 'hex', 'value', 'val', 'str', 'string', 'raw', 'v1', 'v2', 'v3', 'new', 'old', 'primary', 'secondary', 'backup', 'encoded']);
/** Words that make a key/token name a non-secret (`cache_key`, `sort_key`, `csrf_token`…). */
const NON_SECRET_CONTEXT = new Set([
  'cache', 'sort', 'partition', 'primary', 'foreign', 'idempotency', 'dedup', 'dedupe', 'lookup', 'map', 'row', 'table', 'object', 'bucket',
  's3', 'storage', 'redis', 'spl', 'listen', 'link', 'csrf', 'xsrf', 'page', 'pagination', 'next', 'cursor', 'continuation', 'sync', 'i18n', 'translation', 'react',
  'unique', 'composite', 'hotkey', 'shortcut', 'keyboard', 'monkey', 'turkey', 'whiskey', 'jockey', 'hockey', 'donkey', 'lackey', 'keyword',
  'keywords', 'keys', 'tokens', 'max', 'min', 'limit', 'usage', 'counter', 'rotation', 'expire', 'expires', 'timeout', 'interval',
  'ssh', 'gpg', 'pgp', 'kms', 'rsa', 'token0', 'token1', 'decimals', 'symbol', 'mint', 'contract', 'pair', 'pool', 'amount', 'balance', 'price',
]);

export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || nameSaysNotSecret(words)) return false;
  if (words.some((w) => NON_SECRET_CONTEXT.has(w))) return false;
  let last = words.length - 1;
  while (last > 0 && (SUFFIXES.has(words[last] as string) || /^[0-9]{1,3}$/.test(words[last] as string))) last--;
  const word = words[last] as string;
  return SECRET_WORDS.has(word) || /(?:key|secret|token|password|passwd|passphrase)$/.test(word) && !/(?:monkey|turkey|whiskey|jockey|hockey|donkey|lackey|hotkey)$/.test(word);
}

export function isRandomValue(value: string, name: string): boolean {
  const words = nameWords(name);
  const isPassword = words.some((w) => w.startsWith('pass') || w === 'pwd');
  if (value.length < (isPassword ? 12 : 16)) return false;
  if (!/[A-Za-z]/.test(value)) return false;
  // Random tokens nearly always hold a digit; a digit-free one must at least change case often
  // (random mixed case flips ~every other character, camelCase words every ~6).
  if (!/[0-9]/.test(value) && !(value.length >= 12 && caseFlips(value) >= value.length / 4)) return false;
  if (/^0x[0-9a-f]+$/i.test(value)) return false; // on-chain data (hashes, slots); private keys are evm-private-key
  // Member access (`sourceCode.getFirstToken`, `bip39.mnemonicToSeed`, `this.safeString`): code.
  if (!value.startsWith('eyJ') && value.includes('.') && value.split('.').every((seg) => /^[A-Za-z_$][A-Za-z0-9_$]{0,40}$/.test(seg))) return false;
  if (value.startsWith('$') || /\$[({]/.test(value)) return false; // $VAR, ${VAR}, $(cmd)
  if (/^[A-Za-z_][A-Za-z0-9_]{0,60}\$[0-9]{1,3}$/.test(value) && looksLikeIdentifier(value.replace(/\$[0-9]+$/, ''))) return false; // bundler-renamed `Token$1`
  if (looksLikeIdentifier(value)) return false;
  // A UUID under `key`/`token`/`…_id` is an id; under `api_secret`, `client_secret`… it is a secret.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) && (words.length === 1 || !words.some((w) => w.includes('secret') || w.includes('key')))) return false;
  if (/^(?:sha(?:1|256|384|512)|md5)[-:]/i.test(value)) return false;
  if (/^[0-9]+(?:\.[0-9]+){1,3}$/.test(value) || /^v?[0-9]+\.[0-9]+\.[0-9]+/.test(value)) return false;
  const hex = /^[0-9a-fA-F]+$/.test(value);
  if (hex && value.length === 40 && words.length === 1) return false; // bare `key: <sha1>` is a hash, not a secret
  const entropy = shannonEntropy(value);
  if (hex) return value.length >= 16 && entropy >= 3.0;
  if (value.length < 16) return entropy >= 3.0;
  return entropy >= 3.5;
}

function caseFlips(value: string): number {
  let flips = 0;
  for (let i = 1; i < value.length; i++) {
    const a = value[i - 1] as string;
    const b = value[i] as string;
    if (/[a-z]/.test(a) && /[A-Z]/.test(b)) flips++;
    else if (/[A-Z]/.test(a) && /[a-z]/.test(b)) flips++;
  }
  return flips;
}

export default defineSecretRule({
  meta: {
    name: 'generic-secret-assignment',
    description: 'High-entropy value assigned to a secret-named variable',
    severity: 'high',
    recommended: true,
    message: 'Possible secret assigned in plaintext ({{excerpt}})',
    fix: 'If this is a real secret, rotate it and load it from the environment or a secret manager; if it is not, add `keyaudit:allow` on the line or an allow pattern in the config.',
  },
  keywords: ['key', 'secret', 'token', 'pass', 'pwd', 'auth', 'credential', 'seed', 'priv', 'jwt', 'cookie', 'hmac', 'sk', 'pat', 'psk'],
  // Not followed by `(`, `[` or `<` (other than a closing tag): `token = sourceCode.getFirstToken(node)` is code.
  pattern: new RegExp(`${assignmentPattern(`[${VALUE_CLASS}]{12,256}`, VALUE_CLASS, undefined, 'gim', 12).source}(?![(\\[]|<(?!/))`, 'gim'),
  generic: true,
  minEntropy: 3.0,
  validate: (secret, groups) => {
    const name = assignedName(groups);
    if (!isSecretName(name)) return false;
    return isRandomValue(secret, name);
  },
  samples: (fake) => ({
    positive: [
      `JWT_SECRET=${fake.alnum(32)}`,
      `  webhook_secret: "${fake.base64(24)}"`,
      `SESSION_TOKEN='${fake.hex(48)}'`,
      `const clientSecret = "${fake.alnum(40)}";`,
      `POSTGRES_PASSWORD=${fake.alnum(11)}${10 + fake.int(89)}!`,
      `"api_key": "${fake.alnum(32)}",`,
      `env:\n  - name: SIGNING_KEY\n    value: "${fake.alnum(32)}"`,
      `headers = {"Authorization": "Bearer ${fake.alnum(40)}"}`,
      `<appSettings><add key="x" /><ApiSecret>${fake.alnum(32)}</ApiSecret></appSettings>`,
    ],
    negative: [
      `PUBLIC_KEY=${fake.alnum(40)}`,
      `API_KEY_ID=${fake.alnum(20)}`,
      `cache_key = "${fake.hex(32)}"`,
      `SECRET_NAME=prod/bot/binance-credentials`,
      `api_key = get_secret("binance")`,
      `token = "${fake.uuid()}"`,
      `"integrity": "sha512-${fake.base64(64)}"`,
      'SECRET_KEY=your_secret_key_here',
      'SECRET_KEY=${SECRET_KEY}',
      `TOKEN_ADDRESS=0x${fake.hex(40)}`,
      'password: hunter2',
      'API_KEY=my_super_secret_api_key_value',
      `key: ${fake.hex(40)}`,
    ],
  }),
  scope: assignmentScope(),
});
