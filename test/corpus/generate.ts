/**
 * Deterministic corpus of realistic bot-operator files for measuring detection quality: Python and
 * JS bots using ccxt, freqtrade config.json, hummingbot conf yml, .env files, docker-compose, k8s
 * manifests, terraform, notebooks, READMEs, key files — plus many hard negatives (lockfiles, git
 * SHAs, UUID ids, data: URIs, minified bundles, EVM addresses and tx hashes, public-key PEMs,
 * checksums, placeholders, env references, documentation examples).
 *
 * Every planted secret is generated at run time by `Fake` from the seed, so nothing real-looking
 * is committed, and is recorded with its category and line span so a test can score precision
 * and recall. `generateCorpus(seed, files)` returns the same corpus for the same arguments.
 */
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import nacl from 'tweetnacl';
import { Fake } from '../../src/core/fake.js';
import { base58CheckEncode, base58Encode } from '../../rules/secrets/lib/base58.js';

export const CATEGORIES = ['exchange', 'wallet', 'pem', 'service', 'generic'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Planted {
  category: Category;
  /** 1-based lines the secret spans (a PEM block spans several). */
  startLine: number;
  endLine: number;
  /** What was planted, for failure messages (a generator label, never the value). */
  label: string;
}

export interface CorpusFile {
  path: string;
  text: string;
  planted: Planted[];
  /** A hard-negative file: nothing in it may be reported. */
  negative: boolean;
}

interface Mark {
  category: Category;
  value: string;
  label: string;
}

type Template = (f: Fake, mark: (category: Category, value: string, label: string) => string) => { path: string; text: string };

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const UPPER32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

/* ------------------------------------------------------------------ secret makers */

interface ExchangeCreds {
  id: string;
  ccxt: string;
  key: string;
  secret: string;
  password?: string;
}

function exchangeCreds(f: Fake): ExchangeCreds {
  const pass = (): string => `${f.pick(['Tr4d', 'B0t', 'Qx', 'Zk9', 'Mm'])}${f.alnum(8)}${f.pick(['!', '#', '-', '@', '%'])}${f.int(99)}`;
  const htx = (): string => `${f.hex(8)}-${f.hex(8)}-${f.hex(8)}-${f.hex(5)}`;
  const choices: (() => ExchangeCreds)[] = [
    () => ({ id: 'binance', ccxt: 'binance', key: f.alnum(64), secret: f.alnum(64) }),
    () => ({ id: 'okx', ccxt: 'okx', key: f.uuid(), secret: f.upperHex(32), password: pass() }),
    () => ({ id: 'bybit', ccxt: 'bybit', key: f.alnum(18), secret: f.alnum(36) }),
    () => ({ id: 'kraken', ccxt: 'kraken', key: f.fromB64Alphabet(56), secret: f.base64(64) }),
    () => ({ id: 'kucoin', ccxt: 'kucoin', key: f.hex(24), secret: f.uuid(), password: pass() }),
    () => ({ id: 'bitget', ccxt: 'bitget', key: `bg_${f.hex(32)}`, secret: f.hex(64), password: pass() }),
    () => ({ id: 'gate', ccxt: 'gate', key: f.hex(32), secret: f.hex(64) }),
    () => ({ id: 'htx', ccxt: 'htx', key: htx(), secret: htx() }),
    () => ({ id: 'bitfinex', ccxt: 'bitfinex', key: f.fromAlphabet(B64URL, 43), secret: f.fromAlphabet(B64URL, 43) }),
    () => ({ id: 'gemini', ccxt: 'gemini', key: `account-${f.alnum(20)}`, secret: f.alnum(28) }),
    () => ({ id: 'deribit', ccxt: 'deribit', key: f.fromAlphabet(B64URL, 8), secret: f.fromAlphabet(B64URL, 43) }),
    () => ({ id: 'mexc', ccxt: 'mexc', key: `mx0${f.alnum(15)}`, secret: f.hex(32) }),
    () => ({ id: 'cryptocom', ccxt: 'cryptocom', key: f.alnum(22), secret: f.alnum(24) }),
    () => ({ id: 'bitstamp', ccxt: 'bitstamp', key: f.alnum(32), secret: f.alnum(32) }),
    () => ({ id: 'bitvavo', ccxt: 'bitvavo', key: f.hex(64), secret: f.hex(128) }),
    () => ({ id: 'coinbase', ccxt: 'coinbase', key: `organizations/${f.uuid()}/apiKeys/${f.uuid()}`, secret: f.base64(64) }),
  ];
  return f.pick(choices)();
}

const evmKey = (f: Fake): string => `0x${f.hex(64)}`;
const mnemonic = (f: Fake): string => entropyToMnemonic(f.bytes(f.pick([16, 16, 16, 20, 24, 28, 32])), wordlist);
const solanaPair = (f: Fake): Uint8Array => nacl.sign.keyPair.fromSeed(f.bytes(32)).secretKey;
const wif = (f: Fake): string => base58CheckEncode(Uint8Array.from([0x80, ...f.bytes(32), 0x01]));
const xprv = (f: Fake): string => base58CheckEncode(Uint8Array.from([0x04, 0x88, 0xad, 0xe4, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...f.bytes(32), 0, ...f.bytes(32)]));
const pemBody = (f: Fake, bytes: number): string => f.base64(bytes).replace(/(.{64})/g, '$1\n').trim();
const pem = (f: Fake, kind: string, bytes = 1190): string => `-----BEGIN ${kind}PRIVATE KEY-----\n${pemBody(f, bytes)}\n-----END ${kind}PRIVATE KEY-----`;
const telegram = (f: Fake): string => `${1000000000 + f.int(999999999)}:AA${f.fromAlphabet(B64URL, 33)}`;
const discordHook = (f: Fake): string => `https://discord.com/api/webhooks/1${f.fromAlphabet(DIGITS, 18)}/${f.fromAlphabet(B64URL, 68)}`;
const slackHook = (f: Fake): string => `https://hooks.slack.com/services/T${f.fromAlphabet(UPPER32, 8)}/B${f.fromAlphabet(UPPER32, 10)}/${f.alnum(24)}`;
const awsId = (f: Fake): string => `AKIA${f.fromAlphabet(UPPER32, 16)}`;
const awsSecret = (f: Fake): string => f.fromB64Alphabet(40);
const ghToken = (f: Fake): string => (f.int(3) === 0 ? `github_pat_${f.alnum(22)}_${f.alnum(59)}` : `ghp_${f.alnum(36)}`);
const openai = (f: Fake): string => (f.int(2) === 0 ? `sk-proj-${f.alnum(56)}T3BlbkFJ${f.alnum(56)}` : `sk-${f.alnum(20)}T3BlbkFJ${f.alnum(20)}`);
const anthropic = (f: Fake): string => `sk-ant-api03-${f.fromAlphabet(B64URL, 93)}AA`;
const dbPassword = (f: Fake): string => f.alnum(12 + f.int(12));
const genericValue = (f: Fake): string => f.pick([() => f.alnum(32), () => f.hex(64), () => f.base64(32), () => f.alnum(24), () => f.hex(40)])();

/* ------------------------------------------------------------------ filler */

const PY_FILLER = [
  'import time\nimport logging\n\nlog = logging.getLogger(__name__)\n',
  'def should_buy(rsi, ema_fast, ema_slow):\n    return rsi < 30 and ema_fast > ema_slow\n',
  'SYMBOLS = ["BTC/USDT", "ETH/USDT", "SOL/USDT"]\nTIMEFRAME = "15m"\nMAX_POSITION = 0.02\n',
  'def main():\n    while True:\n        tick()\n        time.sleep(60)\n\n\nif __name__ == "__main__":\n    main()\n',
  'class RiskManager:\n    def __init__(self, max_drawdown=0.1):\n        self.max_drawdown = max_drawdown\n',
];
const JS_FILLER = [
  "const symbols = ['BTC/USDT', 'ETH/USDT'];\nconst timeframe = '1h';\n",
  'async function loop() {\n  for (;;) {\n    await tick();\n    await new Promise((r) => setTimeout(r, 60_000));\n  }\n}\n',
  'function sma(values, n) {\n  return values.slice(-n).reduce((a, b) => a + b, 0) / n;\n}\n',
];

/* ------------------------------------------------------------------ positive templates */

const positives: Template[] = [
  // Python ccxt bot.
  (f, m) => {
    const c = exchangeCreds(f);
    const pw = c.password === undefined ? '' : `\n    'password': '${m('exchange', c.password, `${c.id}/passphrase`)}',`;
    return {
      path: `bots/${c.id}_bot.py`,
      text: `${f.pick(PY_FILLER)}import ccxt\n\nexchange = ccxt.${c.ccxt}({\n    'apiKey': '${m('exchange', c.key, `${c.id}/key`)}',\n    'secret': '${m('exchange', c.secret, `${c.id}/secret`)}',${pw}\n    'enableRateLimit': True,\n})\n\n${f.pick(PY_FILLER)}`,
    };
  },
  // JS ccxt bot.
  (f, m) => {
    const c = exchangeCreds(f);
    return {
      path: `src/${c.id}.js`,
      text: `import ccxt from 'ccxt';\n\n${f.pick(JS_FILLER)}\nexport const exchange = new ccxt.${c.ccxt}({\n  apiKey: "${m('exchange', c.key, `${c.id}/key`)}",\n  secret: "${m('exchange', c.secret, `${c.id}/secret`)}",\n});\n`,
    };
  },
  // freqtrade config.json.
  (f, m) => {
    const c = exchangeCreds(f);
    const ex: Record<string, unknown> = { name: c.id, key: c.key, secret: c.secret };
    if (c.password !== undefined) ex.password = c.password;
    ex.ccxt_config = {};
    ex.pair_whitelist = ['BTC/USDT', 'ETH/USDT'];
    const tg = f.int(2) === 0;
    const token = telegram(f);
    const config = {
      max_open_trades: 3,
      stake_currency: 'USDT',
      stake_amount: 'unlimited',
      dry_run: false,
      exchange: ex,
      telegram: { enabled: tg, token: tg ? token : '', chat_id: `${f.fromAlphabet(DIGITS, 9)}` },
      api_server: { enabled: false, listen_ip_address: '127.0.0.1', listen_port: 8080, username: 'freqtrader', password: '' },
    };
    m('exchange', c.key, `${c.id}/key`);
    m('exchange', c.secret, `${c.id}/secret`);
    if (c.password !== undefined) m('exchange', c.password, `${c.id}/passphrase`);
    if (tg) m('service', token, 'telegram');
    return { path: 'user_data/config.json', text: `${JSON.stringify(config, null, 4)}\n` };
  },
  // hummingbot connector conf.
  (f, m) => {
    const c = exchangeCreds(f);
    const pw = c.password === undefined ? '' : `${c.id}_passphrase: ${m('exchange', c.password, `${c.id}/passphrase`)}\n`;
    return {
      path: `conf/connectors/conf_${c.id}.yml`,
      text: `#################################\n###   ${c.id} config   ###\n#################################\n\nconnector: ${c.id}\n${c.id}_api_key: ${m('exchange', c.key, `${c.id}/key`)}\n${c.id}_api_secret: ${m('exchange', c.secret, `${c.id}/secret`)}\n${pw}`,
    };
  },
  // .env with exchange keys and services.
  (f, m) => {
    const c = exchangeCreds(f);
    const up = c.id.toUpperCase();
    const lines = [
      '# bot settings',
      `${up}_API_KEY=${m('exchange', c.key, `${c.id}/key`)}`,
      `${up}_API_SECRET="${m('exchange', c.secret, `${c.id}/secret`)}"`,
    ];
    if (c.password !== undefined) lines.push(`${up}_PASSPHRASE=${m('exchange', c.password, `${c.id}/passphrase`)}`);
    lines.push('LOG_LEVEL=info', `TRADING_PAIRS=BTC/USDT,ETH/USDT`);
    if (f.int(2) === 0) lines.push(`TELEGRAM_BOT_TOKEN=${m('service', telegram(f), 'telegram')}`, `TELEGRAM_CHAT_ID=${f.fromAlphabet(DIGITS, 9)}`);
    if (f.int(2) === 0) lines.push(`DISCORD_WEBHOOK_URL=${m('service', discordHook(f), 'discord')}`);
    if (f.int(3) === 0) lines.push(`DATABASE_URL=postgres://bot:${m('service', dbPassword(f), 'db-url')}@db:5432/trades`);
    return { path: f.pick(['.env', '.env.production', 'deploy/.env', 'prod.env']), text: `${lines.join('\n')}\n` };
  },
  // docker-compose.
  (f, m) => {
    const c = exchangeCreds(f);
    const up = c.id.toUpperCase();
    return {
      path: 'docker-compose.yml',
      text: `services:\n  bot:\n    image: ghcr.io/acme/bot:1.4.2\n    restart: unless-stopped\n    environment:\n      - ${up}_API_KEY=${m('exchange', c.key, `${c.id}/key`)}\n      - ${up}_API_SECRET=${m('exchange', c.secret, `${c.id}/secret`)}\n      - REDIS_URL=redis://:${m('service', dbPassword(f), 'redis-url')}@redis:6379/0\n  redis:\n    image: redis:7-alpine\n`,
    };
  },
  // k8s Secret (stringData) and Deployment env.
  (f, m) => {
    const c = exchangeCreds(f);
    const up = c.id.toUpperCase();
    return {
      path: `k8s/${c.id}-secret.yaml`,
      text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: bot-credentials\ntype: Opaque\nstringData:\n  ${up}_API_KEY: "${m('exchange', c.key, `${c.id}/key`)}"\n  ${up}_API_SECRET: "${m('exchange', c.secret, `${c.id}/secret`)}"\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bot\nspec:\n  template:\n    spec:\n      containers:\n        - name: bot\n          env:\n            - name: JWT_SIGNING_KEY\n              value: "${m('generic', f.alnum(40), 'k8s-env')}"\n            - name: ${up}_API_KEY\n              valueFrom:\n                secretKeyRef:\n                  name: bot-credentials\n                  key: ${up}_API_KEY\n`,
    };
  },
  // notebook.
  (f, m) => {
    const c = exchangeCreds(f);
    const src = [`import ccxt\n`, `ex = ccxt.${c.ccxt}({\n`, `    "apiKey": "${m('exchange', c.key, `${c.id}/key`)}",\n`, `    "secret": "${m('exchange', c.secret, `${c.id}/secret`)}",\n`, `})\n`, `ex.fetch_balance()`];
    const nb = {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# Backtest notebook\n', 'Quick look at balances.'] },
        { cell_type: 'code', execution_count: 1, metadata: {}, outputs: [], source: src },
      ],
      metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    };
    return { path: `notebooks/${c.id}-analysis.ipynb`, text: `${JSON.stringify(nb, null, 1)}\n` };
  },
  // terraform tfvars.
  (f, m) => {
    const c = exchangeCreds(f);
    return {
      path: 'infra/prod.tfvars',
      text: `region = "eu-west-1"\ninstance_type = "t3.small"\n${c.id}_api_key    = "${m('exchange', c.key, `${c.id}/key`)}"\n${c.id}_api_secret = "${m('exchange', c.secret, `${c.id}/secret`)}"\n`,
    };
  },
  // Coinbase CDP key files.
  (f, m) => {
    if (f.int(2) === 0) {
      const body = pemBody(f, 121).replace(/\n/g, '\\n');
      const value = `-----BEGIN EC PRIVATE KEY-----\\n${body}\\n-----END EC PRIVATE KEY-----\\n`;
      return { path: 'cdp_api_key.json', text: `{\n   "name": "organizations/${f.uuid()}/apiKeys/${f.uuid()}",\n   "privateKey": "${m('exchange', value, 'coinbase/cdp-ec')}"\n}\n` };
    }
    return { path: 'cdp_api_key.json', text: `{\n   "id": "${f.uuid()}",\n   "privateKey": "${m('exchange', f.base64(64), 'coinbase/cdp-ed25519')}"\n}\n` };
  },
  // Wallets.
  (f, m) => ({ path: '.env', text: `RPC_URL=https://mainnet.infura.io/v3/${f.hex(32)}\nPRIVATE_KEY=${m('wallet', evmKey(f), 'evm/env')}\nCHAIN_ID=1\n` }),
  (f, m) => ({ path: 'scripts/deploy.js', text: `const { ethers } = require("ethers");\n\nconst provider = new ethers.JsonRpcProvider(process.env.RPC_URL);\nconst wallet = new ethers.Wallet("${m('wallet', evmKey(f), 'evm/ethers')}", provider);\n\nasync function main() {\n  const tx = await wallet.sendTransaction({ to: "0x${f.hex(40)}", value: 1n });\n  console.log(tx.hash);\n}\nmain();\n` }),
  (f, m) => ({ path: 'hardhat.config.js', text: `require("@nomicfoundation/hardhat-toolbox");\n\nmodule.exports = {\n  solidity: "0.8.24",\n  networks: {\n    sepolia: {\n      url: "https://rpc.sepolia.org",\n      accounts: ["${m('wallet', evmKey(f), 'evm/hardhat')}"],\n    },\n  },\n};\n` }),
  (f, m) => ({ path: 'bot/wallet.py', text: `from web3 import Web3\nfrom eth_account import Account\n\nw3 = Web3(Web3.HTTPProvider("https://bsc-dataseed.binance.org"))\nacct = Account.from_key("${m('wallet', evmKey(f), 'evm/web3py')}")\n` }),
  (f, m) => ({ path: f.pick(['.env', 'wallet.env', 'config/.env.local']), text: `NETWORK=mainnet\nMNEMONIC="${m('wallet', mnemonic(f), 'bip39/env')}"\n` }),
  (f, m) => ({ path: 'notes/wallet-backup.txt', text: `hot wallet backup - do not share\n\n${m('wallet', mnemonic(f), 'bip39/txt')}\n` }),
  (f, m) => ({ path: 'config/wallet.yaml', text: `wallet:\n  derivation_path: "m/44'/60'/0'/0/0"\n  seed_phrase: ${m('wallet', mnemonic(f), 'bip39/yaml')}\n` }),
  (f) => ({ path: f.pick(['id.json', 'keys/payer.json', 'deploy-keypair.json']), text: `[${[...solanaPair(f)].join(',')}]` }),
  (f, m) => ({ path: 'sol/.env', text: `SOLANA_RPC=https://api.mainnet-beta.solana.com\nSOLANA_PRIVATE_KEY=${m('wallet', base58Encode(solanaPair(f)), 'solana/b58')}\n` }),
  (f, m) => ({ path: 'btc/sweep.py', text: `from bit import Key\n\nkey = Key("${m('wallet', wif(f), 'wif')}")\nprint(key.address)\n` }),
  (f, m) => ({ path: 'btc/.env', text: `XPRV=${m('wallet', xprv(f), 'xprv')}\n` }),
  // PEM.
  (f, m) => ({ path: f.pick(['keys/binance-ed25519.pem', 'secrets/id_rsa', 'deploy/key.pem', 'bybit_rsa_private.pem']), text: `${m('pem', pem(f, f.pick(['', 'RSA ', 'EC ', 'OPENSSH '])), 'pem/file')}\n` }),
  (f, m) => ({
    path: 'gcp-service-account.json',
    text: `{\n  "type": "service_account",\n  "project_id": "bot-${f.hex(6)}",\n  "private_key_id": "${f.hex(40)}",\n  "private_key": "${m('pem', pem(f, '').replace(/\n/g, '\\n'), 'pem/gcp')}\\n",\n  "client_email": "bot@bot.iam.gserviceaccount.com",\n  "client_id": "${f.fromAlphabet(DIGITS, 21)}"\n}\n`,
  }),
  (f, m) => ({ path: 'config/binance.yaml', text: `binance:\n  api_key: ${m('exchange', f.alnum(64), 'binance/key')}\n  private_key: |\n${m('pem', pem(f, '', 119).replace(/^/gm, '    '), 'pem/yaml')}\n` }),
  // Services.
  (f, m) => ({ path: 'notify.py', text: `import requests\n\nWEBHOOK = "${m('service', slackHook(f), 'slack')}"\n\ndef alert(text):\n    requests.post(WEBHOOK, json={"text": text})\n` }),
  (f, m) => ({ path: '.aws/credentials', text: `[default]\naws_access_key_id = ${m('service', awsId(f), 'aws-id')}\naws_secret_access_key = ${m('service', awsSecret(f), 'aws-secret')}\nregion = eu-west-1\n` }),
  (f, m) => ({ path: '.github/workflows/deploy.yml', text: `name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      GH_TOKEN: ${m('service', ghToken(f), 'github')}\n    steps:\n      - uses: actions/checkout@${f.hex(40)}\n      - run: ./deploy.sh\n` }),
  (f, m) => ({ path: 'llm/.env', text: `OPENAI_API_KEY=${m('service', openai(f), 'openai')}\nANTHROPIC_API_KEY=${m('service', anthropic(f), 'anthropic')}\nMODEL=gpt-4o-mini\n` }),
  (f, m) => ({ path: 'settings.py', text: `DEBUG = False\nDATABASES = {"default": dj_database_url.parse("postgresql://trader:${m('service', dbPassword(f), 'db-url')}@10.0.3.7:5432/bot")}\nCELERY_BROKER_URL = "amqp://bot:${m('service', dbPassword(f), 'amqp-url')}@rabbit:5672//"\n` }),
  (f, m) => ({ path: 'src/db.ts', text: `import { MongoClient } from 'mongodb';\n\nconst uri = 'mongodb+srv://bot:${m('service', dbPassword(f), 'mongo-url')}@cluster0.${f.hex(5)}.mongodb.net/trades?retryWrites=true&w=majority';\nexport const client = new MongoClient(uri);\n` }),
  (f, m) => ({ path: 'alerts/discord.js', text: `const hook = '${m('service', discordHook(f), 'discord')}';\nexport async function send(content) {\n  await fetch(hook, { method: 'POST', body: JSON.stringify({ content }) });\n}\n` }),
  // A .env holding an exchange key and other services' secrets of the same shape.
  (f, m) => {
    const c = exchangeCreds(f);
    const up = c.id.toUpperCase();
    const crlf = f.int(2) === 0 ? '\r\n' : '\n';
    return {
      path: 'deploy/.env',
      text: [
        `# ${c.id} trading account`,
        `${up}_API_KEY=${m('exchange', c.key, `${c.id}/key`)}`,
        `${up}_API_SECRET=${m('exchange', c.secret, `${c.id}/secret`)}`,
        '',
        '# app',
        `JWT_SECRET=${m('generic', f.alnum(64), 'generic/jwt-64')}`,
        `WEBHOOK_SECRET=${m('generic', f.hex(64), 'generic/webhook-hex')}`,
        `SESSION_KEY=${m('generic', f.alnum(32), 'generic/session-32')}`,
        '',
      ].join(crlf),
    };
  },
  // Positional arguments of exchange SDKs.
  (f, m) =>
    f.pick([
      () => ({ path: 'bot/spot.py', text: `from binance.client import Client\n\nclient = Client("${m('exchange', f.alnum(64), 'binance/key')}", "${m('exchange', f.alnum(64), 'binance/secret')}")\nprint(client.get_account())\n` }),
      () => ({ path: 'bot/okx_account.py', text: `import okx.Account as Account\n\naccountAPI = Account.AccountAPI("${m('exchange', f.uuid(), 'okx/key')}", "${m('exchange', f.upperHex(32), 'okx/secret')}", "${m('exchange', `Zk9${f.alnum(8)}#1`, 'okx/passphrase')}", False, "0")\n` }),
    ])(),
  // Attribute assignment, INI sections and one-line objects.
  (f, m) => {
    const c = exchangeCreds(f);
    return {
      path: f.pick(['bot/setup.py', 'config/keys.ini', 'src/keys.ts']),
      text: f.pick([
        () => `exchange = ccxt.${c.ccxt}()\nexchange.apiKey = "${m('exchange', c.key, `${c.id}/key`)}"\nexchange.secret = "${m('exchange', c.secret, `${c.id}/secret`)}"\n`,
        () => `[${c.id}]\napi_key = ${m('exchange', c.key, `${c.id}/key`)}\napi_secret = ${m('exchange', c.secret, `${c.id}/secret`)}\n`,
        () => `export const config = { ${c.id}: { apiKey: '${m('exchange', c.key, `${c.id}/key`)}', apiSecret: '${m('exchange', c.secret, `${c.id}/secret`)}' } };\n`,
      ])(),
    };
  },
  // python-binance style: names without the exchange, the import names it.
  (f, m) => ({
    path: 'bot/main.py',
    text: `from binance.client import Client\n\nAPI_KEY = "${m('exchange', f.alnum(64), 'binance/key')}"\nAPI_SECRET = "${m('exchange', f.alnum(64), 'binance/secret')}"\n\nclient = Client(API_KEY, API_SECRET)\n${f.pick(PY_FILLER)}`,
  }),
  // Nested JSON config with several exchanges.
  (f, m) => {
    const a = exchangeCreds(f);
    let b = exchangeCreds(f);
    while (b.id === a.id) b = exchangeCreds(f);
    const cfg = { exchanges: { [a.id]: { api_key: a.key, api_secret: a.secret }, [b.id]: { api_key: b.key, api_secret: b.secret } }, risk: { max_leverage: 3 } };
    for (const c of [a, b]) {
      m('exchange', c.key, `${c.id}/key`);
      m('exchange', c.secret, `${c.id}/secret`);
    }
    return { path: 'config/exchanges.json', text: `${JSON.stringify(cfg, null, 2)}\n` };
  },
  // Notebook with a wallet key.
  (f, m) => {
    const nb = { cells: [{ cell_type: 'code', execution_count: 3, metadata: {}, outputs: [], source: ['from web3 import Web3\n', `PRIVATE_KEY = "${m('wallet', evmKey(f), 'evm/notebook')}"\n`, 'acct = w3.eth.account.from_key(PRIVATE_KEY)'] }], metadata: {}, nbformat: 4, nbformat_minor: 5 };
    return { path: 'notebooks/onchain.ipynb', text: `${JSON.stringify(nb, null, 1)}\n` };
  },
  // Generic secrets.
  (f, m) => ({ path: '.env', text: `PORT=8080\nJWT_SECRET=${m('generic', genericValue(f), 'generic/jwt')}\nSESSION_SECRET='${m('generic', genericValue(f), 'generic/session')}'\nADMIN_PASSWORD=${m('generic', `${f.alnum(10)}${f.pick(['!', '#', '$x', '%'])}${f.int(90) + 10}`, 'generic/password')}\n` }),
  (f, m) => ({ path: 'config/app.yaml', text: `server:\n  port: 8080\nauth:\n  webhook_secret: "${m('generic', genericValue(f), 'generic/webhook')}"\n  api_token: ${m('generic', genericValue(f), 'generic/token')}\nfeatures:\n  paper_trading: true\n` }),
  (f, m) => ({ path: 'src/config.ts', text: `export const config = {\n  port: 3000,\n  signingSecret: '${m('generic', genericValue(f), 'generic/ts')}',\n  encryptionKey: "${m('generic', f.hex(64), 'generic/enc')}",\n};\n` }),
  (f, m) => ({ path: 'config.toml', text: `[server]\nhost = "0.0.0.0"\n\n[signal_provider]\nurl = "https://signals.example.org/v1"\nauth_token = "${m('generic', genericValue(f), 'generic/toml')}"\n` }),
];

/* ------------------------------------------------------------------ hard negatives */

const negatives: Template[] = [
  // Lockfiles.
  (f) => {
    const pkgs = Array.from({ length: 30 }, (_, i) => `    "node_modules/pkg-${i}": {\n      "version": "${f.int(9)}.${f.int(20)}.${f.int(30)}",\n      "resolved": "https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz",\n      "integrity": "sha512-${f.base64(64)}",\n      "license": "MIT"\n    }`);
    return { path: 'package-lock.json', text: `{\n  "name": "bot",\n  "lockfileVersion": 3,\n  "packages": {\n${pkgs.join(',\n')}\n  }\n}\n` };
  },
  (f) => ({ path: 'yarn.lock', text: Array.from({ length: 25 }, (_, i) => `"dep-${i}@^1.0.0":\n  version "1.${i}.0"\n  resolved "https://registry.yarnpkg.com/dep-${i}/-/dep-${i}-1.${i}.0.tgz#${f.hex(40)}"\n  integrity sha512-${f.base64(64)}\n`).join('\n') }),
  (f) => ({ path: 'poetry.lock', text: Array.from({ length: 15 }, (_, i) => `[[package]]\nname = "lib${i}"\nversion = "2.${i}.1"\nfiles = [\n    {file = "lib${i}-2.${i}.1.tar.gz", hash = "sha256:${f.hex(64)}"},\n]\n`).join('\n') }),
  // Git SHAs.
  (f) => ({ path: 'CHANGELOG.md', text: `# Changelog\n\n${Array.from({ length: 20 }, () => `- ${f.pick(['fix', 'feat', 'chore'])}: ${f.pick(['retry on 429', 'new strategy', 'bump ccxt'])} (${f.hex(40)})`).join('\n')}\n` }),
  (f) => ({ path: '.git-blame-ignore-revs', text: `# formatting commits\n${f.hex(40)}\n${f.hex(40)}\n` }),
  (f) => ({ path: '.github/workflows/ci.yml', text: `jobs:\n  test:\n    steps:\n      - uses: actions/checkout@${f.hex(40)} # v4\n      - uses: actions/setup-node@${f.hex(40)}\n        with:\n          node-version: 20\n      - run: npm ci\n        env:\n          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}\n          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}\n` }),
  (f) => ({ path: 'deploy/values.yaml', text: `image:\n  repository: ghcr.io/acme/bot\n  tag: "${f.hex(40)}"\n  digest: sha256:${f.hex(64)}\ncommitSha: ${f.hex(40)}\n` }),
  // UUIDs as ids.
  (f) => ({ path: 'data/orders.json', text: `${JSON.stringify(Array.from({ length: 12 }, () => ({ id: f.uuid(), client_order_id: f.uuid(), symbol: 'BTC/USDT', side: f.pick(['buy', 'sell']), amount: f.int(1000) / 1000, request_id: f.uuid() })), null, 2)}\n` }),
  (f) => ({ path: 'src/ids.py', text: `TRACE_ID = "${f.uuid()}"\nACCOUNT_ID = "${f.uuid()}"\nsubaccount_uuid = '${f.uuid()}'\nSTRATEGY_ID = "${f.uuid()}"\n` }),
  // data: URIs.
  (f) => ({ path: 'web/styles.css', text: `.logo {\n  background-image: url("data:image/png;base64,${f.base64(600)}");\n}\n.icon-key { background: url(data:image/svg+xml;base64,${f.base64(200)}); }\n` }),
  (f) => ({ path: 'web/index.html', text: `<!doctype html>\n<html><head><link rel="icon" href="data:image/x-icon;base64,${f.base64(300)}"></head>\n<body><img alt="key icon" src="data:image/png;base64,${f.base64(400)}"></body></html>\n` }),
  // Minified bundle.
  (f) => {
    const parts: string[] = [];
    for (let i = 0; i < 150; i++) {
      parts.push(
        f.pick([
          () => `var ${f.fromAlphabet('abcdefghijklmnopqrstuvwxyz', 2)}=function(e,t){return e.key="${f.alnum(24)}",t}`,
          () => `n.token="${f.hex(32)}"`,
          () => `e.exports={hash:"${f.hex(20)}",secretKey:"${f.alnum(32)}"}`,
          () => `i.apiKey=o.apiKey||"${f.alnum(20)}"`,
          () => `t.sha="${f.hex(40)}"`,
          () => `r.d(t,{a:function(){return ${f.fromAlphabet('abcdefghij', 1)}}})`,
        ])(),
      );
    }
    return { path: 'dist/app.min.js', text: `!function(){${parts.join(';')}}();\n` };
  },
  // EVM addresses and transaction hashes.
  (f) => ({ path: 'contracts/addresses.json', text: `{\n  "router": "0x${f.hex(40)}",\n  "factory": "0x${f.hex(40)}",\n  "WETH": "0x${f.hex(40)}",\n  "deployTxHash": "0x${f.hex(64)}",\n  "blockHash": "0x${f.hex(64)}"\n}\n` }),
  (f) => ({ path: 'scripts/check_tx.py', text: `TX_HASH = "0x${f.hex(64)}"\ntx_hash = "0x${f.hex(64)}"\nTOKEN_ADDRESS = "0x${f.hex(40)}"\nWALLET_ADDRESS = "0x${f.hex(40)}"\nreceipt = w3.eth.get_transaction_receipt(TX_HASH)\n# https://etherscan.io/tx/0x${f.hex(64)}\n` }),
  (f) => ({ path: 'src/constants.sol', text: `bytes32 constant DOMAIN_SEPARATOR = 0x${f.hex(64)};\nbytes32 public constant MINTER_ROLE = 0x${f.hex(64)};\nbytes32 private constant SALT = 0x${f.hex(64)};\naddress constant OWNER = 0x${f.hex(40)};\n` }),
  (f) => ({ path: 'logs/solana.log', text: `signature = "${base58Encode(f.bytes(64))}"\npubkey: ${base58Encode(f.bytes(32))}\nblockhash: ${base58Encode(f.bytes(32))}\n` }),
  // Public-key PEMs and certificates.
  (f) => ({ path: 'keys/binance-ed25519.pub.pem', text: `-----BEGIN PUBLIC KEY-----\n${pemBody(f, 44)}\n-----END PUBLIC KEY-----\n` }),
  (f) => ({ path: 'certs/ca.crt', text: `-----BEGIN CERTIFICATE-----\n${pemBody(f, 900)}\n-----END CERTIFICATE-----\n` }),
  (f) => ({ path: 'keys/id_ed25519.pub', text: `ssh-ed25519 ${f.base64(51)} bot@server\n` }),
  (f) => ({ path: 'keys/signing.asc', text: `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${pemBody(f, 700)}\n-----END PGP PUBLIC KEY BLOCK-----\n` }),
  // Checksums.
  (f) => ({ path: 'SHA256SUMS', text: Array.from({ length: 8 }, (_, i) => `${f.hex(64)}  keyaudit-${i}.tgz`).join('\n') + '\n' }),
  (f) => ({ path: 'release.json', text: `{"artifact": "bot.tar.gz", "checksum": "sha256:${f.hex(64)}", "md5": "${f.hex(32)}", "etag": "\\"${f.hex(32)}\\""}\n` }),
  // Placeholders and env references.
  () => ({ path: '.env.example', text: `BINANCE_API_KEY=your_api_key_here\nBINANCE_API_SECRET=your_secret_here\nOKX_PASSPHRASE=changeme\nKRAKEN_API_KEY=\${KRAKEN_API_KEY}\nTELEGRAM_TOKEN=<telegram-bot-token>\nPRIVATE_KEY=0x...\nMNEMONIC=\nDATABASE_URL=postgres://user:password@localhost:5432/bot\nJWT_SECRET=xxxxxxxxxxxxxxxxxxxxxxxx\n` }),
  () => ({ path: 'src/exchange.py', text: `import os\nimport ccxt\n\nexchange = ccxt.binance({\n    'apiKey': os.environ["BINANCE_API_KEY"],\n    'secret': os.getenv("BINANCE_API_SECRET"),\n})\n` }),
  () => ({ path: 'src/exchange.js', text: `const exchange = new ccxt.bybit({\n  apiKey: process.env.BYBIT_API_KEY,\n  secret: process.env['BYBIT_API_SECRET'],\n  password: config.passphrase,\n});\n` }),
  () => ({ path: 'docker-compose.prod.yml', text: `services:\n  bot:\n    environment:\n      BINANCE_API_KEY: \${BINANCE_API_KEY}\n      BINANCE_API_SECRET: \${BINANCE_API_SECRET:?missing}\n      DATABASE_URL: postgres://\${DB_USER}:\${DB_PASSWORD}@db/bot\n` }),
  () => ({ path: 'user_data/config.example.json', text: `{\n  "exchange": {\n    "name": "kraken",\n    "key": "",\n    "secret": "",\n    "ccxt_config": {}\n  },\n  "telegram": {"enabled": false, "token": "your_telegram_token", "chat_id": ""}\n}\n` }),
  () => ({ path: 'k8s/deployment.yaml', text: `env:\n  - name: BINANCE_API_SECRET\n    valueFrom:\n      secretKeyRef:\n        name: bot\n        key: secret\n  - name: LOG_LEVEL\n    value: debug\n` }),
  // Documentation examples.
  () => ({ path: 'docs/aws.md', text: '```ini\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n```\n' }),
  () => ({ path: 'docs/wallet.md', text: `Test mnemonic (never use it): \`abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about\`\n\nHardhat account #0: \`0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80\`\n` }),
  () => ({ path: 'README.md', text: '# momentum-bot\n\n## Setup\n\n```bash\nexport BINANCE_API_KEY=<your key>\nexport BINANCE_API_SECRET=<your secret>\nexport OPENAI_API_KEY=sk-...\n```\n\nThe bot reads keys from the environment. Never commit your keys.\n' }),
  // Code full of key-ish words that is not a secret.
  (f) => ({ path: 'src/cache.py', text: `cache_key = "${f.hex(32)}"\nsort_key = lambda row: row["ts"]\nidempotency_key = "${f.uuid()}"\nprimary_key = "id"\nPUBLIC_KEY = "${f.base64(32)}"\nAPI_KEY_ID = "${f.alnum(20)}"\nSECRET_NAME = "prod/bot/binance"\napi_key = get_secret("binance-key")\ntoken_address = "0x${f.hex(40)}"\nnonce = "${f.hex(32)}"\n` }),
  (f) => ({ path: 'src/hashing.ts', text: `export const hash = "${f.hex(64)}";\nexport const signature = "${f.base64(64)}";\nconst csrfToken = crypto.randomUUID();\nconst nextPageToken = "${f.alnum(40)}";\nexport const keyboardShortcut = "ctrl+k";\n` }),
  (f) => ({ path: 'data/candles.csv', text: `ts,open,high,low,close,volume\n${Array.from({ length: 40 }, (_, i) => `${1700000000 + i * 60},${f.int(50000)}.${f.int(99)},${f.int(50000)}.${f.int(99)},${f.int(50000)}.${f.int(99)},${f.int(50000)}.${f.int(99)},${f.int(999)}`).join('\n')}\n` }),
  (f) => ({ path: 'notebooks/results.ipynb', text: `${JSON.stringify({ cells: [{ cell_type: 'code', source: ['import hashlib\n', 'hashlib.sha256(b"x").hexdigest()'], outputs: [{ output_type: 'execute_result', data: { 'text/plain': [`'${f.hex(64)}'`] } }], metadata: {} }], nbformat: 4, nbformat_minor: 5, metadata: {} }, null, 1)}\n` }),
  () => ({ path: 'docs/strategy.md', text: 'The bot buys when the fast average crosses above the slow one and sells when momentum fades.\nIt keeps a small position and a strict stop loss, and it never risks more than two percent of the balance.\n' }),
  () => ({ path: 'docs/keys.md', text: '## Ed25519 keys\n\nPaste the key in this form:\n\n```\n-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n```\n' }),
  () => ({ path: 'src/pem.ts', text: "const PRIVATE_HEADER = '-----BEGIN PRIVATE KEY-----';\nconst RSA_HEADER = '-----BEGIN RSA PRIVATE KEY-----';\nexport const isPrivatePem = (s: string) => s.startsWith(PRIVATE_HEADER) || s.startsWith(RSA_HEADER);\n" }),
  (f) => ({ path: 'traces/storage.json', text: `${JSON.stringify(Array.from({ length: 6 }, () => ({ key: `0x${f.hex(64)}`, value: `0x${f.hex(64)}` })), null, 2)}\n` }),
  (f) => ({ path: 'infra/.env.prod', text: `KMS_KEY_ARN=arn:aws:kms:eu-west-1:${f.fromAlphabet(DIGITS, 12)}:key/${f.uuid()}\nSECRET_ARN=arn:aws:secretsmanager:eu-west-1:${f.fromAlphabet(DIGITS, 12)}:secret:bot-${f.alnum(6)}\nTOKEN_URL=https://auth.example.org/oauth/token\nAPI_KEY_ID=${f.alnum(20)}\nPASSWORD_HASH=$2b$12$${f.fromAlphabet(B64URL, 53)}\n` }),
  () => ({ path: 'infra/variables.tf', text: 'variable "binance_api_key" {\n  type      = string\n  sensitive = true\n}\n\nvariable "binance_api_secret" {\n  type      = string\n  sensitive = true\n}\n' }),
  (f) => ({ path: 'notebooks/env.ipynb', text: `${JSON.stringify({ cells: [{ cell_type: 'code', source: ['import os\n', 'api_key = os.environ["BINANCE_API_KEY"]\n', `commit = "${f.hex(40)}"`], outputs: [], metadata: {} }], nbformat: 4, nbformat_minor: 5, metadata: {} }, null, 1)}\n` }),
  (f) => ({ path: 'test/fixtures/vectors.json', text: `{"bytes": [${Array.from(f.bytes(64)).join(',')}], "public": "${base58Encode(f.bytes(32))}"}\n` }),
];

/** Builds `files` files (positives and hard negatives interleaved, roughly 1:1) from `seed`. */
export function generateCorpus(seed: string | number, files: number): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (let i = 0; i < files; i++) {
    const f = new Fake(`${seed}/${i}`);
    const negative = i % 2 === 1;
    const marks: Mark[] = [];
    const mark = (category: Category, value: string, label: string): string => {
      marks.push({ category, value, label });
      return value;
    };
    const template = negative ? (negatives[(i >> 1) % negatives.length] as Template) : (positives[(i >> 1) % positives.length] as Template);
    const built = template(f, mark);
    // Solana id.json: the whole file is the key.
    if (!negative && marks.length === 0 && built.text.startsWith('[')) marks.push({ category: 'wallet', value: built.text, label: 'solana/array' });
    const planted: Planted[] = [];
    let from = 0;
    for (const m of marks) {
      let at = built.text.indexOf(m.value);
      if (at === -1) at = built.text.indexOf(JSON.stringify(m.value).slice(1, -1));
      if (at === -1) throw new Error(`corpus: planted value not found (${m.label}) in ${built.path}`);
      from = at;
      const startLine = lineAt(built.text, from);
      const endLine = lineAt(built.text, from + m.value.length);
      planted.push({ category: m.category, startLine, endLine, label: m.label });
    }
    out.push({ path: `repo-${Math.floor(i / 40)}/${built.path}`, text: built.text, planted, negative });
  }
  return out;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export const TEMPLATE_COUNTS = { positives: positives.length, negatives: negatives.length };
