/** `keys import`'s pure half: .env parsing, variable-name recognition, grouping and byte-exact removal. */
import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { classifyEnvName, parseEnvFile, planImport, removeAssignments } from '../../src/store/dotenv.js';

describe('classifyEnvName', () => {
  it.each([
    ['BINANCE_API_KEY', { exchange: 'binance', label: '', field: 'apiKey' }],
    ['BINANCE_SECRET', { exchange: 'binance', label: '', field: 'secret' }],
    ['BINANCE_SECRET_KEY', { exchange: 'binance', label: '', field: 'secret' }],
    ['BINANCE_API_SECRET', { exchange: 'binance', label: '', field: 'secret' }],
    ['binance_api_key', { exchange: 'binance', label: '', field: 'apiKey' }],
    ['BINANCE_MAIN_API_KEY', { exchange: 'binance', label: 'MAIN', field: 'apiKey' }],
    ['BINANCE_MAIN_SECRET_KEY', { exchange: 'binance', label: 'MAIN', field: 'secret' }],
    ['OKX_PASSPHRASE', { exchange: 'okx', label: '', field: 'password' }],
    ['OKX_API_PASSPHRASE', { exchange: 'okx', label: '', field: 'password' }],
    ['KUCOIN_API_PASSPHRASE', { exchange: 'kucoin', label: '', field: 'password' }],
    ['HTX_ACCESS_KEY', { exchange: 'htx', label: '', field: 'apiKey' }],
    ['HUOBI_SECRET_KEY', { exchange: 'htx', label: '', field: 'secret' }],
    ['HTX_UID', { exchange: 'htx', label: '', field: 'uid' }],
    ['GATEIO_API_KEY', { exchange: 'gate', label: '', field: 'apiKey' }],
    ['COINBASE_API_KEY_NAME', { exchange: 'coinbase', label: '', field: 'apiKey' }],
    ['COINBASE_PRIVATE_KEY', { exchange: 'coinbase', label: '', field: 'privateKey' }],
    ['DERIBIT_CLIENT_SECRET', { exchange: 'deribit', label: '', field: 'secret' }],
  ])('%s', (name, expected) => {
    expect(classifyEnvName(name)).toEqual(expected);
  });

  it.each(['DATABASE_URL', 'BINANCE', 'BINANCE_URL', 'BINANCEAPI_KEY', 'MY_BINANCE_API_KEY', 'BINANCE__API_KEY'])('%s is not an exchange credential', (name) => {
    expect(classifyEnvName(name)).toBeNull();
  });
});

describe('parseEnvFile', () => {
  it('reads plain, quoted, exported, commented and multi-line values with their line ranges', () => {
    const env = parseEnvFile(
      [
        '# comment',
        'A=plain # trailing comment',
        'export B="double \\"q\\" \\n x"',
        "C='single # not a comment'",
        'D="-----BEGIN EC PRIVATE KEY-----',
        'MHcCAQEE',
        '-----END EC PRIVATE KEY-----"',
        '',
        'E = spaced ',
        'F="unterminated',
      ].join('\n'),
    );
    expect(env.assignments.map((a) => [a.name, a.value, a.startLine, a.endLine])).toEqual([
      ['A', 'plain', 1, 1],
      ['B', 'double "q" \n x', 2, 2],
      ['C', 'single # not a comment', 3, 3],
      ['D', '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----', 4, 6],
      ['E', 'spaced', 8, 8],
    ]);
  });
});

describe('planImport and removeAssignments', () => {
  const fake = new Fake('dotenv');
  const k = () => fake.alnum(40);

  it('groups three exchanges, skips incomplete groups and placeholders, and removes exactly the imported lines', () => {
    const [bk, bs, ok, os, op, ck] = [k(), k(), fake.uuid(), fake.upperHex(32), fake.alnum(14), `organizations/${fake.uuid()}/apiKeys/${fake.uuid()}`];
    const pem = `-----BEGIN EC PRIVATE KEY-----\\n${fake.base64(48)}\\n-----END EC PRIVATE KEY-----`;
    const lines = [
      '# exchange keys\r',
      `BINANCE_API_KEY=${bk}\r`,
      `BINANCE_SECRET_KEY="${bs}"\r`,
      'DATABASE_URL=postgres://localhost/db\r',
      `OKX_API_KEY=${ok}\r`,
      `OKX_SECRET=${os}\r`,
      `OKX_PASSPHRASE='${op}'\r`,
      '\r',
      `COINBASE_API_KEY=${ck}\r`,
      `COINBASE_API_SECRET="${pem}"\r`,
      `KUCOIN_API_KEY=${k()}\r`, // no secret or passphrase: skipped
      'BYBIT_API_KEY=your_api_key_here\r',
      'BYBIT_API_SECRET=changeme\r',
      'LAST=kept',
    ];
    const content = lines.join('\n');
    const env = parseEnvFile(content);
    const plan = planImport(env);
    expect(plan.candidates.map((c) => [c.name, c.exchange, Object.keys(c.credentials).sort()])).toEqual([
      ['binance', 'binance', ['apiKey', 'secret']],
      ['coinbase', 'coinbase', ['apiKey', 'privateKey']],
      ['okx', 'okx', ['apiKey', 'password', 'secret']],
    ]);
    expect(plan.candidates[0]?.credentials).toEqual({ apiKey: bk, secret: bs });
    expect(plan.candidates[1]?.credentials.privateKey).toBe(pem.replace(/\\n/g, '\n'));
    expect(plan.candidates[2]?.credentials).toEqual({ apiKey: ok, secret: os, password: op });
    expect(plan.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['kucoin', 'missing API secret, API passphrase'],
      ['bybit', 'BYBIT_API_KEY looks like a placeholder'],
    ]);

    const names = new Set(plan.candidates.flatMap((c) => Object.values(c.variables) as string[]));
    const rewritten = removeAssignments(env, names);
    const keep = [0, 3, 7, 10, 11, 12, 13].map((i) => lines[i]);
    expect(rewritten).toBe(keep.join('\n'));
  });

  it('a field set under two names is ambiguous and skipped; duplicates of one name are all removed', () => {
    const [a, b, c] = [k(), k(), k()];
    const env = parseEnvFile(`BINANCE_API_KEY=${a}\nBINANCE_SECRET=${b}\nBINANCE_SECRET_KEY=${c}\nKRAKEN_API_KEY=${a}\nKRAKEN_API_KEY=${b}\nKRAKEN_API_SECRET=${c}\n`);
    const plan = planImport(env);
    expect(plan.skipped[0]?.reason).toMatch(/BINANCE_SECRET and BINANCE_SECRET_KEY both set/);
    expect(plan.candidates.map((x) => [x.name, x.credentials.apiKey])).toEqual([['kraken', b]]);
    expect(removeAssignments(env, new Set(['KRAKEN_API_KEY', 'KRAKEN_API_SECRET']))).toBe(`BINANCE_API_KEY=${a}\nBINANCE_SECRET=${b}\nBINANCE_SECRET_KEY=${c}\n`);
  });

  it('labels make separate entries; HTX takes an optional uid', () => {
    const env = parseEnvFile(`BINANCE_MAIN_API_KEY=${k()}\nBINANCE_MAIN_SECRET=${k()}\nBINANCE_HEDGE_BOT_API_KEY=${k()}\nBINANCE_HEDGE_BOT_SECRET=${k()}\nHTX_ACCESS_KEY=${k()}\nHTX_SECRET_KEY=${k()}\nHTX_UID=12345678\n`);
    const plan = planImport(env);
    expect(plan.candidates.map((c) => c.name)).toEqual(['binance-hedge-bot', 'binance-main', 'htx']);
    expect(plan.candidates[2]?.credentials.uid).toBe('12345678');
  });
});
