/**
 * Fixture templates: `{{kind}}` / `{{kind:n}}` tokens filled with deterministic fake values, so no
 * real-looking secret is committed (fixtures.test.ts, scanner-scope.test.ts).
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { base58CheckEncode, base58Encode } from '../../../rules/secrets/lib/base58.js';
import { isKeyPair } from '../../../rules/secrets/solana-private-key.js';
import { Fake } from '../../../src/core/fake.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function solanaPair(f: Fake): Uint8Array {
  // A real Ed25519 key pair: seed + public key (checked with the rule's own verifier).
  for (;;) {
    const seed = Buffer.from(f.bytes(32));
    const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
    const pair = Uint8Array.from([...seed, ...spki.subarray(spki.length - 32)]);
    if (isKeyPair(pair)) return pair;
  }
}

/** Fills `{{kind}}` / `{{kind:n}}` tokens with deterministic fake values. */
export function expandTemplate(template: string, seed: string): string {
  const f = new Fake(seed);
  return template.replace(/\{\{([a-z0-9-]+|HEX)(?::([0-9]+))?\}\}/g, (_all, kind: string, n?: string) => {
    const size = Number(n ?? '0');
    switch (kind) {
      case 'alnum': return f.alnum(size);
      case 'hex': return f.hex(size);
      case 'HEX': return f.upperHex(size);
      case 'digits': return `${1 + f.int(9)}${f.fromAlphabet('0123456789', size - 1)}`;
      case 'upper32': return f.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', size);
      case 'b64url': return f.fromAlphabet(B64URL, size);
      case 'b64': return f.base64(size);
      case 'b64chars': return f.fromB64Alphabet(size);
      case 'base58': return f.base58(size);
      case 'uuid': return f.uuid();
      case 'mnemonic': return entropyToMnemonic(f.bytes((size / 3) * 4), wordlist);
      case 'evm': return `0x${f.hex(64)}`;
      case 'pem': return f.base64(size).replace(/(.{64})/g, '$1\n').trim();
      case 'pem-json': return f.base64(size).replace(/(.{64})/g, '$1\\n').replace(/\\n$/, '');
      case 'solana-array': return `[${[...solanaPair(f)].join(',')}]`;
      case 'solana-b58': return base58Encode(solanaPair(f));
      case 'b58-64': return base58Encode(f.bytes(64));
      case 'wif': return base58CheckEncode(Uint8Array.from([0x80, ...f.bytes(32), 0x01]));
      case 'xprv':
      case 'xpub': {
        const version = kind === 'xprv' ? [0x04, 0x88, 0xad, 0xe4] : [0x04, 0x88, 0xb2, 0x1e];
        return base58CheckEncode(Uint8Array.from([...version, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...f.bytes(32), kind === 'xprv' ? 0 : 2, ...f.bytes(32)]));
      }
      default: throw new Error(`unknown fixture token {{${kind}}}`);
    }
  });
}
