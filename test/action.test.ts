/**
 * The GitHub Action: action.yml's shape (composite, setup-node, upload-sarif, inputs only through
 * env), and its run script executed locally, as the runner would, on a fixture repository with
 * planted fake secrets, one of them only in the history of a file deleted since. The SARIF must
 * validate against the official SARIF 2.1.0 schema and carry primaryLocationLineHash as GitHub
 * computes it: from the working file, or from the blob at the finding's commit.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultLoadersSync } from 'cosmiconfig';
import { describe, expect, it } from 'vitest';
import type { Log } from 'sarif';
import { Fake } from '../src/core/fake.js';
import { computeLineHashes } from '../src/reporters/line-hash.js';
import { BIN, REPO_ROOT } from './helpers/cli.js';
import { git, gitRepo, tempDir, writeTree } from './helpers/tmp.js';
import { sarifValidator } from './reporters/helpers.js';

const RUN_SCRIPT = path.join(REPO_ROOT, 'action', 'run.mjs');

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
const actionPath = path.join(REPO_ROOT, 'action.yml');
const action = defaultLoadersSync['.yaml'](actionPath, readFileSync(actionPath, 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

describe('action.yml', () => {
  it('is a composite action: setup-node, run script, upload-sarif, fail per fail-on', () => {
    expect(action.runs.using).toBe('composite');
    const steps = action.runs.steps;
    expect(steps.some((s) => s.uses?.startsWith('actions/setup-node@'))).toBe(true);
    const run = steps.find((s) => s.id === 'run') as Step;
    expect(run.run).toContain('action/run.mjs');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@')) as Step;
    expect(upload.with?.sarif_file).toBe('${{ steps.run.outputs.sarif-file }}');
    expect(upload.if).toContain("steps.run.outputs.sarif-written == 'true'");
    const last = steps[steps.length - 1] as Step;
    expect(last.if).toContain("steps.run.outputs.exit-code != '0'");
    expect(last.run).toContain('exit "${EXIT_CODE:-2}"');
    expect(action.inputs['fail-on']?.default).toBe('high');
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['exit-code', 'sarif-file', 'results']));
  });

  it('never splices an input or output into a shell command (script injection)', () => {
    for (const step of action.runs.steps) if (step.run !== undefined) expect(step.run, step.name).not.toMatch(/\$\{\{/);
  });

  it('passes every input the run script reads', () => {
    const run = action.runs.steps.find((s) => s.id === 'run') as Step;
    const script = readFileSync(RUN_SCRIPT, 'utf8');
    for (const name of new Set(script.match(/INPUT_[A-Z_]+/g))) expect(Object.keys(run.env ?? {}), name).toContain(name);
  });
});

/** A repository with a secret at HEAD, one only in history (file deleted), and clean files. */
function fixtureRepo(): { repo: string; secrets: string[]; historyCommit: string } {
  const fake = new Fake('action-fixture');
  const [k1, s1, k2] = [fake.alnum(64), fake.alnum(64), fake.alnum(64)];
  const repo = gitRepo();
  writeTree(repo, {
    'README.md': '# trading bot\n',
    'old/keys.py': `# old bot\n\nimport ccxt\nexchange = ccxt.binance({"apiKey": "${k2}"})\n`,
  });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'first bot');
  const historyCommit = git(repo, 'rev-parse', 'HEAD').trim();
  git(repo, 'rm', '-q', 'old/keys.py');
  writeTree(repo, {
    'bot/config.py': `import ccxt\n\n\nexchange = ccxt.binance({\n    "apiKey": "${k1}",\n    "secret": "${s1}",\n})\n`,
    'src/app.py': 'import os\nkey = os.environ["BINANCE_API_KEY"]\n',
  });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'new bot');
  return { repo, secrets: [k1, s1, k2], historyCommit };
}

function runAction(cwd: string, inputs: Record<string, string>): { status: number; stdout: string; outputs: Record<string, string>; summary: string } {
  const dir = tempDir('keyaudit-gh-');
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const result = spawnSync(process.execPath, [RUN_SCRIPT], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: cwd, NO_COLOR: '1', CI: 'true', KEYAUDIT_BIN: BIN, GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, ...inputs },
    timeout: 60_000,
  });
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: result.status ?? 99, stdout: `${result.stdout}${result.stderr}`, outputs, summary: readFileSync(summaryFile, 'utf8') };
}

describe('action/run.mjs on a fixture repository', () => {
  it('writes schema-valid SARIF with GitHub line hashes (working file and deleted-file history blob), annotations, summary and outputs', () => {
    const { repo, secrets, historyCommit } = fixtureRepo();
    const run = runAction(repo, { INPUT_PATHS: '.', INPUT_ARGS: '--history --no-keys', INPUT_FAIL_ON: 'high', INPUT_SARIF_FILE: 'out/keyaudit.sarif' });
    expect(run.status, run.stdout).toBe(0);
    expect(run.outputs['exit-code']).toBe('1');
    expect(run.outputs['sarif-written']).toBe('true');
    expect(run.outputs['sarif-file']).toBe('out/keyaudit.sarif');

    const raw = readFileSync(path.join(repo, 'out', 'keyaudit.sarif'), 'utf8');
    const log = JSON.parse(raw) as Log;
    expect(sarifValidator()(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(Number(run.outputs.results)).toBe(results.length);

    const located = results.filter((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri !== undefined);
    expect(located.length).toBeGreaterThanOrEqual(2);
    let sawWorking = false;
    let sawHistory = false;
    for (const r of located) {
      const loc = r.locations?.[0]?.physicalLocation;
      const file = decodeURI(loc?.artifactLocation?.uri ?? '');
      const line = loc?.region?.startLine ?? 1;
      const commit = r.partialFingerprints?.commitSha;
      const text = commit === undefined ? readFileSync(path.join(repo, file), 'utf8') : git(repo, 'cat-file', 'blob', `${commit}:${file}`);
      expect(r.partialFingerprints?.primaryLocationLineHash, `${file}:${line}`).toBe(computeLineHashes(text)[line - 1]);
      if (commit === undefined && file === 'bot/config.py') sawWorking = true;
      if (commit === historyCommit && file === 'old/keys.py') {
        sawHistory = true;
        expect(existsSync(path.join(repo, file))).toBe(false);
      }
    }
    expect(sawWorking, 'a working-tree finding in bot/config.py').toBe(true);
    expect(sawHistory, 'a history finding in the deleted old/keys.py').toBe(true);

    expect(run.stdout).toMatch(/^::error file=bot\/config\.py,line=\d+,title=keyaudit secrets\/binance-api-key::/m);
    expect(run.summary).toContain('## keyaudit');
    expect(run.summary).toContain('failed');
    for (const s of secrets) {
      for (const out of [raw, run.stdout, run.summary]) expect(out.includes(s.slice(4, 20)), 'a planted secret leaked').toBe(false);
    }
  });

  it('reports exit 0 with fail-on never, and still writes the SARIF', () => {
    const { repo } = fixtureRepo();
    const run = runAction(repo, { INPUT_ARGS: '--no-keys', INPUT_FAIL_ON: 'never', INPUT_ANNOTATIONS: 'false' });
    expect(run.status).toBe(0);
    expect(run.outputs['exit-code']).toBe('0');
    expect(run.outputs['sarif-written']).toBe('true');
    expect(existsSync(path.join(repo, 'keyaudit.sarif'))).toBe(true);
    expect(run.stdout).not.toMatch(/^::error file=/m);
    expect(run.summary).toContain('passed');
  });

  it('refuses args that would move the SARIF or change the gate, with exit-code 2', () => {
    const repo = gitRepo();
    for (const args of ['--format json', '-o x.sarif', '--fail-on=never', '--staged']) {
      const run = runAction(repo, { INPUT_ARGS: args });
      expect(run.outputs['exit-code'], args).toBe('2');
      expect(run.outputs['sarif-written']).toBe('false');
      expect(run.stdout).toContain('::error title=keyaudit action::');
    }
    expect(runAction(repo, { INPUT_FAIL_ON: 'severe' }).outputs['exit-code']).toBe('2');
  });

  it('passes keyaudit exit 2 through (invalid config)', () => {
    const repo = gitRepo();
    writeTree(repo, { '.keyauditrc.json': '{"rules": {"no-such-rule": "high"}}\n' });
    const run = runAction(repo, { INPUT_ARGS: '--no-keys' });
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.outputs['sarif-written']).toBe('false');
    expect(run.summary).toContain('could not complete');
  });
});

describe('action/run.mjs helpers', () => {
  it('splits args like a shell (quotes, escapes) without expanding anything', async () => {
    const { splitArgs } = (await import(RUN_SCRIPT)) as { splitArgs: (s: string) => string[] };
    expect(splitArgs(`--history  'origin/main..HEAD' --config "cfg dir/.keyauditrc.yaml" a\\ b $HOME`)).toEqual([
      '--history',
      'origin/main..HEAD',
      '--config',
      'cfg dir/.keyauditrc.yaml',
      'a b',
      '$HOME',
    ]);
    expect(splitArgs('')).toEqual([]);
    expect(() => splitArgs(`--config 'open`)).toThrow(/unterminated/);
  });

  it('escapes workflow-command data and properties, so a file name cannot inject a command', async () => {
    const { annotations } = (await import(RUN_SCRIPT)) as { annotations: (rows: object[]) => string[] };
    const [line] = annotations([{ ruleId: 'secrets/x', level: 'error', severity: 'high', message: '50% sure\n::error::fake', file: 'a,b:c.env', line: 3, commit: null }]);
    expect(line).toBe('::error file=a%2Cb%3Ac.env,line=3,title=keyaudit secrets/x::50%25 sure%0A::error::fake');
    expect(line?.split('\n')).toHaveLength(1);
  });
});
