/**
 * Coinbase Developer Platform (CDP) API key files, as downloaded from the portal
 * (docs.cdp.coinbase.com, "Creating API keys"): ECDSA keys
 * `{"name": "organizations/<uuid>/apiKeys/<uuid>", "privateKey": "-----BEGIN EC PRIVATE KEY-----…"}`
 * and Ed25519 keys `{"id": "<uuid>", "privateKey": "<88 base64 characters>"}` (64 bytes: seed +
 * public key). Neither file names Coinbase, so the key's own shape and the file's shape are the
 * evidence: an EC PEM next to an `organizations/…/apiKeys/…` name, or a 64-byte base64 private key
 * next to a UUID `id` or a Coinbase/CDP mention.
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { NAME_CHARS, assignmentStart } from './lib/patterns.js';

export default defineSecretRule({
  meta: {
    name: 'coinbase-cdp-key',
    description: 'Coinbase CDP API key file (private key) in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'Coinbase CDP API private key in plaintext ({{excerpt}})',
    fix: 'Delete the key in the Coinbase Developer Platform portal, create a new one with only view/trade permission and an IP allowlist, and keep the key file out of the repository (`keyaudit keys add`).',
  },
  keywords: ['privatekey', 'private_key', 'apikeys/', 'cdp', 'coinbase'],
  pattern: new RegExp(
    String.raw`${assignmentStart(String.raw`[${NAME_CHARS}]{0,32}?(?:private[_-]?key|api[_-]?secret|secret|key[_-]?secret|cdp[_-]?(?:api[_-]?)?(?:private[_-]?)?key)`, '(?:-----BEGIN|[A-Za-z0-9+/]{86}==)')}(?:-----BEGIN[ ]EC[ ]PRIVATE[ ]KEY-----(?<secret>(?:\\{1,2}[rn]|[\r\n \t]|[A-Za-z0-9+/=]){64,2048})-----END[ ]EC[ ]PRIVATE[ ]KEY-----|(?<secret2>[A-Za-z0-9+/]{86}==)(?![A-Za-z0-9+/=]))`,
    'gi',
  ),
  context: /organizations\/[0-9a-f-]{36}\/apiKeys\/|coinbase|(?<![a-z])cdp(?![a-z])|"id"[ \t]{0,4}:[ \t]{0,4}"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/i,
  contextWindow: 400,
  validate: (body) => body.replace(/\\{1,2}[rn]|\s/g, '').length >= 64,
  samples: (fake) => {
    const pem = fake.base64(121).replace(/(.{64})/g, '$1\\n');
    const name = `organizations/${fake.uuid()}/apiKeys/${fake.uuid()}`;
    return {
      positive: [
        `{\n  "name": "${name}",\n  "privateKey": "-----BEGIN EC PRIVATE KEY-----\\n${pem}\\n-----END EC PRIVATE KEY-----\\n"\n}`,
        `{\n  "id": "${fake.uuid()}",\n  "privateKey": "${fake.base64(64)}"\n}`,
        `COINBASE_API_SECRET="${fake.base64(64)}"`,
      ],
      negative: [
        `{"id": "${fake.uuid()}", "publicKey": "${fake.base64(64)}"}`,
        `{"name": "${name}", "privateKey": "\${CDP_PRIVATE_KEY}"}`,
        `"privateKey": "${fake.base64(64)}"`,
      ],
    };
  },
});
