#!/usr/bin/env node
// Key-audit bench (issue 4): 50 accounts across 7 exchanges against a loopback exchange double that
// adds 200 ms to every request, through the real adapters, CCXT signing and the request guard.
// Sequential would take >= 50 x 200 ms = 10 s; the target is <= 1.5 s. Also measures the cost of
// loading CCXT in a fresh process (paid only when an audit runs).
//
//   npm run build && node bench/audit.mjs [--accounts 50] [--latency 200] [--runs 3]
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const ACCOUNTS = arg('accounts', 50);
const LATENCY = arg('latency', 200);
const RUNS = arg('runs', 3);

const now = Date.now();
// Documented answer shapes (see fixtures/exchanges/* and the adapters' doc comments); fake values.
const EXCHANGES = {
  binance: { path: 'GET /sapi/v1/account/apiRestrictions', creds: (i) => ({ apiKey: key('bn', i, 64), secret: key('bs', i, 64) }),
    body: () => ({ ipRestrict: true, createTime: now - 864e5, enableReading: true, enableWithdrawals: false, enableInternalTransfer: false, permitsUniversalTransfer: false, enableMargin: false, enableFutures: false, enableVanillaOptions: false, enableSpotAndMarginTrading: true }) },
  okx: { path: 'GET /api/v5/account/config', creds: (i) => ({ apiKey: key('ok', i, 36), secret: key('os', i, 32), password: key('op', i, 12) }),
    body: () => ({ code: '0', msg: '', data: [{ perm: 'read_only,trade', ip: '203.0.113.7', uid: '1', mainUid: '1', label: 'b', opAuth: '0' }] }) },
  bybit: { path: 'GET /v5/user/query-api', creds: (i) => ({ apiKey: key('by', i, 18), secret: key('bys', i, 36) }),
    body: (k) => ({ retCode: 0, retMsg: '', result: { apiKey: k, readOnly: 0, permissions: { Spot: ['SpotTrade'], Wallet: [], ContractTrade: [], Options: [], Derivatives: [] }, ips: ['203.0.113.7'], deadlineDay: -1, expiredAt: '1970-01-01T00:00:00Z', createdAt: new Date(now - 864e5).toISOString(), isMaster: true, type: 1 }, retExtInfo: {}, time: now }) },
  kraken: { path: 'POST /0/private/GetApiKeyInfo', creds: (i) => ({ apiKey: key('kr', i, 56), secret: Buffer.from(key('krs', i, 64)).toString('base64') }),
    body: () => ({ error: [], result: { apiKeyName: 'b', permissions: ['query-open-trades', 'modify-trades'], validUntil: '0', createdTime: String(Math.floor(now / 1000) - 86400), ipAllowlist: ['203.0.113.7'], lastUsed: '0' } }) },
  kucoin: { path: 'GET /api/v1/user/api-key', creds: (i) => ({ apiKey: key('kc', i, 24), secret: key('kcs', i, 36), password: key('kcp', i, 12) }),
    body: (k) => ({ code: '200000', data: { remark: 'b', apiKey: k, apiVersion: 3, permission: 'General,Spot', ipWhitelist: '203.**.7', createdAt: now - 864e5, uid: 1, isMaster: true } }) },
  bitget: { path: 'GET /api/v2/spot/account/info', creds: (i) => ({ apiKey: key('bg', i, 35), secret: key('bgs', i, 64), password: key('bgp', i, 12) }),
    body: () => ({ code: '00000', msg: 'success', requestTime: now, data: { userId: '1', inviterId: '', ips: '203.0.113.7', authorities: ['stow', 'sor'], parentId: 1, traderType: '', channelCode: '', channel: '', regisTime: String(now) } }) },
  deribit: { path: 'GET /api/v2/private/list_api_keys', creds: (i) => ({ apiKey: key('db', i, 10), secret: key('dbs', i, 43) }),
    body: (k) => ({ jsonrpc: '2.0', result: [{ client_id: k, client_secret: 'dropped-by-the-adapter', max_scope: 'account:read trade:read_write', enabled: true, timestamp: now - 864e5, ip_whitelist: ['203.0.113.7'], id: 1, name: 'b', default: false }] }) },
};
function key(prefix, i, length) {
  return `${prefix}${String(i).padStart(4, '0')}${'x'.repeat(length)}`.slice(0, length);
}

const ids = Object.keys(EXCHANGES);
const plan = Array.from({ length: ACCOUNTS }, (_, i) => {
  const exchange = ids[i % ids.length];
  return { name: `acct-${i}`, exchange, creds: EXCHANGES[exchange].creds(i) };
});

let requests = 0;
const server = createServer((req, res) => {
  requests += 1;
  const route = `${req.method} ${(req.url ?? '').split('?')[0]}`;
  const entry = Object.values(EXCHANGES).find((e) => e.path === route);
  const apiKey = String(req.headers['x-mbx-apikey'] ?? req.headers['ok-access-key'] ?? req.headers['x-bapi-api-key'] ?? req.headers['api-key'] ?? req.headers['kc-api-key'] ?? req.headers['access-key'] ?? /id=([^,]+)/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  req.resume();
  setTimeout(() => {
    if (entry === undefined) return res.writeHead(404).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(entry.body(apiKey)));
  }, LATENCY);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

// 1. CCXT import cost in a fresh process (what `keyaudit scan` pays when accounts are configured).
const importMs = [];
for (let i = 0; i < RUNS; i++) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', "const t=performance.now(); await import('ccxt'); console.log(performance.now()-t)"], { cwd: root, encoding: 'utf8' });
  importMs.push(Number(out.trim()));
}

// 2. The audit itself, in this process (CCXT loaded by the first run).
const { auditAccounts } = await import(path.join(root, 'dist/src/audit/index.js'));
const { validateConfig } = await import(path.join(root, 'dist/src/config/resolve.js'));
const { allRules } = await import(path.join(root, 'dist/rules/index.js'));
const env = {};
const raw = {
  accounts: plan.map((p) => {
    const names = {};
    for (const [field, value] of Object.entries(p.creds)) {
      const variable = `${p.name.replace(/-/g, '_').toUpperCase()}_${field.toUpperCase()}`;
      names[field] = variable;
      env[variable] = value;
    }
    return { name: p.name, exchange: p.exchange, credentials: { env: names }, baseUrl };
  }),
};
const config = validateConfig(raw, 'bench.json', allRules, JSON.stringify(raw, null, 2));

const times = [];
const cpu = [];
let statuses = {};
for (let run = 0; run <= RUNS; run++) {
  requests = 0;
  const t = performance.now();
  const u = process.cpuUsage();
  const reports = await auditAccounts({ config, env, now: new Date(), allowUnknown: false });
  const ms = performance.now() - t;
  const used = process.cpuUsage(u);
  if (run > 0) cpu.push((used.user + used.system) / 1000);
  if (run > 0) times.push(ms); // run 0 includes loading CCXT and adapters
  else statuses = reports.reduce((acc, r) => ({ ...acc, [`${r.exchange}:${r.status}`]: (acc[`${r.exchange}:${r.status}`] ?? 0) + 1 }), {});
  if (run === 0) console.log(`first run (loads CCXT + adapters): ${ms.toFixed(0)} ms, ${requests} requests`);
}
server.close();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`accounts: ${ACCOUNTS} across ${ids.length} exchanges (${ids.join(', ')}), latency ${LATENCY} ms/request, concurrencyPerExchange ${config.audit.concurrencyPerExchange}`);
console.log(`statuses: ${JSON.stringify(statuses)}`);
console.log(`audit wall time (warm, median of ${RUNS}): ${median(times).toFixed(0)} ms  [${times.map((x) => x.toFixed(0)).join(', ')}]  target <= 1500 ms; sequential >= ${ACCOUNTS * LATENCY} ms`);
console.log(`audit CPU time (warm, median): ${median(cpu).toFixed(0)} ms (creating 50 CCXT instances, signing, parsing); machine load average ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`);
console.log(`CCXT import, fresh process (median of ${RUNS}): ${median(importMs).toFixed(0)} ms  [${importMs.map((x) => x.toFixed(0)).join(', ')}]`);
