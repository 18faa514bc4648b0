#!/usr/bin/env node
/**
 * The run step of keyaudit's GitHub Action (action.yml), kept in a plain Node script (no
 * dependencies) so it runs, and is tested, the same on a laptop as on a runner.
 *
 * It runs `keyaudit scan <paths> <args> --format sarif --output <sarif-file> --fail-on <fail-on>`
 * once, then turns the SARIF into workflow annotations and a job summary, and writes the step
 * outputs. It always exits 0 after a scan so the SARIF upload step can run; the action's last step
 * fails the job with keyaudit's exit code (1 findings at or above fail-on, 2 the run failed).
 *
 * Inputs (environment): KEYAUDIT_BIN (path of bin/keyaudit.js, or a command on PATH), INPUT_PATHS,
 * INPUT_ARGS, INPUT_FAIL_ON, INPUT_SARIF_FILE, INPUT_ANNOTATIONS; GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY when GitHub provides them. Messages in the SARIF are already masked by
 * keyaudit, so nothing here can print a secret.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FAIL_ON = ['critical', 'high', 'medium', 'low', 'info', 'never'];
/** The action owns these: the SARIF must land where the upload step looks for it. */
const RESERVED = ['-f', '--format', '-o', '--output', '--fail-on'];
const MAX_ANNOTATIONS = 50;

/** Splits an input string like a shell would for words and quotes (no expansion, no globbing). */
export function splitArgs(input) {
  const out = [];
  let current = '';
  let quote = null;
  let started = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && (input[i + 1] === '"' || input[i + 1] === '\\')) current += input[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < input.length) {
      current += input[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) out.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (quote !== null) throw new Error(`unterminated ${quote} quote in: ${input}`);
  if (started) out.push(current);
  return out;
}

/** The keyaudit command line for the inputs; throws on inputs the action cannot honour. */
export function buildCommand(env) {
  const failOn = (env.INPUT_FAIL_ON ?? '').trim() || 'high';
  if (!FAIL_ON.includes(failOn)) throw new Error(`fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`);
  const sarifFile = (env.INPUT_SARIF_FILE ?? '').trim() || 'keyaudit.sarif';
  const args = splitArgs(env.INPUT_ARGS ?? '');
  for (const arg of args) {
    const name = arg.split('=')[0];
    if (RESERVED.includes(name)) throw new Error(`args must not set ${name}: use the action's inputs (fail-on, sarif-file); the action always writes SARIF`);
  }
  if (args.includes('--staged')) throw new Error('args must not contain --staged: CI scans the checkout (and --history), the staged index is the pre-commit hook\'s job');
  // Paths go first: `--history [range]` would otherwise take a path as its range.
  const paths = splitArgs(env.INPUT_PATHS ?? '');
  const bin = (env.KEYAUDIT_BIN ?? '').trim() || 'keyaudit';
  const scan = ['scan', ...paths, ...args, '--format', 'sarif', '--output', sarifFile, '--fail-on', failOn, '--no-progress'];
  const command = bin.endsWith('.js') || bin.endsWith('.mjs') ? [process.execPath, bin, ...scan] : [bin, ...scan];
  return { command, sarifFile, failOn };
}

/** Escaping for workflow commands (::error file=…::message), per GitHub's toolkit. */
function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function escapeMarkdown(s) {
  return String(s).replace(/[\\`*_{}[\]<>()#+\-.!|]/g, '\\$&').replace(/\r?\n/g, ' ');
}

function safeDecode(uri) {
  try {
    return decodeURI(uri);
  } catch {
    return uri;
  }
}

/** Results of a SARIF log as flat rows. */
export function sarifRows(log) {
  const rows = [];
  for (const run of log.runs ?? []) {
    for (const r of run.results ?? []) {
      const loc = r.locations?.[0]?.physicalLocation;
      rows.push({
        ruleId: r.ruleId ?? '(rule)',
        level: r.level ?? 'warning',
        severity: r.properties?.severity ?? r.level ?? 'warning',
        message: r.message?.text ?? '',
        file: loc?.artifactLocation?.uri === undefined ? null : safeDecode(loc.artifactLocation.uri),
        line: loc?.region?.startLine ?? null,
        commit: r.properties?.commit ?? null,
      });
    }
  }
  return rows;
}

export function annotations(rows) {
  const command = { error: 'error', warning: 'warning', note: 'notice', none: 'notice' };
  const lines = rows.slice(0, MAX_ANNOTATIONS).map((r) => {
    const props = [`title=${escapeProperty(`keyaudit ${r.ruleId}`)}`];
    // History findings point at a commit, not the checkout: annotate without a file position.
    if (r.file !== null && r.commit === null) props.unshift(`file=${escapeProperty(r.file)}`, `line=${r.line ?? 1}`);
    const where = r.commit === null ? '' : ` (${r.file ?? ''}:${r.line ?? 1} in commit ${String(r.commit).slice(0, 12)})`;
    return `::${command[r.level] ?? 'warning'} ${props.join(',')}::${escapeData(`${r.message}${where}`)}`;
  });
  if (rows.length > MAX_ANNOTATIONS) lines.push(`::notice title=keyaudit::${rows.length - MAX_ANNOTATIONS} more finding(s) in the SARIF file and the code scanning tab`);
  return lines;
}

export function summaryMarkdown(rows, exitCode, failOn) {
  const counts = {};
  for (const r of rows) counts[r.severity] = (counts[r.severity] ?? 0) + 1;
  const verdict = exitCode === 0 ? '✅ passed' : exitCode === 1 ? `❌ failed (findings at or above \`${failOn}\`)` : '⚠️ keyaudit could not complete the scan (exit 2, see the log)';
  const lines = ['## keyaudit', '', `${verdict} — ${rows.length} finding(s)`, ''];
  if (rows.length > 0) {
    lines.push('| severity | count |', '|---|---|');
    for (const s of ['critical', 'high', 'medium', 'low', 'info']) if (counts[s] !== undefined) lines.push(`| ${s} | ${counts[s]} |`);
    lines.push('', '| severity | rule | where | finding |', '|---|---|---|---|');
    for (const r of rows.slice(0, MAX_ANNOTATIONS)) {
      const where = r.file === null ? '—' : `${r.file}:${r.line ?? 1}${r.commit === null ? '' : ` @${String(r.commit).slice(0, 10)}`}`;
      lines.push(`| ${escapeMarkdown(r.severity)} | \`${r.ruleId}\` | ${escapeMarkdown(where)} | ${escapeMarkdown(r.message)} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function setOutput(env, name, value) {
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}

export function main(env = process.env, cwd = process.cwd()) {
  let built;
  try {
    built = buildCommand(env);
  } catch (error) {
    console.log(`::error title=keyaudit action::${escapeData(error.message)}`);
    setOutput(env, 'exit-code', '2');
    setOutput(env, 'sarif-written', 'false');
    return 0;
  }
  const { command, sarifFile, failOn } = built;
  const sarifPath = path.resolve(cwd, sarifFile);
  // A stale report from an earlier step must not be uploaded as this run's.
  rmSync(sarifPath, { force: true });
  mkdirSync(path.dirname(sarifPath), { recursive: true });
  console.log(`keyaudit: running ${command.slice(command[0] === process.execPath ? 1 : 0).join(' ')}`);
  const child = spawnSync(command[0], command.slice(1), { cwd, env: { ...env, CI: env.CI ?? 'true' }, stdio: 'inherit' });
  const exitCode = child.status === 0 || child.status === 1 ? child.status : 2;
  if (child.error !== undefined) console.log(`::error title=keyaudit action::${escapeData(`could not start keyaudit (${child.error.code ?? child.error.message}); is it installed?`)}`);

  let rows = [];
  let written = false;
  if (exitCode !== 2 && existsSync(sarifPath)) {
    try {
      rows = sarifRows(JSON.parse(readFileSync(sarifPath, 'utf8')));
      written = true;
    } catch {
      console.log(`::error title=keyaudit action::${escapeData(`${sarifFile} is not valid JSON`)}`);
    }
  }
  if (env.INPUT_ANNOTATIONS !== 'false') for (const line of annotations(rows)) console.log(line);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(rows, exitCode, failOn));
  setOutput(env, 'exit-code', String(exitCode));
  setOutput(env, 'sarif-file', sarifFile);
  setOutput(env, 'sarif-written', String(written));
  setOutput(env, 'results', String(rows.length));
  console.log(`keyaudit: exit ${exitCode}, ${rows.length} result(s)${written ? ` in ${sarifFile}` : ''}`);
  return 0;
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(fileURLToPath(import.meta.url));
if (invokedDirectly) process.exitCode = main();
