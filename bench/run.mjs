#!/usr/bin/env node
/**
 * Side-by-side benchmarks of the secret scan (issue 5), run by hand from a fresh clone:
 *
 *   npm ci && node bench/run.mjs            # everything (first run downloads ~250 MB of npm packages)
 *   node bench/run.mjs tree staged history  # a subset (also: unbundled, start-up of tsc's output
 *                                           # without the bundle; memory: peak RSS on a 1 GB tree
 *                                           # and 20,000 commits)
 *   /path/to/node22 bench/run.mjs staged    # another Node: the parts run with the node that runs this
 *   BENCH_RUNS=3 node bench/run.mjs         # fewer runs
 *
 * It builds keyaudit, then in bench/.work (git-ignored):
 *   tree/     a large realistic tree: several big npm packages' files (not called node_modules, so
 *             no tool skips them by name) plus planted fake secrets;
 *   history/  a generated git repository with 5,000 commits (git fast-import), secrets added and removed;
 *   staged/   a repository with 10 staged files (the pre-commit hook case);
 *   secretlint/ secretlint + its recommended preset (npm; not a project dependency).
 * Then it times, with hyperfine (median of several runs) and /usr/bin/time (peak RSS):
 *   tree:    keyaudit vs ripgrep with an equivalent pattern set (bench/patterns.rg, ASCII mode:
 *            --no-unicode, as keyaudit's regexes; Unicode classes make rg ~20x slower here), run
 *            interleaved; then secretlint once (BENCH_SECRETLINT_LIMIT=seconds, default 1800; 0 skips);
 *   staged:  `keyaudit scan --staged` (without and with a config file) vs `node -e 0`;
 *   history: `keyaudit scan --history` vs `git log -p --all | rg -f bench/patterns.rg`.
 * Results go to bench/.work/results.json and are printed as the Markdown table of docs/performance.md.
 * Needs: git, hyperfine, ripgrep, GNU time (`apt-get install -y hyperfine ripgrep time`; installed
 * automatically when running as root on Debian/Ubuntu), network access to the npm registry once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, 'bench', '.work');
const BIN = path.join(ROOT, 'bin', 'keyaudit.js');
const PATTERNS = path.join(ROOT, 'bench', 'patterns.rg');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const only = new Set(process.argv.slice(2));
const want = (name) => only.size === 0 || only.has(name);

/** Big, popular packages whose files look like real code (JS, TS, d.ts, JSON, maps, docs). Pinned. */
const TREE_PACKAGES = ['typescript@5.9.3', 'aws-sdk@2.1692.0', 'three@0.170.0', 'rxjs@7.8.1', 'lodash@4.17.21', 'moment@2.30.1', '@babel/core@7.26.0', 'monaco-editor@0.52.0'];
// secretlint 12+ needs Node 22; 11.7.1 is the newest that runs on Node 20 (the oldest Node keyaudit supports).
const SECRETLINT = ['secretlint@11.7.1', '@secretlint/secretlint-rule-preset-recommend@11.7.1'];

function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

function sh(cmd, args, options = {}) {
  return String(execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1024 * 1024 * 1024, ...options }) ?? '');
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function ensureTools() {
  const missing = [['hyperfine', 'hyperfine'], ['rg', 'ripgrep'], ['/usr/bin/time', 'time']].filter(([c]) => !(c.startsWith('/') ? existsSync(c) : have(c)));
  if (missing.length === 0) return;
  const pkgs = missing.map(([, p]) => p);
  if (process.getuid?.() === 0 && have('apt-get')) {
    log(`installing ${pkgs.join(' ')} with apt-get`);
    spawnSync('apt-get', ['install', '-y', ...pkgs], { stdio: 'inherit' });
    if (missing.every(([c]) => (c.startsWith('/') ? existsSync(c) : have(c)))) return;
  }
  throw new Error(`missing tools: run \`apt-get install -y ${pkgs.join(' ')}\` (or your platform's equivalent)`);
}

function duBytes(dir) {
  return Number(sh('du', ['-sb', dir]).split('\t')[0]);
}

function countFiles(dir) {
  return Number(sh('sh', ['-c', 'find . -type f | wc -l'], { cwd: dir }).trim());
}

async function fake(seed) {
  const { Fake } = await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'core', 'fake.js')).href);
  return new Fake(seed);
}

/** Fake secrets of the families both keyaudit and the rg pattern set look for. */
function plantedFiles(f, count) {
  const files = {};
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const body = f.base64(600).replace(/(.{64})/g, '$1\n').trimEnd();
    files[`planted/bot${i}/${['config.py', 'settings.env', 'deploy.pem', 'app.js'][kind]}`] =
      kind === 0
        ? `import ccxt\nexchange = ccxt.binance({\n    "apiKey": "${f.alnum(64)}",\n    "secret": "${f.alnum(64)}",\n})\n`
        : kind === 1
          ? `BINANCE_API_KEY=${f.alnum(64)}\nLOG_LEVEL=info\n`
          : kind === 2
            ? `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`
            : `const client = new Binance({ apiKey: "${f.alnum(64)}" });\nconst aws = { aws_secret_access_key: "${f.fromB64Alphabet(40)}" };\n`;
  }
  return files;
}

function writeFiles(dir, files) {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
}

async function buildTree() {
  const tree = path.join(WORK, 'tree');
  if (existsSync(path.join(tree, '.complete'))) {
    rmSync(path.join(tree, 'planted'), { recursive: true, force: true });
    writeFiles(tree, plantedFiles(await fake('bench-tree'), 200));
    return tree;
  }
  rmSync(tree, { recursive: true, force: true });
  const pkgs = path.join(WORK, 'pkgs');
  mkdirSync(pkgs, { recursive: true });
  log(`downloading ${TREE_PACKAGES.join(', ')} from the npm registry`);
  writeFileSync(path.join(pkgs, 'package.json'), '{"name":"bench-tree","private":true}\n');
  sh('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--no-save', '--prefix', pkgs, ...TREE_PACKAGES], { stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(tree, { recursive: true });
  renameSync(path.join(pkgs, 'node_modules'), path.join(tree, 'vendor'));
  rmSync(pkgs, { recursive: true, force: true });
  writeFiles(tree, plantedFiles(await fake('bench-tree'), 200));
  // Its own (empty) repository: bench/.work is git-ignored by keyaudit's repository, and keyaudit honours that.
  sh('git', ['init', '-q', tree]);
  writeFileSync(path.join(tree, '.git', 'info', 'exclude'), '.complete\n');
  writeFileSync(path.join(tree, '.complete'), '');
  return tree;
}

function ensureSecretlint() {
  const dir = path.join(WORK, 'secretlint');
  const bin = path.join(dir, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"name":"bench-secretlint","private":true}\n');
    log(`installing ${SECRETLINT.join(' ')} into bench/.work/secretlint`);
    sh('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', dir, ...SECRETLINT], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const rc = path.join(dir, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  return { bin, rc, dir };
}

/** 5,000 commits through git fast-import: code files edited over time, secrets added and later removed. */
async function buildHistory(commits = 5000, name = 'history') {
  const repo = path.join(WORK, name);
  if (existsSync(path.join(repo, '.complete'))) return repo;
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  sh('git', ['init', '-q', '-b', 'main', repo]);
  const f = await fake('bench-history');
  const files = Array.from({ length: 300 }, (_, i) => `src/module${i % 40}/file${i}.${['py', 'js', 'ts', 'yml'][i % 4]}`);
  const contents = new Map(files.map((p) => [p, []]));
  const chunks = [];
  const streamFile = path.join(WORK, `${name}.fast-import`);
  rmSync(streamFile, { force: true });
  let mark = 0;
  let planted = 0;
  const date = 1_600_000_000;
  for (let c = 0; c < commits; c++) {
    const changed = new Set([f.pick(files), f.pick(files), f.pick(files)].slice(0, 1 + f.int(3)));
    const ops = [];
    for (const file of changed) {
      const lines = contents.get(file);
      const add = 10 + f.int(40);
      const at = f.int(lines.length + 1);
      const fresh = Array.from({ length: add }, (_, k) => `    value_${c}_${k} = compute(${f.int(1000)}, "${f.alnum(8)}")  # step ${k}`);
      if (c % 100 === 7) {
        fresh.splice(f.int(fresh.length), 0, `binance_api_key = "${f.alnum(64)}"`);
        planted++;
      }
      if (c % 250 === 11) planted++;
      if (c % 250 === 11) fresh.splice(f.int(fresh.length), 0, ...`-----BEGIN PRIVATE KEY-----\n${f.base64(600).replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----`.split('\n'));
      lines.splice(at, lines.length > 400 ? 40 : 0, ...fresh);
      const data = Buffer.from(`${lines.join('\n')}\n`);
      ops.push(`M 100644 inline ${file}\ndata ${data.length}\n${data.toString()}\n`);
    }
    mark++;
    const msg = `change ${c}\n`;
    // Streamed to a file every 500 commits: a 20,000-commit stream is more than one string can hold.
    if (chunks.length >= 500) appendFileSync(streamFile, chunks.splice(0).join(''));
    chunks.push(
      `commit refs/heads/main\nmark :${mark}\nauthor Bench <bench@example.invalid> ${date + c * 600} +0000\ncommitter Bench <bench@example.invalid> ${date + c * 600} +0000\ndata ${Buffer.byteLength(msg)}\n${msg}${ops.join('')}\n`,
    );
  }
  appendFileSync(streamFile, chunks.splice(0).join(''));
  log(`writing ${commits} commits with git fast-import`);
  const input = openSync(streamFile, 'r');
  try {
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, stdio: [input, 'ignore', 'inherit'] });
  } finally {
    closeSync(input);
    rmSync(streamFile, { force: true });
  }
  sh('git', ['checkout', '-q', 'main'], { cwd: repo });
  writeFileSync(path.join(repo, '.git', 'info', 'exclude'), '.complete\n');
  writeFileSync(path.join(repo, '.complete'), JSON.stringify({ planted }));
  return repo;
}

async function buildStaged() {
  const repo = path.join(WORK, 'staged');
  rmSync(repo, { recursive: true, force: true });
  mkdirSync(repo, { recursive: true });
  sh('git', ['init', '-q', '-b', 'main', repo]);
  const f = await fake('bench-staged');
  for (let i = 0; i < 10; i++) {
    const lines = Array.from({ length: 150 }, (_, k) => `    result_${k} = handler_${i}(${f.int(100)}, "${f.alnum(10)}")`);
    writeFiles(repo, { [`src/file${i}.py`]: `def handler():\n${lines.join('\n')}\n` });
  }
  sh('git', ['add', '-A'], { cwd: repo });
  return repo;
}

/** A bin that runs tsc's output (dist/src/cli/main.js, ~230 ES modules) instead of the bundle: what bundling saves. */
function unbundledBin() {
  const bin = path.join(WORK, 'keyaudit-unbundled.mjs');
  const entry = pathToFileURL(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')).href;
  writeFileSync(
    bin,
    [
      `const { run } = await import(${JSON.stringify(entry)});`,
      'process.exitCode = await run({ argv: process.argv.slice(2), stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd(),',
      '  isTTY: { stdin: process.stdin.isTTY === true, stdout: process.stdout.isTTY === true, stderr: process.stderr.isTTY === true } });',
      '',
    ].join('\n'),
  );
  return bin;
}

/** A realistic config for the hook case: accounts and rule settings, validated on every run. */
function stagedConfig() {
  const file = path.join(WORK, 'staged.keyauditrc.yml');
  writeFileSync(
    file,
    [
      'accounts:',
      '  - { name: spot-bot, exchange: binance, expectedIps: [203.0.113.7], needs: [spot] }',
      '  - { name: okx-grid, exchange: okx, credentials: { env: { apiKey: OKX_KEY, secret: OKX_SECRET, password: OKX_PASSPHRASE } } }',
      'rules:',
      '  keys/key-rotation: [medium, { maxAgeDays: 60 }]',
      '  secrets/generic-secret-assignment: [high, { stopwords: [example] }]',
      'secrets:',
      '  ignore: ["vendor/"]',
      '',
    ].join('\n'),
  );
  return file;
}

function hyperfine(name, commands, { cwd, runs = RUNS, warmup = 1, shell = false } = {}) {
  const out = path.join(WORK, `hyperfine-${name}.json`);
  const args = ['--export-json', out, '--runs', String(runs), '--warmup', String(runs === 1 ? 0 : warmup), '-i', '--style', 'basic'];
  if (!shell) args.push('-N');
  for (const [label, cmd] of commands) args.push('--command-name', label, cmd);
  spawnSync('hyperfine', args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  const json = JSON.parse(readFileSync(out, 'utf8'));
  // user + system CPU (children included) is less sensitive than wall time to a busy machine.
  return Object.fromEntries(json.results.map((r) => [r.command, { median: r.median, mean: r.mean, min: r.min, max: r.max, cpu: r.user + r.system, runs: r.times.length }]));
}

/**
 * One run under GNU time: wall and user+system seconds, peak RSS in MB; stdout saved to `out`.
 * With `limit` (seconds) the command is killed at the limit and the run marked unfinished.
 */
function timed(cmd, args, cwd, out, limit = 0) {
  // TERM (then KILL 10 s later): timeout waits for the command, so GNU time still sees its CPU and RSS.
  const argv = limit > 0 ? ['timeout', '--kill-after=10', String(limit), cmd, ...args] : [cmd, ...args];
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', `${out}.time`, ...argv], { cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1024 * 1024 * 1024 });
  writeFileSync(out, result.stdout ?? '');
  const [wall, user, sys, rss] = readFileSync(`${out}.time`, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  // timeout exits 124 (TERM) or 137 (KILL) when it had to stop the command.
  return { wall, cpu: user + sys, rssMB: rss / 1024, finished: result.status !== 124 && result.status !== 137 };
}

/** Peak resident set size in MB (GNU time's %M is in KiB). */
function peakRss(cmd, args, cwd) {
  const result = spawnSync('/usr/bin/time', ['-f', '%M', cmd, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const lines = result.stderr.toString().trim().split('\n');
  return Number(lines[lines.length - 1]) / 1024;
}

const q = (s) => `'${s.replace(/'/g, "'\\''")}'`;

async function main() {
  ensureTools();
  mkdirSync(WORK, { recursive: true });
  log('building keyaudit (tsc + bundle)');
  spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.json')], { stdio: 'ignore' });
  const bundled = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs')], { stdio: 'inherit' });
  if (bundled.status !== 0) throw new Error('scripts/bundle.mjs failed');
  const results = { date: new Date().toISOString(), machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, load: os.loadavg() }, runs: RUNS };
  const node = process.execPath;

  if (want('tree')) {
    const tree = await buildTree();
    const bytes = duBytes(tree);
    results.tree = { bytes, files: countFiles(tree) };
    log(`tree: ${(bytes / 1e6).toFixed(0)} MB, ${results.tree.files} files`);
    // keyaudit and ripgrep run interleaved (rg, keyaudit, rg, keyaudit…) under GNU time, so a busy
    // machine slows both alike; the ratio is the median of the per-pair ratios. secretlint takes
    // tens of minutes here: one run, stopped at BENCH_SECRETLINT_LIMIT seconds (default 1800;
    // 0 skips it).
    const treeRuns = Number(process.env.BENCH_TREE_RUNS ?? RUNS);
    const rgArgs = ['--no-unicode', '--no-ignore', '--hidden', '--count-matches', '--no-messages', '-f', PATTERNS, '.'];
    const kaArgs = [BIN, 'scan', '--no-keys', '--fail-on', 'never', '--format', 'json', '.'];
    const pairs = [];
    for (let i = 0; i < treeRuns; i++) {
      const rg = timed('rg', rgArgs, tree, path.join(WORK, 'tree-ripgrep.out'));
      const ka = timed(node, kaArgs, tree, path.join(WORK, 'tree-keyaudit.out'));
      pairs.push({ rg, ka });
      log(`pair ${i + 1}: ripgrep ${rg.wall.toFixed(1)} s, keyaudit ${ka.wall.toFixed(1)} s wall (${((100 * rg.wall) / ka.wall).toFixed(0)} %), CPU ${((100 * rg.cpu) / ka.cpu).toFixed(0)} %`);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    results.tree.times = {};
    results.tree.rssMB = {};
    for (const [name, key] of [['ripgrep', 'rg'], ['keyaudit', 'ka']]) {
      results.tree.times[name] = { median: median(pairs.map((p) => p[key].wall)), cpu: median(pairs.map((p) => p[key].cpu)), runs: pairs.length };
      results.tree.rssMB[name] = median(pairs.map((p) => p[key].rssMB));
    }
    results.tree.pairRatio = { wall: median(pairs.map((p) => p.rg.wall / p.ka.wall)), cpu: median(pairs.map((p) => p.rg.cpu / p.ka.cpu)), min: Math.min(...pairs.map((p) => p.rg.wall / p.ka.wall)), max: Math.max(...pairs.map((p) => p.rg.wall / p.ka.wall)) };
    const limit = Number(process.env.BENCH_SECRETLINT_LIMIT ?? 1800);
    if (limit > 0) {
      const sl = ensureSecretlint();
      const run = timed(node, [sl.bin, '--secretlintrc', sl.rc, '--format', 'json', '**/*'], tree, path.join(WORK, 'tree-secretlint.out'), limit);
      results.tree.times.secretlint = { median: run.wall, cpu: run.cpu, runs: 1, finished: run.finished };
      results.tree.rssMB.secretlint = run.rssMB;
      log(`secretlint: ${run.wall.toFixed(0)} s wall${run.finished ? '' : ' (stopped at the limit, unfinished)'}`);
    }
    const found = JSON.parse(readFileSync(path.join(WORK, 'tree-keyaudit.out'), 'utf8'));
    results.tree.keyauditFindings = found.findings.length;
    results.tree.keyauditFindingsInPlanted = found.findings.filter((x) => x.file.startsWith('planted/')).length;
    results.tree.filesScanned = found.summary.filesScanned;
  }

  if (want('staged')) {
    const repo = await buildStaged();
    const config = stagedConfig();
    results.staged = hyperfine(
      'staged',
      [
        ['node -e 0', `${node} -e 0`],
        ['keyaudit scan --staged', `${node} ${BIN} scan --staged`],
        ['keyaudit scan --staged (config file)', `${node} ${BIN} scan --staged -c ${q(config)}`],
        // Every run as if it were the first (no V8 code cache; see src/boot/bundle-loader.ts).
        ['keyaudit scan --staged (no code cache)', `env KEYAUDIT_NO_CODE_CACHE=1 ${node} ${BIN} scan --staged`],
      ],
      { cwd: repo, runs: Math.max(RUNS * 4, 20), warmup: 3 },
    );
  }

  if (want('unbundled')) {
    // What bundling buys: the same code as tsc emits it (~230 ES modules) vs the shipped bundle.
    const repo = await buildStaged();
    const bin = unbundledBin();
    results.unbundled = hyperfine('unbundled', [['node -e 0', `${node} -e 0`], ['keyaudit scan --staged', `${node} ${BIN} scan --staged`], ['unbundled keyaudit scan --staged', `${node} ${bin} scan --staged`]], { cwd: repo, runs: Math.max(RUNS * 4, 20), warmup: 3 });
  }

  if (want('history')) {
    const repo = await buildHistory();
    const commits = Number(sh('git', ['rev-list', '--all', '--count'], { cwd: repo }).trim());
    const gitRg = `git log -p --all | rg --no-unicode --count-matches -f ${q(PATTERNS)}`;
    const ka = `${node} ${BIN} scan --no-keys --fail-on never --format json --history`;
    results.history = { commits, patchBytes: Number(sh('sh', ['-c', 'git log -p --all | wc -c'], { cwd: repo }).trim()) };
    results.history.times = hyperfine('history', [['git log -p --all | rg', gitRg], ['keyaudit --history', ka]], { cwd: repo, shell: true, runs: Math.min(RUNS, 3) });
    results.history.rssMB = { keyaudit: peakRss(node, [BIN, 'scan', '--no-keys', '--fail-on', 'never', '--format', 'json', '--history'], repo) };
    const found = JSON.parse(sh(node, [BIN, 'scan', '--no-keys', '--fail-on', 'never', '--format', 'json', '--history'], { cwd: repo, stdio: ['ignore', 'pipe', 'ignore'] }));
    results.history.keyauditFindings = found.findings.filter((x) => x.commit !== null).length;
    results.history.planted = JSON.parse(readFileSync(path.join(repo, '.complete'), 'utf8') || '{}').planted ?? null;
  }

  if (want('memory')) {
    // Issue 8's resource bound: peak RSS on a >= 1 GB tree (the tree part's files four times over,
    // hard-linked: same bytes read, little disk) and on a 20,000-commit history. keyaudit only.
    const tree = await buildTree();
    const big = path.join(WORK, 'tree-1gb');
    if (!existsSync(path.join(big, '.complete'))) {
      rmSync(big, { recursive: true, force: true });
      mkdirSync(big, { recursive: true });
      sh('git', ['init', '-q', big]);
      for (let i = 0; i < 4; i++) sh('cp', ['-al', path.join(tree, 'vendor'), path.join(big, `copy${i}`)]);
      writeFileSync(path.join(big, '.complete'), '');
    }
    const bytes = Number(sh('du', ['-sbl', big]).split('\t')[0]); // -l: count every hard link
    const kaTree = timed(node, [BIN, 'scan', '--no-keys', '--fail-on', 'never', '--format', 'json', '.'], big, path.join(WORK, 'memory-tree.out'));
    const hist = await buildHistory(20000, 'history-20k');
    const kaHist = timed(node, [BIN, 'scan', '--no-keys', '--fail-on', 'never', '--format', 'json', '--history'], hist, path.join(WORK, 'memory-history.out'));
    results.memory = {
      tree: { bytes, wall: kaTree.wall, rssMB: kaTree.rssMB },
      history: { commits: Number(sh('git', ['rev-list', '--all', '--count'], { cwd: hist }).trim()), wall: kaHist.wall, rssMB: kaHist.rssMB },
    };
    log(`memory: ${(bytes / 1e9).toFixed(2)} GB tree peak ${kaTree.rssMB.toFixed(0)} MB; ${results.memory.history.commits} commits peak ${kaHist.rssMB.toFixed(0)} MB`);
  }

  // Parts not run this time keep their previous figures (each part records its own date).
  const file = path.join(WORK, 'results.json');
  const previous = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  for (const part of ['tree', 'staged', 'unbundled', 'history', 'memory']) if (results[part] !== undefined) results[part].date = results.date;
  const merged = { ...previous, ...results };
  writeFileSync(file, `${JSON.stringify(merged, null, 2)}\n`);
  process.stdout.write(markdown(merged));
}

function markdown(r) {
  const ms = (s) => `${(s * 1000).toFixed(0)} ms`;
  const lines = [`Measured ${r.date} on ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, load average ${r.machine.load.map((x) => x.toFixed(1)).join(' ')}.`, ''];
  if (r.tree) {
    const t = r.tree.times;
    const mbps = (s) => `${(r.tree.bytes / 1e6 / s).toFixed(0)} MB/s`;
    lines.push(`Working tree: ${(r.tree.bytes / 1e6).toFixed(0)} MB, ${r.tree.files} files; keyaudit found ${r.tree.keyauditFindings} findings (${r.tree.keyauditFindingsInPlanted} in the 200 planted files).`, '');
    lines.push('| tool | median wall | throughput | CPU (user+sys) | peak RSS |', '|---|---|---|---|---|');
    for (const name of ['keyaudit', 'ripgrep', 'secretlint']) {
      if (t[name] === undefined) continue;
      const wall = `${ms(t[name].median)}${t[name].finished === false ? ' (stopped unfinished)' : ''}`;
      lines.push(`| ${name} | ${wall} | ${mbps(t[name].median)} | ${ms(t[name].cpu ?? NaN)} | ${(r.tree.rssMB[name] ?? NaN).toFixed(0)} MB |`);
    }
    const p = r.tree.pairRatio;
    if (p) lines.push('', `keyaudit's throughput as a share of ripgrep's (median of ${t.keyaudit.runs} interleaved pairs): **${(100 * p.wall).toFixed(0)} % wall** (pairs ${(100 * p.min).toFixed(0)}–${(100 * p.max).toFixed(0)} %), **${(100 * p.cpu).toFixed(0)} % CPU** (target ≥ 25 %).`);
    if (t.secretlint) lines.push('', `keyaudit vs secretlint: ${(t.secretlint.median / t.keyaudit.median).toFixed(0)}× wall${t.secretlint.finished === false ? ' or more (secretlint did not finish)' : ''}, ${(t.secretlint.cpu / t.keyaudit.cpu).toFixed(0)}× CPU (target ≥ 10×).`);
    lines.push('');
  }
  if (r.staged) {
    const base = r.staged['node -e 0'];
    for (const name of ['keyaudit scan --staged', 'keyaudit scan --staged (config file)', 'keyaudit scan --staged (no code cache)']) {
      const ka = r.staged[name];
      if (ka === undefined) continue;
      lines.push(`Staged (10 files), \`${name}\`: ${ms(ka.median)} vs \`node -e 0\` ${ms(base.median)} — ${(ka.median / base.median).toFixed(2)}× wall, ${(ka.cpu / base.cpu).toFixed(2)}× CPU (target ≤ 2.5×).`, '');
    }
  }
  if (r.unbundled) {
    const b = r.unbundled;
    const base = b['node -e 0'];
    lines.push(`Bundling: \`scan --staged\` unbundled (tsc output) ${ms(b['unbundled keyaudit scan --staged'].median)} → bundled ${ms(b['keyaudit scan --staged'].median)}; vs \`node -e 0\` ${(b['unbundled keyaudit scan --staged'].median / base.median).toFixed(2)}× → ${(b['keyaudit scan --staged'].median / base.median).toFixed(2)}× wall, ${(b['unbundled keyaudit scan --staged'].cpu / base.cpu).toFixed(2)}× → ${(b['keyaudit scan --staged'].cpu / base.cpu).toFixed(2)}× CPU.`, '');
  }
  if (r.history) {
    const t = r.history.times;
    const g = t['git log -p --all | rg'].median;
    const k = t['keyaudit --history'].median;
    const cpu = t['keyaudit --history'].cpu / t['git log -p --all | rg'].cpu;
    lines.push(`History: ${r.history.commits} commits, ${(r.history.patchBytes / 1e6).toFixed(0)} MB of \`git log -p\`; \`git log -p --all | rg\` ${ms(g)}, keyaudit ${ms(k)} — ${(k / g).toFixed(2)}× wall, ${cpu.toFixed(2)}× CPU (target ≤ 2×); keyaudit peak RSS ${r.history.rssMB.keyaudit.toFixed(0)} MB (target ≤ 300 MB); ${r.history.keyauditFindings} history findings for ${r.history.planted ?? '?'} planted secrets.`, '');
  }
  return `${lines.join('\n')}\n`;
}

main().catch((error) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
