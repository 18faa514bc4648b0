/**
 * `keyaudit scan [paths...]`: audits configured keys and scans paths for plaintext secrets, then
 * prints one report. Exit 1 when anything is at or above --fail-on.
 */
import type { Command } from 'commander';
import { allRules, hygieneRules, secretRules } from '../../../rules/index.js';
import { loadConfig } from '../../config/load.js';
import { applyBaseline, dedupeAndSort, sortSkipped } from '../../core/pipeline.js';
import { UsageError } from '../../core/errors.js';
import { locateBaseline, readBaseline } from '../../baseline/file.js';
import { atOrAbove, type AccountReport, type FailOn, type Report, type SkippedFile, type Finding } from '../../core/types.js';
import { VERSION } from '../../version.js';
import { scanWorkingTree } from '../../scan/secret-scan.js';
import type { CommandContext, GlobalOptions } from '../io.js';
import { useProgress } from '../io.js';
import { createProgress } from '../progress.js';
import { emitReport } from '../render.js';

export interface ScanOptions {
  keys: boolean;
  secrets: boolean;
  /** Only what is staged in git (the pre-commit hook); implies no key audit. */
  staged?: boolean;
  /** `--history` alone is `true`; `--history <range>` is the range. */
  history?: boolean | string;
  /** A baseline file, or false for --no-baseline. */
  baseline?: string | false;
  /** Offline demo: a generated repo plus demo accounts served by a loopback exchange double. */
  demo?: boolean;
  /** Ask the exchange what exchange keys found in files can do (sends the found key to it). */
  verify?: boolean;
  /** Scan worker threads for large trees: `auto` (one per core, up to 4) or a number (0 = none). */
  workers: 'auto' | number;
}

/** `--workers`: `auto` or 0–16. */
function parseWorkers(value: string): 'auto' | number {
  if (value === 'auto') return 'auto';
  if (!/^\d{1,2}$/.test(value) || Number(value) > 16) throw new UsageError(`--workers expects "auto" or a number from 0 to 16, got "${value}"`);
  return Number(value);
}

export function registerScanCommand(program: Command, ctx: CommandContext): void {
  program
    .command('scan')
    .description('audit configured exchange keys and scan paths for plaintext secrets')
    .argument('[paths...]', 'files or directories to scan', [])
    .option('--no-keys', 'skip the exchange key audit')
    .option('--no-secrets', 'skip the secret scan')
    .option('--staged', 'scan only what is staged in git (what the next commit would hold); no key audit')
    .option('--history [range]', 'also scan every commit\'s added lines (all refs, or a range such as origin/main..HEAD; paths limit it too)')
    .option('--verify', 'ask the exchange what found exchange keys can do (sends each found key to its exchange; off by default)')
    .option('--demo', 'run the full report on a bundled demo (fake repo + loopback exchange double; offline)')
    .option('--baseline <file>', 'report only findings not in this baseline (default: secrets.baseline or .keyaudit-baseline.json)')
    .option('--no-baseline', 'ignore any baseline: report every finding')
    .option('--workers <n>', 'worker threads for large trees: "auto" (one per core, up to 4) or 0-16 (0 or 1: scan in the main thread, least memory)', parseWorkers, 'auto' as const)
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit scan --demo                    offline demo: fake bot repo + loopback exchange double
  $ keyaudit scan                           keys from the config + secrets in .
  $ keyaudit scan --no-keys src/ .env       secrets only
  $ keyaudit scan --staged                  what the next commit would add (the pre-commit hook)
  $ keyaudit scan --no-keys --history       every commit of every branch
  $ keyaudit scan --history origin/main..HEAD
  $ keyaudit baseline && keyaudit scan      accept today's findings, fail only on new ones
  $ keyaudit scan --format json -o report.json
  $ keyaudit scan --fail-on critical        only critical findings fail the run`,
    )
    .action(async (paths: string[], _opts: ScanOptions, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions & ScanOptions>();
      const report = opts.demo === true ? await runDemo(ctx, paths, opts) : await runScan(ctx, paths, opts);
      await emitReport(report, opts, ctx.io);
      ctx.setExitCode(report.failed ? 1 : 0);
    });
}

export async function runScan(ctx: CommandContext, paths: readonly string[], opts: GlobalOptions & ScanOptions): Promise<Report> {
  const started = Date.now();
  const { io } = ctx;
  const config = await loadConfig({ cwd: io.cwd, rules: allRules, ...(opts.config === undefined ? {} : { configFile: opts.config }) });
  const progress = createProgress(io.stderr, useProgress(io, opts));
  let accounts: AccountReport[] = [];
  let findings: Finding[] = [];
  let skipped: SkippedFile[] = [];
  let filesScanned = 0;
  let bytesScanned = 0;

  if (opts.staged === true && opts.history !== undefined) throw new UsageError('--staged and --history cannot be combined: the hook checks the next commit, --history the past ones');
  if (opts.staged === true && !opts.secrets) throw new UsageError('--staged scans staged files for secrets; it cannot be combined with --no-secrets');
  const baselineLocation = opts.secrets && opts.baseline !== false ? locateBaseline(io.cwd, config, opts.baseline) : null;
  const baseline = baselineLocation === null ? null : await readBaseline(baselineLocation);

  // The staged scan never audits keys: the hook must not load CCXT or the store, and must not need the network.
  let audited = 0;
  const audit =
    opts.keys && opts.staged !== true && config.accounts.length > 0
      ? import('../../audit/index.js').then((m) =>
          m.auditAccounts({
            config,
            env: io.env,
            now: new Date(),
            allowUnknown: opts.allowUnknown,
            io: { stdin: io.stdin, stderr: io.stderr, isTTY: io.isTTY },
            onAccount: () => progress.update(`keyaudit: audited ${++audited}/${config.accounts.length} keys…`),
          }),
        )
      : Promise.resolve([]);
  // Rejections (config/store errors) are handled at `await audit` below; this keeps one from counting
  // as unhandled while the secret scan is still running.
  audit.catch(() => undefined);
  if (opts.secrets) {
    const onProgress = (files: number, bytes: number): void => progress.update(`keyaudit: scanned ${files} files (${(bytes / 1e6).toFixed(1)} MB)…`);
    const gitOptions = { cwd: io.cwd, config, secretRules, hygieneRules };
    const result =
      opts.staged === true
        ? await (await import('../../scan/git-scan.js')).scanStaged({ ...gitOptions, paths })
        : await scanWorkingTree({ ...gitOptions, paths, onProgress, workers: opts.workers });
    ({ findings, skipped, filesScanned, bytesScanned } = result);
    if (opts.history !== undefined) {
      progress.update('keyaudit: scanning git history…');
      const range = typeof opts.history === 'string' ? opts.history : undefined;
      const history = await (await import('../../scan/git-scan.js')).scanGitHistory({ ...gitOptions, range, paths });
      findings.push(...history.findings);
      skipped.push(...history.skipped);
      bytesScanned += history.bytesScanned;
    }
    findings = applyBaseline(findings, baseline);
    if (opts.verify === true) {
      if (opts.staged === true) throw new UsageError('--verify cannot be used with --staged (the pre-commit hook must stay offline)');
      progress.update('keyaudit: asking exchanges about the keys found…');
      const { verifyFoundKeys } = await import('../../scan/verify.js');
      findings = await verifyFoundKeys({ cwd: io.cwd, findings, config, secretRules, now: new Date(), allowUnknown: opts.allowUnknown });
    }
  }
  accounts = await audit;
  progress.done();

  const failOn = opts.failOn as FailOn;
  const sorted = dedupeAndSort(findings);
  const failed = [...sorted, ...accounts.flatMap((a) => a.findings)].some((f) => atOrAbove(f.severity, failOn));
  return {
    tool: { name: 'keyaudit', version: VERSION },
    failOn,
    accounts,
    findings: sorted,
    skipped: sortSkipped(skipped),
    stats: { filesScanned, bytesScanned, durationMs: Date.now() - started },
    failed,
    notes: [],
  };
}

/** Runs the scan inside a throw-away demo repository whose accounts point at the loopback double. */
async function runDemo(ctx: CommandContext, paths: readonly string[], opts: GlobalOptions & ScanOptions): Promise<Report> {
  if (paths.length > 0 || opts.config !== undefined || opts.staged === true || opts.history !== undefined) {
    throw new UsageError('--demo brings its own repository and config: drop the paths, --config, --staged and --history');
  }
  const { prepareDemo, DEMO_BANNER } = await import('../../demo/index.js');
  const demo = await prepareDemo();
  try {
    const io = { ...ctx.io, cwd: demo.dir, env: { ...ctx.io.env, ...demo.env } };
    const report = await runScan({ ...ctx, io }, [], { ...opts, keys: true, secrets: true });
    return { ...report, notes: [DEMO_BANNER, ...report.notes] };
  } finally {
    await demo.close();
  }
}
