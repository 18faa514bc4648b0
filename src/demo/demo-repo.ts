/**
 * The demo repository: a small trading bot with planted FAKE secrets, generated from a fixed seed
 * so no real-looking secret has to ship in the package. Used by `scan --demo` and by
 * scripts/make-demo-tree.js (fixtures/demo-tree).
 */
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { Fake } from '../core/fake.js';

export function demoRepoFiles(seed = 'keyaudit-demo-tree'): Record<string, string> {
  const fake = new Fake(seed);
  const pem = fake.base64(1190).replace(/(.{64})/g, '$1\n').trim();
  const telegramToken = `${1000000000 + fake.int(999999999)}:AA${fake.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-', 33)}`;
  return {
    'README.md': '# momentum-bot\n\nA demo trading bot with planted FAKE secrets for `keyaudit scan fixtures/demo-tree`.\nNone of these keys exist on any exchange.\n',
    'bot.py': `import ccxt\n\n# FAKE demo values: keyaudit should flag both lines below.\nexchange = ccxt.binance({\n    "apiKey": "${fake.alnum(64)}",\n    "secret": "${fake.alnum(64)}",\n})\n\ndef run():\n    print(exchange.fetch_balance())\n`,
    'user_data/config.json': `${JSON.stringify(
      {
        max_open_trades: 3,
        stake_currency: 'USDT',
        exchange: { name: 'okx', key: fake.uuid(), secret: fake.upperHex(32), password: 'Tr4d1ng-Pass!' },
        telegram: { enabled: true, token: telegramToken, chat_id: '123456789' },
      },
      null,
      2,
    )}\n`,
    '.env': `# FAKE demo credentials\nBINANCE_API_KEY=${fake.alnum(64)}\nBINANCE_SECRET=${fake.alnum(64)}\nKRAKEN_API_KEY=${fake.fromB64Alphabet(56)}\nKRAKEN_PRIVATE_KEY=${fake.base64(64)}\n`,
    '.env.example': 'BINANCE_API_KEY=your_api_key_here\nBINANCE_SECRET=changeme\nKRAKEN_API_KEY=${KRAKEN_API_KEY}\n',
    'keys/deployer.pem': `-----BEGIN PRIVATE KEY-----\n${pem}\n-----END PRIVATE KEY-----\n`,
    'wallet/recovery.txt': `backup seed phrase for the hot wallet (FAKE):\n${entropyToMnemonic(fake.bytes(16), wordlist)}\n`,
    'scripts/withdraw.js': `// FAKE demo value\nconst WALLET_PRIVATE_KEY = "0x${fake.hex(64)}";\nconst recipient = "0x${fake.hex(40)}"; // an address, not a secret\nmodule.exports = { WALLET_PRIVATE_KEY, recipient };\n`,
    'src/safe.js': `// Reads secrets from the environment: nothing to report here.\nconst apiKey = process.env.BINANCE_API_KEY;\nconst secret = process.env['BINANCE_SECRET'];\nconst commit = '${fake.hex(40)}';\nmodule.exports = { apiKey, secret, commit };\n`,
  };
}
