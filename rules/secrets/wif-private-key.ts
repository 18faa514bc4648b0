/**
 * Bitcoin-family private keys in Wallet Import Format: Base58Check of 0x80 (mainnet) or 0xef
 * (testnet) + 32-byte key (+ 0x01 when compressed): 51 or 52 characters starting with 5, K, L (or
 * 9, c on testnet). The Base58Check checksum (4 bytes of double SHA-256) is verified, so random
 * base58 strings of that length never match.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { base58CheckDecode, base58CheckEncode } from './lib/base58.js';

export function isWif(text: string): boolean {
  const payload = base58CheckDecode(text);
  if (payload === null) return false;
  if (payload[0] !== 0x80 && payload[0] !== 0xef) return false;
  return payload.length === 33 || (payload.length === 34 && payload[33] === 0x01);
}

export default defineSecretRule({
  meta: {
    name: 'wif-private-key',
    description: 'Bitcoin private key (WIF) in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Bitcoin private key (WIF) in plaintext ({{excerpt}})',
    fix: 'Assume the key is compromised: sweep its funds to a new wallet now and keep keys out of files and repositories.',
  },
  // Always runs; cheap: only on runs of 51+ base58 characters (the scope), and a run is tried once
  // (look-behind), not per character.
  keywords: [],
  pattern: /(?<![A-Za-z0-9+/_-])(?<secret>[5KL9c][1-9A-HJ-NP-Za-km-z]{50,51})(?![A-Za-z0-9+/=_-])/g,
  validate: (secret) => isWif(secret),
  samples: (fake) => {
    const key = fake.bytes(32);
    const compressed = base58CheckEncode(Uint8Array.from([0x80, ...key, 0x01]));
    const uncompressed = base58CheckEncode(Uint8Array.from([0x80, ...key]));
    const broken = `${compressed.slice(0, 20)}${compressed[20] === 'a' ? 'b' : 'a'}${compressed.slice(21)}`;
    return {
      positive: [`BTC_WIF=${compressed}`, `key = "${uncompressed}"`, `importprivkey ${compressed}`],
      negative: [`BTC_WIF=${broken}`, `address = "1${fake.base58(33)}"`, `blob=${fake.base64(120)}`],
    };
  },
  scope: { runs: [{ chars: '1-9A-HJ-NP-Za-km-z', min: 51, pad: 2 }] },
});
