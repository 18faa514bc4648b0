/**
 * The shared logic of the exchange-credential rules. A value assigned to a credential-named variable
 * is reported when either
 *  - the variable's own name names the exchange (`KRAKEN_API_SECRET=…`, `kraken_api_key: …`,
 *    hummingbot `conf_*.yml`): any random-looking value counts, since exchanges change key formats
 *    and several publish none; or
 *  - the exchange is mentioned shortly before (a `ccxt.kraken({apiKey, secret})` call, a freqtrade
 *    `"exchange": {"name": "kraken", "key", "secret"}` block, a YAML section): then the value must
 *    have one of the exchange's documented shapes (../../../../shared/spec/exchanges.md §5).
 * Passphrases (OKX, KuCoin, Bitget, Coinbase Pro) count as credentials too: the three parts are
 * only usable together, and a leaked passphrase is one part less to guess.
 */
import { shannonEntropy } from '../../../src/core/entropy.js';
import { isPlaceholder } from '../../../src/core/placeholders.js';
import type { ScanScope } from '../../../src/core/define-rule.js';
import { ASSIGNMENT_BREAKS, assignedName, assignmentPattern, looksLikeIdentifier, nameWords } from './patterns.js';

/** Every exchange mention, to tell "this exchange" from "another exchange" in names and context. */
export const EXCHANGE_MENTIONS: Record<string, string> = {
  binance: String.raw`binance`,
  okx: String.raw`okx|okex`,
  bybit: String.raw`bybit`,
  coinbase: String.raw`coinbase|cb[_-]?pro|cdp[_-]?api`,
  kraken: String.raw`kraken`,
  kucoin: String.raw`kucoin`,
  bitget: String.raw`bitget`,
  // "gate" alone would match gateway/aggregate/navigate: require it as a word of its own.
  gate: String.raw`(?<![a-z])gate(?:[._-]?io)?(?![a-z])`,
  htx: String.raw`(?<![a-z])htx(?![a-z])|huobi`,
  bitfinex: String.raw`bitfinex|(?<![a-z])bfx(?![a-z])`,
  gemini: String.raw`gemini`,
  deribit: String.raw`deribit`,
  mexc: String.raw`(?<![a-z])mexc(?![a-z])`,
  cryptocom: String.raw`crypto[._-]?com(?![a-z])|cryptocom`,
  bitstamp: String.raw`bitstamp`,
  bitvavo: String.raw`bitvavo`,
  bitmex: String.raw`bitmex`,
};

/** The value characters an exchange credential (or passphrase) may be made of. */
export const VALUE_CLASS = 'A-Za-z0-9_+/=.~!@#%^&*?-';

/** Words in a variable name that say it holds something other than the secret itself. */
const NOT_A_SECRET_WORDS = new Set([
  'id', 'ids', 'name', 'names', 'url', 'uri', 'urls', 'endpoint', 'host', 'path', 'file', 'dir', 'address', 'addr',
  'type', 'length', 'len', 'size', 'hash', 'header', 'headers', 'field', 'prefix', 'suffix', 'version', 'label',
  'format', 'env', 'var', 'ttl', 'expiry', 'expires', 'expiration', 'created', 'count', 'index', 'arn', 'ref',
  'public', 'pub', 'pubkey', 'publickey', 'publishable', 'region', 'policy', 'mode', 'enabled', 'required', 'hint', 'placeholder', 'example',
  'sample', 'regex', 'pattern', 'param', 'params', 'field', 'column', 'location', 'store', 'vault', 'manager',
]);

export function nameSaysNotSecret(words: readonly string[]): boolean {
  return words.some((w) => NOT_A_SECRET_WORDS.has(w));
}

export interface ExchangeSpec {
  /** Key into EXCHANGE_MENTIONS. */
  exchange: keyof typeof EXCHANGE_MENTIONS & string;
  /** Documented key/secret shapes (anchored), required when only the context names the exchange. */
  shapes: readonly RegExp[];
  /** Whether the exchange uses a passphrase (OKX, KuCoin, Bitget, Coinbase Pro). */
  passphrase?: boolean;
  /** Values that are never this exchange's credential although they fit (another product's key). */
  notThis?: RegExp;
}

const PASS_WORDS = new Set(['pass', 'password', 'passphrase', 'passwd', 'pwd']);

/**
 * Words a name may hold when only the context names the exchange: the credential fields of ccxt,
 * freqtrade, hummingbot and exchange SDKs. `JWT_SECRET` or `WEBHOOK_TOKEN` below a `BINANCE_*`
 * line is another service's secret, not a Binance key, even when its value has Binance's shape.
 */
const PLAIN_CREDENTIAL_WORDS = new Set([
  'api', 'key', 'keys', 'secret', 'apikey', 'apisecret', 'secretkey', 'access', 'accesskey', 'private', 'privatekey', 'client',
  'exchange', 'trading', 'trade', 'pass', 'password', 'passphrase', 'passwd', 'pwd', 'my', 'the', 'default', 'prod', 'production',
  'live', 'main', 'read', 'only', 'readonly', 'hmac', 'rsa', 'ed25519', 'config', 'cfg', 'conf', 'self', 'this', 'settings', 'creds',
  'credentials', 'credential', 'account', 'user', 'sub', 'subaccount', 'master', 'bot', 'spot', 'futures', 'margin', 'testnet', 'token',
  'auth', 'signing', 'sign', 'options', 'params', 'opts', 'env', 'exchanges', 'keypair', 'pair', 'new', 'old', 'v1', 'v2', 'v3', 'v5',
]);

/** A regex matching a mention of this exchange not followed (within the window) by a mention of another one. */
export function exchangeContext(exchange: string): RegExp {
  // Other exchanges count only as whole words: a random key may well contain "Okx" or "bfx".
  const others = Object.entries(EXCHANGE_MENTIONS)
    .filter(([id]) => id !== exchange)
    .map(([, re]) => re)
    .join('|');
  return new RegExp(String.raw`(?:${EXCHANGE_MENTIONS[exchange]})(?![\s\S]{0,400}?(?<![A-Za-z0-9+/])(?:${others})(?![A-Za-z0-9+/]))`, 'i');
}

/**
 * The pattern of every exchange rule: a credential name and a value of 6–200 characters, or a
 * quoted positional argument of 16+ characters (python-binance `Client("…", "…")`, python-okx
 * `AccountAPI("…", "…", "…")`), which then must have the exchange's shape.
 */
export function exchangePattern(): RegExp {
  const assignment = assignmentPattern(`[${VALUE_CLASS}]{6,200}`, VALUE_CLASS);
  const positional = String.raw`[(,][ \t]{0,4}["'](?<secret2>[${VALUE_CLASS}]{16,200})["'](?=[ \t]{0,4}[,)])`;
  return new RegExp(`${assignment.source}|${positional}`, assignment.flags);
}

/** Builds the `validate` of an exchange rule from its spec. */
export function exchangeValidate(spec: ExchangeSpec): (secret: string, groups: Record<string, string | undefined>) => boolean {
  const self = new RegExp(`^(?:${EXCHANGE_MENTIONS[spec.exchange]})$`, 'i');
  const selfInName = new RegExp(EXCHANGE_MENTIONS[spec.exchange] as string, 'i');
  const other = new RegExp(
    `^(?:${Object.entries(EXCHANGE_MENTIONS)
      .filter(([id]) => id !== spec.exchange)
      .map(([, re]) => re)
      .join('|')})$`,
    'i',
  );
  return (secret, groups) => {
    const name = assignedName(groups);
    const words = nameWords(name);
    if (nameSaysNotSecret(words)) return false;
    if (spec.notThis?.test(secret) === true) return false;
    const namesSelf = words.some((w) => self.test(w)) || selfInName.test(name.replace(/[^A-Za-z]/g, ''));
    if (!namesSelf && words.some((w) => other.test(w))) return false;
    const isPass = words.some((w) => PASS_WORDS.has(w));
    if (isPass) {
      if (spec.passphrase !== true) return false;
      if (!namesSelf && !words.every((w) => PLAIN_CREDENTIAL_WORDS.has(w) || self.test(w))) return false;
      return secret.length >= 8 && secret.length <= 64 && !looksLikeIdentifier(secret) && classes(secret) >= 2 && shannonEntropy(secret) >= 2.5;
    }
    const plain = words.every((w) => PLAIN_CREDENTIAL_WORDS.has(w) || /^[0-9]{1,3}$/.test(w) || self.test(w));
    if (!namesSelf && !plain) return false;
    if (spec.shapes.some((re) => re.test(secret))) {
      // Short ids (Deribit's 8-character client id) cannot reach a high entropy: ask for variety instead.
      const varied = secret.length >= 16 ? shannonEntropy(secret) >= 3.0 : new Set(secret).size >= secret.length / 2;
      return varied && !isPlaceholder(secret) && !looksLikeIdentifier(secret);
    }
    if (!namesSelf) return false;
    // The name says which exchange: accept any random-looking value of key length.
    return (
      secret.length >= 16 &&
      /[0-9]/.test(secret) &&
      /[A-Za-z]/.test(secret) &&
      !looksLikeIdentifier(secret) &&
      !/^[0-9a-f]{40}$/.test(secret) && // a git SHA pinned in a variable, not a key
      shannonEntropy(secret) >= 3.2
    );
  };
}

function classes(s: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;
}

/** Lower-case prefilter keywords of an exchange (the literal words of its mention regex). */
export function exchangeKeywords(exchange: string): string[] {
  const words: Record<string, string[]> = {
    coinbase: ['coinbase', 'cbpro', 'cb_pro', 'cb-pro', 'cdp_api', 'cdp-api'],
    okx: ['okx', 'okex'],
    gate: ['gate'],
    htx: ['htx', 'huobi'],
    bitfinex: ['bitfinex', 'bfx'],
    cryptocom: ['crypto.com', 'crypto_com', 'crypto-com', 'cryptocom'],
  };
  return words[exchange] ?? [exchange];
}

/**
 * The scan scope of an exchange rule: its context check (`exchangeContext`, `contextWindow`
 * characters) needs a mention of the exchange — which holds one of its keywords — at most
 * `window` characters before the match, or after the secret on its line (at most `window`
 * characters on); a match is at most ~230 characters long, so it starts within `window + 300`
 * characters after to `window` characters before a mention. The pattern is an assignment's or a
 * quoted argument's, which never consumes ASSIGNMENT_BREAKS.
 */
export function exchangeScope(exchange: string, window = 400): ScanScope {
  return { near: { keywords: exchangeKeywords(exchange), before: window + 300, after: window, lookbehind: 256, breaks: ASSIGNMENT_BREAKS } };
}
