/**
 * BIP32 extended private keys (`xprv`, and the `tprv`/`yprv`/`zprv`/`uprv`/`vprv` variants):
 * Base58Check of 78 bytes, 111–112 characters. The checksum is verified. An extended private key
 * derives every key of the wallet below it, so it is as bad as a seed phrase.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { base58CheckDecode, base58CheckEncode } from './lib/base58.js';

/** Version bytes of the private variants (SLIP-0132): xprv, tprv, yprv, zprv, uprv, vprv. */
const PRIVATE_VERSIONS = new Set([0x0488ade4, 0x04358394, 0x049d7878, 0x04b2430c, 0x044a4e28, 0x045f18bc]);

export function isExtendedPrivateKey(text: string): boolean {
  const payload = base58CheckDecode(text);
  if (payload === null || payload.length !== 78) return false;
  const version = (((payload[0] as number) << 24) | ((payload[1] as number) << 16) | ((payload[2] as number) << 8) | (payload[3] as number)) >>> 0;
  return PRIVATE_VERSIONS.has(version) && payload[45] === 0;
}

export default defineSecretRule({
  meta: {
    name: 'bip32-extended-private-key',
    description: 'HD wallet extended private key (xprv) in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'HD wallet extended private key in plaintext ({{excerpt}})',
    fix: 'Assume the whole wallet tree is compromised: create a new wallet, move the funds, and keep extended keys out of files.',
  },
  keywords: ['xprv', 'tprv', 'yprv', 'zprv', 'uprv', 'vprv'],
  pattern: /(?<![A-Za-z0-9])(?<secret>[xtyzuv]prv[1-9A-HJ-NP-Za-km-z]{107,108})(?![A-Za-z0-9])/g,
  validate: (secret) => isExtendedPrivateKey(secret),
  samples: (fake) => {
    const payload = Uint8Array.from([0x04, 0x88, 0xad, 0xe4, 3, ...fake.bytes(4), 0, 0, 0, 1, ...fake.bytes(32), 0, ...fake.bytes(32)]);
    const xprv = base58CheckEncode(payload);
    const xpub = base58CheckEncode(Uint8Array.from([0x04, 0x88, 0xb2, 0x1e, ...payload.subarray(4, 45), 2, ...payload.subarray(46)]));
    return {
      positive: [`XPRV=${xprv}`, `"extendedKey": "${xprv}"`],
      negative: [`XPUB=${xpub}`, `XPRV=${xprv.slice(0, 50)}${xprv[50] === 'a' ? 'b' : 'a'}${xprv.slice(51)}`],
    };
  },
});
