/**
 * EVM (Ethereum, BSC, Arbitrum, …) private keys: 32 bytes as 64 hex digits, optionally `0x`, in an
 * assignment whose name says private key (`PRIVATE_KEY`, `WALLET_KEY`, `pk`, `signer_key`) or passed
 * to a wallet constructor (`new ethers.Wallet("0x…")`, `privateKeyToAccount`, `Account.from_key`).
 * Transaction hashes, block hashes, storage slots and addresses have the same alphabet: they are told
 * apart by the name (hash/tx/block/salt/topic/address are refused) and by length (addresses are 40).
 * A bare `key`/`secret` name needs the `0x` prefix; `API_SECRET=<64 hex>` is an exchange secret.
 * The value must be a valid secp256k1 scalar (1 ≤ k < n).
 */
import { defineSecretRule } from '../../src/core/define-rule.js';
import { CREDENTIAL_KEYWORDS, CREDENTIAL_NAME, NAME_CHARS, QUOTE, assignedName, assignmentScope, assignmentStart, nameWords } from './lib/patterns.js';

const SECP256K1_N = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');

const STRONG = new Set(['private', 'priv', 'privkey', 'privatekey', 'pk', 'signer', 'wallet', 'deployer', 'eth', 'evm', 'operator', 'relayer', 'hot', 'sk', 'keeper']);
const REFUSED = new Set(['hash', 'tx', 'txn', 'txid', 'transaction', 'block', 'salt', 'root', 'topic', 'topics', 'address', 'addr', 'public', 'pub', 'pubkey', 'publickey', 'id', 'commit', 'sha', 'digest', 'checksum', 'nonce', 'signature', 'sig', 'code', 'data', 'storage', 'slot', 'merkle', 'leaf', 'proof', 'domain', 'separator', 'selector', 'role', 'api', 'subaccount', 'account', 'owner', 'hmac', 'session', 'cache', 'encryption', 'aes', 'jwt', 'django', 'rails', 'app', 'cookie', 'csrf', 'flask', 'webhook', 'client', 'access', 'auth']);

/** Well-known development keys printed by Hardhat/Anvil to every user: documentation, not secrets. */
const DEV_KEYS = [
  /ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80/i,
  /59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d/i,
  /5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a/i,
];

/** The start of a key (a look-ahead after `(` or the operator rejects most places before any look-behind runs). */
const HEX_KEY = '(?:0x)?[0-9a-fA-F]{64}';

/** `new Wallet("0x…")` and friends: starts at the `(` (cheap to find), a key must follow, the function name is checked backwards (every name holds a word of the scope: wallet, priv, key, account, signer). */
const WALLET_CALL = String.raw`\((?=[ \t]{0,4}(?:${QUOTE})?${HEX_KEY})(?<=(?:Wallet|privateKeyToAccount|privateKeyToAddress|fromPrivateKey|from_key|fromKey|PrivateKey|LocalAccount|signerFromKey)[ \t]{0,2}\()[ \t]{0,4}(?:${QUOTE})?`;

export default defineSecretRule({
  meta: {
    name: 'evm-private-key',
    description: 'EVM wallet private key in plaintext',
    severity: 'critical',
    recommended: true,
    message: 'EVM wallet private key in plaintext ({{excerpt}})',
    fix: 'Assume the wallet is compromised: move its funds to a new wallet now, then load keys from a hardware wallet, a signer service or `keyaudit keys add` instead of files.',
  },
  keywords: ['key', 'pk', 'priv', 'secret', 'wallet', 'signer', 'account'],
  pattern: new RegExp(
    String.raw`(?:${assignmentStart(String.raw`${CREDENTIAL_NAME}|[${NAME_CHARS}]{0,32}?(?:signer|wallet|deployer|accounts)[${NAME_CHARS}]{0,12}`, HEX_KEY)}|${WALLET_CALL})(?<![0-9A-Za-z])(?<secret>(?:0x)?[0-9a-fA-F]{64})(?![0-9A-Za-z])`,
    'gi',
  ),
  minEntropy: 3.0,
  allow: DEV_KEYS,
  validate: (secret, groups) => {
    const hex = secret.replace(/^0x/i, '');
    const k = BigInt(`0x${hex}`);
    if (k === 0n || k >= SECP256K1_N) return false;
    const name = assignedName(groups);
    if (name === '') return true; // a wallet constructor call
    const words = nameWords(name);
    if (words.some((w) => REFUSED.has(w))) return false;
    if (words.some((w) => STRONG.has(w))) return true;
    // Only `key` / `secret`: ambiguous, so demand the 0x form wallets print. A bare `key` is a
    // map key in storage dumps and traces (`{"key": "0x…", "value": "0x…"}`), never enough.
    if (words.length === 1 && words[0] === 'key') return false;
    return /^0x/i.test(secret) && !words.some((w) => w === 'token' || w.startsWith('pass'));
  },
  samples: (fake) => {
    const key = fake.hex(64);
    return {
      positive: [
        `PRIVATE_KEY=0x${key}`,
        `WALLET_PRIVATE_KEY=${key}`,
        `const wallet = new ethers.Wallet("0x${key}", provider);`,
        `account = Account.from_key('0x${key}')`,
        `deployer:\n  pk: "0x${key}"`,
        `  "privateKey": "0x${key}",`,
      ],
      negative: [
        `TX_HASH=0x${key}`,
        `const txHash = "0x${key}";`,
        `blockHash: '0x${key}'`,
        `WALLET_ADDRESS=0x${fake.hex(40)}`,
        `PRIVATE_KEY=0x${'0'.repeat(63)}1`,
        `PRIVATE_KEY=\${PRIVATE_KEY}`,
        `const pk = process.env.PRIVATE_KEY;`,
        `"integrity": "sha512-${fake.base64(64)}"`,
        `DOMAIN_SEPARATOR = 0x${key}`,
        `secret = "${key}"`,
        `PRIVATE_KEY=0x${'f'.repeat(64)}`,
      ],
    };
  },
  scope: assignmentScope([...CREDENTIAL_KEYWORDS, 'signer', 'wallet', 'deployer', 'account']),
});
