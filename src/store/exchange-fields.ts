/**
 * Which credential fields each exchange needs, so `keys add` asks for those and nothing else.
 * Source: ../../shared/spec/exchanges.md §3 ("apiKey + secret unless noted"): OKX, KuCoin and
 * Bitget need a passphrase (CCXT `password`); HTX takes an optional uid (fetched when absent);
 * Coinbase Advanced Trade (CDP) keys are a key name plus an EC PEM or Ed25519 private key.
 */
import type { Credentials } from '../exchanges/types.js';

export type CredentialField = keyof Credentials;

export interface FieldSpec {
  field: CredentialField;
  /** What the prompt and error messages call it. */
  label: string;
  required: boolean;
  /** A PEM that may be pasted over several lines (or as one line with literal \n). */
  pem?: boolean;
}

const KEY: FieldSpec = { field: 'apiKey', label: 'API key', required: true };
const SECRET: FieldSpec = { field: 'secret', label: 'API secret', required: true };
const PASSPHRASE: FieldSpec = { field: 'password', label: 'API passphrase', required: true };

const SPECIAL: Record<string, readonly FieldSpec[]> = {
  okx: [KEY, SECRET, PASSPHRASE],
  kucoin: [KEY, SECRET, PASSPHRASE],
  kucoinfutures: [KEY, SECRET, PASSPHRASE],
  bitget: [KEY, SECRET, PASSPHRASE],
  coinbaseexchange: [KEY, SECRET, PASSPHRASE],
  htx: [KEY, SECRET, { field: 'uid', label: 'account uid (optional, press Enter to skip)', required: false }],
  coinbase: [
    { field: 'apiKey', label: 'API key name (organizations/…/apiKeys/… or key id)', required: true },
    { field: 'privateKey', label: 'private key (PEM, or Ed25519 base64)', required: true, pem: true },
  ],
};

/**
 * CCXT ids keyaudit knows without loading CCXT (which takes about a second): the exchanges of
 * exchanges.md §2. Other ids are checked against `ccxt.exchanges` when used.
 */
export const KNOWN_EXCHANGES: readonly string[] = [
  'binance', 'binanceusdm', 'binancecoinm', 'bybit', 'kraken', 'krakenfutures', 'htx', 'okx', 'coinbase', 'coinbaseexchange',
  'kucoin', 'kucoinfutures', 'gate', 'bitget', 'bitfinex', 'gemini', 'deribit', 'mexc', 'cryptocom', 'bitstamp', 'bitvavo',
];

export function fieldsFor(exchange: string): readonly FieldSpec[] {
  return SPECIAL[exchange] ?? [KEY, SECRET];
}

/** Pasted PEMs often arrive as one line with literal `\n` (from JSON or .env files). */
export function normalizePem(value: string): string {
  let v = value.trim();
  if (v.includes('-----BEGIN') && v.includes('\\n')) v = v.replace(/\\r\\n|\\n/g, '\n');
  return v.replace(/\r\n/g, '\n');
}

/** Names of required fields missing from `credentials`, in prompt order. */
export function missingFields(exchange: string, credentials: Partial<Credentials>): FieldSpec[] {
  return fieldsFor(exchange).filter((f) => f.required && (credentials[f.field] === undefined || credentials[f.field] === ''));
}
