import { describe, expect, it } from 'vitest';
import type { FileFacts, HygieneRule } from '../../../src/core/define-rule.js';
import { hygieneRules } from '../../../rules/hygiene/index.js';
import { Fake } from '../../../src/core/fake.js';
import { gitRepo, git, writeTree } from '../../helpers/tmp.js';
import { runCli } from '../../helpers/cli.js';

const base: FileFacts = { path: '.env', mode: 0o600, isEnvFile: true, gitTracked: false, gitIgnored: true, secretsFound: [] };
const secret = { ruleId: 'secrets/binance-api-key', description: 'Binance API key or secret', line: 2, column: 5, excerpt: 'AbCd…', fingerprint: 'f'.repeat(32) };

function reports(rule: HygieneRule, facts: Partial<FileFacts>): number {
  let n = 0;
  rule.check({ ...base, ...facts }, { report: () => n++ });
  return n;
}
const rule = (name: string): HygieneRule => {
  const found = hygieneRules.find((r) => r.meta.name === name);
  if (found === undefined) throw new Error(name);
  return found;
};

describe.each([
  ['env-tracked', [{ gitTracked: true }], [{ gitTracked: false }, { gitTracked: null }, { isEnvFile: false, gitTracked: true }]],
  ['env-not-ignored', [{ gitIgnored: false }], [{ gitIgnored: true }, { gitIgnored: null }, { gitTracked: true, gitIgnored: false }]],
  ['env-permissive', [{ mode: 0o644 }, { mode: 0o640 }, { mode: 0o604 }], [{ mode: 0o600 }, { mode: 0o700 }, { mode: null }]],
  [
    'env-plaintext-secret',
    [{ secretsFound: [secret] }, { gitIgnored: null, secretsFound: [secret] }],
    [{ secretsFound: [] }, { mode: 0o644, secretsFound: [secret] }, { gitTracked: true, secretsFound: [secret] }, { gitIgnored: false, secretsFound: [secret] }],
  ],
] as [string, Partial<FileFacts>[], Partial<FileFacts>[]][])('hygiene/%s', (name, invalid, valid) => {
  it.each(invalid.map((f) => [JSON.stringify(f), f]))('reports %s', (_label, facts) => expect(reports(rule(name), facts)).toBeGreaterThan(0));
  it.each(valid.map((f) => [JSON.stringify(f), f]))('accepts %s', (_label, facts) => expect(reports(rule(name), facts)).toBe(0));
});

describe('env policy end to end (real git repo)', () => {
  const fake = new Fake('hygiene-e2e');
  const envText = () => `BINANCE_API_KEY=${fake.alnum(64)}\n`;

  it('a tracked .env is critical twice over: the file and the secret', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.env': { content: envText(), mode: 0o600 } });
    git(dir, 'add', '.env');
    const json = JSON.parse((await runCli(['scan', '--format', 'json'], { cwd: dir })).stdout);
    const ids = json.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`);
    expect(ids).toEqual(expect.arrayContaining(['hygiene/env-tracked:critical', 'secrets/binance-api-key:critical']));
  });

  it('an ignored owner-only .env reports its secret as low, via env-plaintext-secret', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.gitignore': '.env\n', '.env': { content: envText(), mode: 0o600 } });
    const result = await runCli(['scan', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(result.stdout);
    expect(json.findings.map((f: { ruleId: string; severity: string; line: number }) => [f.ruleId, f.severity, f.line])).toEqual([['hygiene/env-plaintext-secret', 'low', 1]]);
    expect(json.findings[0].message).toMatch(/Binance API key or secret stored in plaintext in \.env/);
    expect(result.code).toBe(0);
  });

  it('an unignored .env is high and keeps the secret at its own severity', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.env': { content: envText(), mode: 0o600 } });
    const json = JSON.parse((await runCli(['scan', '--format', 'json'], { cwd: dir })).stdout);
    const ids = json.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId}:${f.severity}`);
    expect(ids).toEqual(['secrets/binance-api-key:critical', 'hygiene/env-not-ignored:high']);
  });

  it('.env.example templates get no hygiene findings', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.env.example': { content: 'BINANCE_API_KEY=your_api_key_here\n', mode: 0o644 } });
    git(dir, 'add', '.env.example');
    const result = await runCli(['scan'], { cwd: dir });
    expect(result.code).toBe(0);
  });
});
