/**
 * No-leak test of the foundation: planted fake secrets must not appear in stdout, stderr or any
 * report format, from the built binary, including --verbose and error paths.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Fake } from '../src/core/fake.js';
import { spawnCli } from './helpers/cli.js';
import { gitRepo, writeTree } from './helpers/tmp.js';

describe('no secret ever reaches output', () => {
  it('text, json and sarif of a scan with planted secrets contain none of them', async () => {
    const fake = new Fake('no-leak');
    const planted = [fake.alnum(64), fake.alnum(64), fake.alnum(64)];
    const pemBody = fake.base64(600).replace(/(.{64})/g, '$1\n');
    const dir = gitRepo();
    writeTree(dir, {
      '.env': { content: `BINANCE_API_KEY=${planted[0]}\nBINANCE_SECRET=${planted[1]}\n`, mode: 0o644 },
      'bot.py': `ex = ccxt.binance({"apiKey": "${planted[2]}"})\n`,
      'key.pem': `-----BEGIN PRIVATE KEY-----\n${pemBody}\n-----END PRIVATE KEY-----\n`,
      // A config error path that quotes the config: it must not echo the secret either.
      'bad/.keyauditrc.json': JSON.stringify({ accounts: [{ name: 'x', exchange: 'binance', apiKey: planted[0] }] }),
    });
    const needles = [...planted, ...pemBody.split('\n').filter((l) => l.length >= 16)];
    const outputs: string[] = [];
    for (const format of ['text', 'json', 'sarif']) {
      for (const extra of [[], ['--verbose']]) {
        const r = await spawnCli(['scan', '--no-keys', '--format', format, ...extra], { cwd: dir });
        expect(r.code).toBe(1);
        outputs.push(r.stdout, r.stderr);
      }
      const file = `report.${format}`;
      const r = await spawnCli(['scan', '--no-keys', '--format', format, '--output', file], { cwd: dir });
      outputs.push(r.stdout, r.stderr, readFileSync(path.join(dir, file), 'utf8'));
    }
    const bad = await spawnCli(['scan', '--config', 'bad/.keyauditrc.json'], { cwd: dir });
    expect(bad.code).toBe(2);
    outputs.push(bad.stdout, bad.stderr);
    const all = outputs.join('\n');
    expect(all).toMatch(/binance-api-key/);
    for (const needle of needles) expect(all).not.toContain(needle);
    // Excerpts show at most 4 characters of a secret.
    for (const secret of planted) expect(all).not.toContain(secret.slice(0, 5));
  });
});
