/**
 * PEM and OpenSSH private keys (RFC 7468 armour): RSA, EC, DSA, PKCS#8, encrypted PKCS#8 and
 * OpenSSH. Binance Ed25519/RSA secrets and Coinbase CDP keys arrive in this form too. Public keys and
 * certificates never match: only "PRIVATE KEY" armour does.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

export default defineSecretRule({
  meta: {
    name: 'pem-private-key',
    description: 'Private key (PEM / OpenSSH) in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Private key in plaintext ({{excerpt}})',
    fix: 'Treat the key as compromised: revoke or rotate it where it is used, remove the file, and keep keys in a secret manager or `keyaudit keys add`.',
  },
  keywords: ['private key'],
  // Body: base64 lines (optionally with \n escapes from JSON); bounded to 16 KiB (a 8192-bit RSA key is ~6.5 KiB).
  pattern:
    /-----BEGIN[ ]{1,2}(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|ED25519)[ ]{1,2})?PRIVATE[ ]KEY-----(?<secret>(?:\\[rn]|[\r\n \t]|[A-Za-z0-9+/=:,-]){64,16384})-----END[ ]{1,2}(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|ED25519)[ ]{1,2})?PRIVATE[ ]KEY-----/g,
  validate: (body) => body.replace(/\\[rn]|\s/g, '').length >= 64 && !/(?:\.\.\.|<|redacted|example)/i.test(body),
  samples: (fake) => {
    const body = fake.base64(600).replace(/(.{64})/g, '$1\n');
    return {
      positive: [
        `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`,
        `-----BEGIN EC PRIVATE KEY-----\n${body}\n-----END EC PRIVATE KEY-----`,
        `{"privateKey": "-----BEGIN EC PRIVATE KEY-----\\n${body.replace(/\n/g, '\\n')}\\n-----END EC PRIVATE KEY-----\\n"}`,
        `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`,
      ],
      negative: [
        `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`,
        `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`,
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        'const header = "-----BEGIN PRIVATE KEY-----";',
      ],
    };
  },
});
