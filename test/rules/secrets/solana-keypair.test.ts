/**
 * The Solana rule derives Ed25519 public keys with node:crypto (fast, and keeps tweetnacl off the
 * pre-commit path); tweetnacl, an independent implementation, cross-checks it here.
 */
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { isKeyPair, keyPairFromSeed } from '../../../rules/secrets/solana-private-key.js';
import { Fake } from '../../../src/core/fake.js';

describe('Solana key pairs (node:crypto vs tweetnacl)', () => {
  const fake = new Fake('solana-keypair');
  const seeds = Array.from({ length: 25 }, () => fake.bytes(32));

  it('derives the same 64-byte secret key as tweetnacl from the same seed', () => {
    for (const seed of seeds) expect(Buffer.from(keyPairFromSeed(seed)).toString('hex')).toBe(Buffer.from(nacl.sign.keyPair.fromSeed(seed).secretKey).toString('hex'));
  });

  it('accepts tweetnacl key pairs and rejects a pair with one bit flipped in either half', () => {
    for (const seed of seeds) {
      const pair = nacl.sign.keyPair.fromSeed(seed).secretKey;
      expect(isKeyPair(pair)).toBe(true);
      for (const index of [0, 40]) {
        const broken = Uint8Array.from(pair);
        broken[index] = (broken[index] as number) ^ 1;
        expect(isKeyPair(broken)).toBe(false);
      }
    }
  });
});
