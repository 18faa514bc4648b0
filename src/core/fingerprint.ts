/**
 * Finding fingerprints: a one-way, domain-separated hash of rule id + file path + secret, plus an
 * occurrence index for repeats in one file. It identifies the secret, not its line, so inline allows
 * and baselines survive edits that move lines. Low-entropy secrets (a short DB password) could be
 * guessed from a fast hash, so those go through scrypt, salted with rule and path.
 */
import { createHash, scryptSync } from 'node:crypto';
import { shannonEntropy } from './entropy.js';

const DOMAIN = 'keyaudit/fingerprint/v1';

export function secretFingerprint(ruleId: string, file: string, secret: string, occurrence = 0): string {
  const salt = `${DOMAIN}\0${ruleId}\0${file}`;
  let material: Buffer;
  if (secret.length < 20 || shannonEntropy(secret) < 3.5) {
    // Guessable value: make each guess cost a few milliseconds (N = 2^12).
    material = scryptSync(secret, salt, 32, { N: 4096, r: 8, p: 1 });
  } else {
    material = createHash('sha256').update(salt).update('\0').update(secret).digest();
  }
  const digest = createHash('sha256').update(DOMAIN).update(material).digest('hex').slice(0, 32);
  return occurrence === 0 ? digest : `${digest}:${occurrence}`;
}

/** Fingerprint of a finding that holds no secret (file hygiene, key posture). */
export function plainFingerprint(...parts: string[]): string {
  return createHash('sha256').update(DOMAIN).update('\0').update(parts.join('\0')).digest('hex').slice(0, 32);
}
