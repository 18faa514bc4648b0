/**
 * A naive regex set of the kind many scanners ship (one regex per token type, a generic
 * `key = value` rule, no context, no validation), scored on the same corpus as keyaudit so the
 * comparison in docs/detection.md is like for like.
 */
import type { Category, CorpusFile } from './generate.js';

const NAIVE: { name: string; category: Category; re: RegExp }[] = [
  { name: 'pem', category: 'pem', re: /-----BEGIN [A-Z ]{0,20}PRIVATE KEY( BLOCK)?-----/g },
  { name: 'aws', category: 'service', re: /(?:AKIA|ASIA)[0-9A-Z]{16}/g },
  { name: 'github', category: 'service', re: /gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82}/g },
  { name: 'slack', category: 'service', re: /xox[baprs]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/g },
  { name: 'discord', category: 'service', re: /discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,}/g },
  { name: 'telegram', category: 'service', re: /[0-9]{8,10}:[A-Za-z0-9_-]{35}/g },
  { name: 'openai', category: 'service', re: /sk-[A-Za-z0-9_-]{20,}/g },
  { name: 'db-url', category: 'service', re: /[a-z+]{3,20}:\/\/[^:\s/]{1,64}:[^@\s/]{1,128}@/g },
  { name: 'eth-key', category: 'wallet', re: /\b(?:0x)?[0-9a-fA-F]{64}\b/g },
  { name: 'mnemonic', category: 'wallet', re: /\b(?:[a-z]{3,8} ){11,23}[a-z]{3,8}\b/g },
  { name: 'exchange', category: 'exchange', re: /(?:binance|okx|bybit|kraken|kucoin|bitget|gate|htx|huobi|bitfinex|gemini|deribit|mexc|coinbase|bitstamp|bitvavo|crypto)[\w.-]{0,20}(?:key|secret)[\w.-]{0,10}["']?\s{0,4}[:=]\s{0,4}["']?[A-Za-z0-9/+=_-]{16,}/gi },
  { name: 'generic', category: 'generic', re: /(?:key|secret|token|password|passwd|pwd)[\w.-]{0,20}["']?\s{0,4}[:=]\s{0,4}["']?[A-Za-z0-9/+=_.-]{16,}/gi },
];

/** Hits of the naive set: one per regex match, on the line where it starts. */
export function naiveScan(file: CorpusFile): { line: number; category: Category; rule: string }[] {
  const out: { line: number; category: Category; rule: string }[] = [];
  const seen = new Set<number>();
  for (const rule of NAIVE) {
    for (const m of file.text.matchAll(rule.re)) {
      const line = file.text.slice(0, m.index).split('\n').length;
      // One finding per line, first rule wins (what a deduplicating reporter would show).
      if (seen.has(line)) continue;
      seen.add(line);
      out.push({ line, category: rule.category, rule: rule.name });
    }
  }
  return out;
}
