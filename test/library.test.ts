/**
 * The library API (src/index.ts, the package's main export): the staged and history scans,
 * baselines and the key audit, used as an embedding tool would, on real git repositories.
 */
import { describe, expect, it } from 'vitest';
import * as keyaudit from '../src/index.js';
import { Fake } from '../src/core/fake.js';
import { git, gitRepo, writeTree } from './helpers/tmp.js';
import { binanceSecret } from './scan/helpers.js';

describe('library API', () => {
  it('scans staged changes, history and applies a baseline', async () => {
    const fake = new Fake('library');
    const dir = gitRepo();
    const old = binanceSecret(fake);
    writeTree(dir, { 'old.py': `${old.line}\n` });
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'add a key');
    git(dir, 'rm', '-q', 'old.py');
    git(dir, 'commit', '-q', '-m', 'remove it');
    writeTree(dir, { 'new.py': `${binanceSecret(fake).line}\n` });
    git(dir, 'add', 'new.py');

    const config = await keyaudit.loadConfig({ cwd: dir, rules: keyaudit.allRules });
    const options = { cwd: dir, config, secretRules: keyaudit.secretRules, hygieneRules: keyaudit.hygieneRules };
    const staged = await keyaudit.scanStaged(options);
    // Only the index: the deleted old.py is not staged content.
    expect(staged.findings.length).toBeGreaterThan(0);
    expect(new Set(staged.findings.map((f) => f.file))).toEqual(new Set(['new.py']));

    const history = await keyaudit.scanGitHistory(options);
    expect(history.commits).toBe(2);
    expect(history.findings.some((f) => f.file === 'old.py' && f.commit !== null)).toBe(true);
    // Masked, never the secret itself.
    expect(JSON.stringify(history.findings)).not.toContain(old.value);

    const baseline = keyaudit.parseBaseline(keyaudit.serializeBaseline(keyaudit.baselineFromFindings(history.findings)));
    expect(keyaudit.applyBaseline(history.findings, keyaudit.baselineFingerprints(baseline))).toEqual([]);
    expect(keyaudit.applyBaseline(staged.findings, keyaudit.baselineFingerprints(baseline)).length).toBe(staged.findings.length);
  });

  it('audits accounts through the lazily loaded key audit (an unsupported exchange is unknown, not a pass)', async () => {
    const dir = gitRepo();
    writeTree(dir, { '.keyauditrc.yml': 'accounts:\n  - name: m\n    exchange: mexc\n    credentials: { env: { apiKey: MK, secret: MS } }\n' });
    const config = await keyaudit.loadConfig({ cwd: dir, rules: keyaudit.allRules });
    const reports = await keyaudit.auditAccounts({ config, env: { MK: 'k'.repeat(32), MS: 's'.repeat(32) }, now: new Date('2026-11-26T00:00:00Z'), allowUnknown: false });
    expect(reports).toHaveLength(1);
    expect(reports[0]?.status).toBe('unknown');
    expect(JSON.stringify(reports)).not.toContain('k'.repeat(32));
  });
});
