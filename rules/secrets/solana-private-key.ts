/**
 * Solana secret keys: 64 bytes (32-byte Ed25519 seed + its 32-byte public key), written by
 * `solana-keygen` as a JSON array of 64 numbers (`id.json`) or by wallets as base58 (87–88
 * characters). A bare value is reported only when it is a real key pair (the last 32 bytes are the
 * public key of the first 32, checked with node:crypto), which also keeps Solana transaction
 * signatures (base58 of 64 random bytes) and other byte arrays quiet. A value on a line whose name
 * says secret/private/keypair/wallet is reported when it has the right size, and so is an array
 * that opens the file (a keypair file).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { defineSecretRule } from '../../src/core/define-rule.js';
import { base58Decode, base58Encode } from './lib/base58.js';

const B58 = '1-9A-HJ-NP-Za-km-z';
const NAMED = /(?:secret|private|priv|keypair|key[_-]?pair|wallet|signer|payer|authority|fromSecretKey|solana[_-]?key)/i;
const NOT_SECRET = /(?:signature|sig\b|txid|tx[_-]?hash|hash|public|pubkey|address|blockhash)/i;

/** PKCS#8 DER prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows. */
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 public key of a 32-byte seed (native crypto: ~20 µs, not ~1 ms in JS). */
function publicKeyOf(seed: Uint8Array): Buffer {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32);
}

/** True when the last 32 bytes are the Ed25519 public key of the first 32. */
export function isKeyPair(bytes: Uint8Array): boolean {
  if (bytes.length !== 64) return false;
  return Buffer.from(bytes.subarray(32)).equals(publicKeyOf(bytes.subarray(0, 32)));
}

/** A Solana secret key (seed + public key, 64 bytes), as `solana-keygen` writes it. */
export function keyPairFromSeed(seed: Uint8Array): Uint8Array {
  return Uint8Array.from(Buffer.concat([seed, publicKeyOf(seed)]));
}

function bytesOf(secret: string): Uint8Array | null {
  if (secret.startsWith('[')) {
    const nums = secret.slice(1, -1).split(',').map((s) => Number(s.trim()));
    if (nums.length !== 64 || nums.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return null;
    return Uint8Array.from(nums);
  }
  const raw = base58Decode(secret);
  return raw !== null && raw.length === 64 ? raw : null;
}

export default defineSecretRule({
  meta: {
    name: 'solana-private-key',
    description: 'Solana wallet secret key in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Solana wallet secret key in plaintext ({{excerpt}})',
    fix: 'Assume the wallet is compromised: move its funds to a new keypair now, keep keypair files out of the repository (gitignore `*.json` keypairs) and load them from a secret manager.',
  },
  // Always runs: `id.json` holds nothing but the array. Cheap: only on runs of 129+ digits, blanks,
  // commas and brackets (64 numbers) or of 86+ base58 characters (the scope); there the array form
  // starts at a literal `[`, and the base58 form must follow a quote, `=`, `:` or a line break.
  keywords: [],
  pattern: new RegExp(
    String.raw`(?<secret>\[[ \t\r\n]{0,8}(?:[0-9]{1,3}[ \t\r\n]{0,8},[ \t\r\n]{0,8}){63}[0-9]{1,3}[ \t\r\n]{0,8}\])|[\n"'=:][ \t]{0,4}(?<secret2>[${B58}]{86,88})(?![A-Za-z0-9+/=_-])`,
    'g',
  ),
  validate: (secret, groups) => {
    const bytes = bytesOf(secret);
    if (bytes === null) return false;
    if (isKeyPair(bytes)) return true;
    const before = groups.$before ?? '';
    // An array that opens the file is a keypair file (`id.json`, `deploy-keypair.json`).
    if (secret.startsWith('[') && before.trim() === '') return true;
    return NAMED.test(before) && !NOT_SECRET.test(before);
  },
  samples: (fake) => {
    const secretKey = keyPairFromSeed(fake.bytes(32));
    const random = fake.bytes(64);
    return {
      positive: [
        `[${[...secretKey].join(',')}]`,
        `SOLANA_PRIVATE_KEY=${base58Encode(secretKey)}`,
        `[${[...random].join(', ')}]\n`,
        `const payer = Keypair.fromSecretKey(new Uint8Array([${[...random].join(', ')}]));`,
        `"secretKey": "${base58Encode(random)}"`,
      ],
      negative: [
        `const signature = "${base58Encode(random)}";`,
        `const digest = [${[...random].join(',')}];`,
        `HASHES=[${[...random].map((b) => b + 300).join(',')}]`,
        `WALLET=${base58Encode(secretKey.subarray(32))}`,
      ],
    };
  },
  scope: {
    runs: [
      { chars: '0-9 \\t\\r\\n,\\[\\]', min: 129, pad: 2 },
      { chars: B58, min: 86, pad: 8 },
    ],
  },
});
