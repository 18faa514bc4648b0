/**
 * Deterministic generator of fake credentials for samples, fixtures and corpora. Fake secrets are
 * built at run time from a seed, so the repository holds no real-looking literal secrets.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Words that make a value look like a placeholder; fakes must never contain them. */
const PLACEHOLDER_BITS = /example|sample|dummy|test|xxx|your|fake|placeholder|changeme|redacted|secret|demo/i;

export class Fake {
  private state: number;
  constructor(seed: number | string = 1) {
    this.state = typeof seed === 'number' ? seed >>> 0 : hashSeed(seed);
  }

  /** mulberry32: small, fast, good enough for test data (not for cryptography). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  fromAlphabet(alphabet: string, length: number): string {
    for (;;) {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)];
      // Reject outputs that look like placeholders or have too little variety to pass entropy checks.
      if (!PLACEHOLDER_BITS.test(out) && new Set(out).size >= Math.min(length, alphabet.length) / 3) return out;
    }
  }

  alnum(length: number): string {
    return this.fromAlphabet(ALNUM, length);
  }
  hex(length: number): string {
    return this.fromAlphabet(HEX, length);
  }
  upperHex(length: number): string {
    return this.hex(length).toUpperCase();
  }
  base58(length: number): string {
    return this.fromAlphabet(B58, length);
  }
  /** Base64 of `bytes` random bytes, with padding. */
  base64(bytes: number): string {
    const buf = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) buf[i] = this.int(256);
    const text = Buffer.from(buf).toString('base64');
    return /[A-Za-z0-9+/]{4}/.test(text) && !PLACEHOLDER_BITS.test(text) ? text : this.base64(bytes);
  }
  fromB64Alphabet(length: number): string {
    return this.fromAlphabet(B64, length);
  }
  uuid(): string {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  bytes(n: number): Uint8Array {
    const buf = new Uint8Array(n);
    for (let i = 0; i < n; i++) buf[i] = this.int(256);
    return buf;
  }
}

function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
