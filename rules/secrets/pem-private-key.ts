/**
 * PEM and OpenSSH private keys (RFC 7468 armour): RSA, EC, DSA, PKCS#8, encrypted PKCS#8, OpenSSH,
 * and OpenPGP private key blocks (RFC 4880 armour). Binance Ed25519/RSA secrets, Bybit RSA secrets
 * and Coinbase CDP keys arrive in this form too. Public keys and certificates never match: only
 * "PRIVATE KEY" armour does. Bodies may be real line breaks or `\n` escapes (JSON, notebooks).
 */
import { defineSecretRule } from '../../src/core/define-rule.js';

const KIND = String.raw`(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|ED25519)[ ]{1,2})?`;

export default defineSecretRule({
  meta: {
    name: 'pem-private-key',
    description: 'Private key (PEM / OpenSSH / PGP) in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Private key in plaintext ({{excerpt}})',
    fix: 'Treat the key as compromised: revoke or rotate it where it is used, remove the file, and keep keys in a secret manager or `keyaudit keys add`.',
  },
  keywords: ['private key'],
  // Body: base64 lines (optionally with \n escapes from JSON; PGP armour headers); bounded to 16 KiB
  // (an 8192-bit RSA key is ~6.5 KiB).
  pattern: new RegExp(
    String.raw`-----BEGIN[ ]{1,2}(?:${KIND}PRIVATE[ ]KEY|PGP[ ]PRIVATE[ ]KEY[ ]BLOCK)-----(?<secret>(?:\\{1,2}[rn]|[\r\n \t]|[A-Za-z0-9+/=:,-]){64,16384})-----END[ ]{1,2}(?:${KIND}PRIVATE[ ]KEY|PGP[ ]PRIVATE[ ]KEY[ ]BLOCK)-----`,
    'g',
  ),
  validate: (body) => {
    const compact = body.replace(/\\{1,2}[rn]|\s/g, '');
    return compact.length >= 64 && !/(?:\.\.\.|<|redacted|example|XXXXXXXX)/i.test(body) && new Set(compact).size >= 20;
  },
  samples: (fake) => {
    const body = fake.base64(600).replace(/(.{64})/g, '$1\n');
    return {
      positive: [
        `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`,
        `-----BEGIN RSA PRIVATE KEY-----\r\n${body.replace(/\n/g, '\r\n')}\r\n-----END RSA PRIVATE KEY-----`,
        `{"privateKey": "-----BEGIN EC PRIVATE KEY-----\\n${body.replace(/\n/g, '\\n')}\\n-----END EC PRIVATE KEY-----\\n"}`,
        `-----BEGIN OPENSSH PRIVATE KEY-----\n${body}\n-----END OPENSSH PRIVATE KEY-----`,
        `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${body}\n=${fake.base64(3)}\n-----END PGP PRIVATE KEY BLOCK-----`,
        `"    \\"key\\": \\"-----BEGIN PRIVATE KEY-----\\\\n${body.replace(/\n/g, '\\\\n')}\\\\n-----END PRIVATE KEY-----\\",\\n",`,
      ],
      negative: [
        `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----`,
        `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`,
        `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${body}\n-----END PGP PUBLIC KEY BLOCK-----`,
        '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----',
        `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n${'A'.repeat(64)}\n-----END PRIVATE KEY-----`,
        'const header = "-----BEGIN PRIVATE KEY-----";',
      ],
    };
  },
});
