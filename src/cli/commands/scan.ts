/**
 * `keyaudit scan [paths...]`: audits configured keys and scans paths for plaintext secrets, then
 * prints one report. Exit 1 when anything is at or above --fail-on.
 */
import type { Command } from 'commander';
import { allRules, hygieneRules, secretRules } from '../../../rules/index.js';
import { loadConfig } from '../../config/load.js';
import { dedupeAndSort } from '../../core/pipeline.js';
import { atOrAbove, type AccountReport, type FailOn, type Report, type SkippedFile, type Finding } from '../../core/types.js';
import { VERSION } from '../../version.js';
import { scanWorkingTree } from '../../scan/secret-scan.js';
import type { CommandContext, GlobalOptions } from '../io.js';
import { useProgress } from '../io.js';
import { createProgress } from '../progress.js';
import { emitReport } from '../render.js';

interface ScanOptions {
  keys: boolean;
  secrets: boolean;
}

export function registerScanCommand(program: Command, ctx: CommandContext): void {
  program
    .command('scan')
    .description('audit configured exchange keys and scan paths for plaintext secrets')
    .argument('[paths...]', 'files or directories to scan', [])
    .option('--no-keys', 'skip the exchange key audit')
    .option('--no-secrets', 'skip the secret scan')
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit scan                           keys from the config + secrets in .
  $ keyaudit scan --no-keys src/ .env       secrets only
  $ keyaudit scan --format json -o report.json
  $ keyaudit scan --fail-on critical        only critical findings fail the run`,
    )
    .action(async (paths: string[], _opts: ScanOptions, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions & ScanOptions>();
      const report = await runScan(ctx, paths, opts);
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

  const audit =
    opts.keys && config.accounts.length > 0
      ? import('../../audit/index.js').then((m) => m.auditAccounts({ config, env: io.env, now: new Date(), allowUnknown: opts.allowUnknown }))
      : Promise.resolve([]);
  if (opts.secrets) {
    const result = await scanWorkingTree({
      cwd: io.cwd,
      paths,
      config,
      secretRules,
      hygieneRules,
      onProgress: (files, bytes) => progress.update(`keyaudit: scanned ${files} files (${(bytes / 1e6).toFixed(1)} MB)…`),
    });
    ({ findings, skipped, filesScanned, bytesScanned } = result);
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
    skipped,
    stats: { filesScanned, bytesScanned, durationMs: Date.now() - started },
    failed,
    notes: [],
  };
}
