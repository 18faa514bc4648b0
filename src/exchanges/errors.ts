/**
 * Error classification (../../shared/spec/exchanges.md §6): any error a fetch can throw becomes one
 * Reason a person understands plus a short, sanitized detail. CCXT error messages embed the URL
 * (HTX URLs carry AccessKeyId), headers and response bodies; none of that may reach output, so the
 * detail keeps only the exchange error code, the HTTP status and a short message, with every given
 * secret redacted. Classification walks the error's class chain by name, so this module never loads
 * CCXT.
 */
import type { Reason } from '../core/key-facts.js';
import { redactText } from '../core/mask.js';
import { GuardError } from './guard.js';

/** `sandbox: true` on an exchange whose sandbox keyaudit cannot use (exchanges.md §6). */
export class SandboxUnsupportedError extends Error {
  readonly reason = 'sandbox-unsupported' as const;
  constructor(readonly exchange: string) {
    super(`${exchange} has no sandbox keyaudit can use for its key-introspection endpoint`);
    this.name = 'SandboxUnsupportedError';
  }
}

/** An adapter found the answer unusable or the calling key absent; carries its own reason. */
export class AdapterError extends Error {
  constructor(
    readonly reason: Reason,
    message: string,
  ) {
    super(message);
    this.name = 'AdapterError';
  }
}

export interface Classified {
  reason: Reason;
  detail: string;
}

/** Class names of the error's prototype chain, most specific first. */
function classChain(error: object): string[] {
  const names: string[] = [];
  const named = (error as { name?: unknown }).name;
  if (typeof named === 'string') names.push(named);
  for (let proto = Object.getPrototypeOf(error) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    const ctor = (proto as { constructor?: { name?: string } }).constructor;
    if (ctor?.name !== undefined && !names.includes(ctor.name)) names.push(ctor.name);
  }
  return names;
}

/** CCXT class -> reason, most specific classes first (subclasses before their parents). */
const BY_CLASS: readonly [string, Reason][] = [
  ['PermissionDenied', 'permission-denied'],
  ['AccountNotEnabled', 'permission-denied'],
  ['InvalidNonce', 'clock-skew'],
  ['RateLimitExceeded', 'rate-limited'],
  ['DDoSProtection', 'rate-limited'],
  ['RequestTimeout', 'timeout'],
  ['ExchangeNotAvailable', 'exchange-unavailable'],
  ['OnMaintenance', 'exchange-unavailable'],
  ['AuthenticationError', 'auth-failed'],
  ['AccountSuspended', 'auth-failed'],
  ['BadResponse', 'bad-response'],
  ['NullResponse', 'bad-response'],
  ['NetworkError', 'network-error'],
  ['ExchangeError', 'exchange-error'],
  ['NotSupported', 'exchange-error'],
];

/** Strings in error texts that are a different reason than their CCXT class says. */
const TEXT_OVERRIDES: readonly [RegExp, Reason][] = [
  [/EAPI:Invalid signature|EAPI:Invalid key/i, 'auth-failed'], // Kraken: a plain ExchangeError in CCXT
  [/EAPI:Invalid nonce/i, 'clock-skew'],
  [/EAPI:Rate limit exceeded|EGeneral:Too many requests/i, 'rate-limited'],
  [/EGeneral:Permission denied/i, 'permission-denied'],
  [/REQUEST_EXPIRED/, 'clock-skew'], // Gate: lands in AuthenticationError
];

export function classifyError(error: unknown, secrets: readonly string[]): Classified {
  if (error instanceof GuardError) return { reason: 'blocked-by-guard', detail: error.message };
  if (error instanceof SandboxUnsupportedError) return { reason: 'sandbox-unsupported', detail: error.message };
  if (error instanceof AdapterError) return { reason: error.reason, detail: sanitize(error.message, secrets) };
  if (error === null || typeof error !== 'object') {
    return { reason: 'exchange-error', detail: sanitize(String(error), secrets) };
  }
  const chain = classChain(error);
  const message = typeof (error as { message?: unknown }).message === 'string' ? (error as { message: string }).message : '';
  let reason: Reason | undefined;
  for (const [pattern, r] of TEXT_OVERRIDES) {
    if (pattern.test(message)) {
      reason = r;
      break;
    }
  }
  if (reason === undefined) {
    for (const [name, r] of BY_CLASS) {
      if (chain.includes(name)) {
        reason = r;
        break;
      }
    }
  }
  if (reason === undefined) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_)/.test(code)) reason = code === 'ETIMEDOUT' || code.includes('TIMEOUT') ? 'timeout' : 'network-error';
    else if ((error as { name?: unknown }).name === 'AbortError' || (error as { name?: unknown }).name === 'TimeoutError') reason = 'timeout';
    else reason = 'exchange-error';
  }
  const cls = chain.find((n) => BY_CLASS.some(([c]) => c === n)) ?? 'Error';
  return { reason, detail: summarize(cls, message, secrets) };
}

/** `ClassName: HTTP 503; code -2015: Invalid API-key…` with nothing else from the message. */
function summarize(cls: string, message: string, secrets: readonly string[]): string {
  const parts: string[] = [];
  const status = /\s(\d{3})(?:\s|$)/.exec(stripUrls(message));
  if (status?.[1] !== undefined && Number(status[1]) >= 100 && Number(status[1]) < 600) parts.push(`HTTP ${status[1]}`);
  const body = extractBodyFields(message);
  if (body.code !== undefined) parts.push(`code ${body.code}${body.text === undefined ? '' : `: ${body.text}`}`);
  else if (body.text !== undefined) parts.push(body.text);
  else {
    // No JSON body: keep a short, URL-free, secret-free piece of the text (e.g. "request timed out").
    const plain = stripUrls(message)
      .replace(/\{[\s\S]*\}|<[\s\S]*>/g, '')
      .replace(/^[a-z0-9]+\s+(GET|POST|PUT|DELETE)?\s*/i, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (plain !== '') parts.push(plain);
  }
  return sanitize(`${cls}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`, secrets);
}

function stripUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/\S+/gi, '');
}

function extractBodyFields(message: string): { code?: string; text?: string } {
  const start = message.indexOf('{');
  const end = message.lastIndexOf('}');
  if (start === -1 || end <= start) return {};
  let json: unknown;
  try {
    json = JSON.parse(message.slice(start, end + 1));
  } catch {
    return {};
  }
  if (json === null || typeof json !== 'object') return {};
  const o = json as Record<string, unknown>;
  const pick = (...keys: string[]): string | undefined => {
    for (const k of keys) {
      const v = o[k];
      if (typeof v === 'string' && v !== '') return v;
      if (typeof v === 'number') return String(v);
      if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return v.join(', ');
    }
    return undefined;
  };
  const code = pick('code', 'retCode', 'label', 'err-code', 'error_code');
  const text = pick('msg', 'retMsg', 'message', 'err-msg', 'error', 'error_description', 'reason');
  const out: { code?: string; text?: string } = {};
  if (code !== undefined) out.code = code;
  if (text !== undefined) out.text = text;
  return out;
}

/** Removes query strings, header-looking pairs and the given secrets; caps the length. */
export function sanitize(text: string, secrets: readonly string[]): string {
  let out = redactText(text, secrets);
  out = out
    .replace(/\bhttps?:\/\/[^\s?]*\?\S*/gi, (url) => url.split('?')[0] ?? '')
    .replace(/\b([A-Za-z-]*(?:key|sign|signature|passphrase|token|secret|authorization)[A-Za-z-]*)\s*[:=]\s*\S+/gi, '$1=[redacted]')
    .replace(/\s+/g, ' ')
    .trim();
  return out.length > 200 ? `${out.slice(0, 199)}…` : out;
}
