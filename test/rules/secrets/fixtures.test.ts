/**
 * Folder fixtures: fixtures/secrets/<rule>/<ok|ng>.<case>/ holds one input file (a template whose
 * `{{kind:n}}` tokens are filled with fake values at run time, so no real-looking secret is
 * committed) and expected.json, the masked findings the whole rule set reports on it. `ng.*` cases
 * must report their rule; `ok.*` cases must report nothing. Regenerate after a deliberate change:
 *   UPDATE_FIXTURES=1 npx vitest run test/rules/secrets/fixtures.test.ts
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { describe, expect, it } from 'vitest';
import { base58CheckEncode, base58Encode } from '../../../rules/secrets/lib/base58.js';
import { secretRules } from '../../../rules/secrets/index.js';
import { Fake } from '../../../src/core/fake.js';
import { maskSecret } from '../../../src/core/mask.js';
import { SecretScanner } from '../../../src/core/scanner.js';
import { isKeyPair } from '../../../rules/secrets/solana-private-key.js';

const ROOT = path.resolve(import.meta.dirname, '../../../fixtures/secrets');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function solanaPair(f: Fake): Uint8Array {
  // A real Ed25519 key pair: seed + public key (checked with the rule's own verifier).
  for (;;) {
    const seed = Buffer.from(f.bytes(32));
    const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
    const pair = Uint8Array.from([...seed, ...spki.subarray(spki.length - 32)]);
    if (isKeyPair(pair)) return pair;
  }
}

/** Fills `{{kind}}` / `{{kind:n}}` tokens with deterministic fake values. */
export function expandTemplate(template: string, seed: string): string {
  const f = new Fake(seed);
  return template.replace(/\{\{([a-z0-9-]+|HEX)(?::([0-9]+))?\}\}/g, (_all, kind: string, n?: string) => {
    const size = Number(n ?? '0');
    switch (kind) {
      case 'alnum': return f.alnum(size);
      case 'hex': return f.hex(size);
      case 'HEX': return f.upperHex(size);
      case 'digits': return `${1 + f.int(9)}${f.fromAlphabet('0123456789', size - 1)}`;
      case 'upper32': return f.fromAlphabet('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', size);
      case 'b64url': return f.fromAlphabet(B64URL, size);
      case 'b64': return f.base64(size);
      case 'b64chars': return f.fromB64Alphabet(size);
      case 'base58': return f.base58(size);
      case 'uuid': return f.uuid();
      case 'mnemonic': return entropyToMnemonic(f.bytes((size / 3) * 4), wordlist);
      case 'evm': return `0x${f.hex(64)}`;
      case 'pem': return f.base64(size).replace(/(.{64})/g, '$1\n').trim();
      case 'pem-json': return f.base64(size).replace(/(.{64})/g, '$1\\n').replace(/\\n$/, '');
      case 'solana-array': return `[${[...solanaPair(f)].join(',')}]`;
      case 'solana-b58': return base58Encode(solanaPair(f));
      case 'b58-64': return base58Encode(f.bytes(64));
      case 'wif': return base58CheckEncode(Uint8Array.from([0x80, ...f.bytes(32), 0x01]));
      case 'xprv':
      case 'xpub': {
        const version = kind === 'xprv' ? [0x04, 0x88, 0xad, 0xe4] : [0x04, 0x88, 0xb2, 0x1e];
        return base58CheckEncode(Uint8Array.from([...version, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...f.bytes(32), kind === 'xprv' ? 0 : 2, ...f.bytes(32)]));
      }
      default: throw new Error(`unknown fixture token {{${kind}}}`);
    }
  });
}

interface Expected {
  ruleId: string;
  line: number;
  column: number;
  excerpt: string;
}

const scanner = new SecretScanner(secretRules);
const cases = existsSync(ROOT)
  ? readdirSync(ROOT).flatMap((rule) => readdirSync(path.join(ROOT, rule)).map((dir) => ({ rule, dir, folder: path.join(ROOT, rule, dir) })))
  : [];

describe('secret fixtures', () => {
  it('has an ok and an ng case for every rule', () => {
    for (const rule of secretRules) {
      const dirs = cases.filter((c) => c.rule === rule.meta.name).map((c) => c.dir);
      expect(dirs.some((d) => d.startsWith('ng.')), rule.meta.name).toBe(true);
      expect(dirs.some((d) => d.startsWith('ok.')), rule.meta.name).toBe(true);
    }
  });

  it.each(cases.map((c) => [`${c.rule}/${c.dir}`, c] as const))('%s', (_label, c) => {
    const inputs = readdirSync(c.folder).filter((f) => f !== 'expected.json');
    expect(inputs).toHaveLength(1);
    const text = expandTemplate(readFileSync(path.join(c.folder, inputs[0] as string), 'utf8'), `${c.rule}/${c.dir}`);
    const hits = scanner.scan({ path: inputs[0] as string, text, startLine: 1 });
    const actual: Expected[] = hits.map((h) => ({ ruleId: h.rule.meta.id, line: h.line, column: h.column, excerpt: maskSecret(h.secret) }));
    // The expected output is masked: no planted value may appear in it.
    for (const h of hits) expect(JSON.stringify(actual)).not.toContain(h.secret);
    const file = path.join(c.folder, 'expected.json');
    if (UPDATE || !existsSync(file)) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    if (c.dir.startsWith('ok.')) expect(actual).toEqual([]);
    else expect(actual.map((a) => a.ruleId)).toContain(`secrets/${c.rule}`);
  });
});
