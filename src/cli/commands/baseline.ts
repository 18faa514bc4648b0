/**
 * `keyaudit baseline [paths...]`: records today's secret findings as accepted, so `keyaudit scan`
 * fails only on new ones. The file holds fingerprints, rule ids, files and line hints, never a
 * secret or an excerpt; it is written atomically, sorted, so it diffs cleanly in review.
 */
import type { Command } from 'commander';
import { hygieneRules, secretRules, allRules } from '../../../rules/index.js';
import { baselineFromFindings, serializeBaseline } from '../../baseline/baseline.js';
import { locateBaseline } from '../../baseline/file.js';
import { loadConfig } from '../../config/load.js';
import { dedupeAndSort } from '../../core/pipeline.js';
import { UsageError } from '../../core/errors.js';
import { scanWorkingTree } from '../../scan/secret-scan.js';
import type { CommandContext, GlobalOptions } from '../io.js';
import { writeReportFile } from '../output.js';

interface BaselineOptions {
  baseline?: string;
  history?: boolean | string;
}

export function registerBaselineCommand(program: Command, ctx: CommandContext): void {
  program
    .command('baseline')
    .description('accept the current secret findings: write their fingerprints to .keyaudit-baseline.json so scans report only new ones')
    .argument('[paths...]', 'files or directories to scan', [])
    .option('--baseline <file>', 'where to write it (default: secrets.baseline from the config, or .keyaudit-baseline.json)')
    .option('--history [range]', 'also accept findings in git history (all refs, or a range)')
    .addHelpText(
      'after',
      `
The baseline holds fingerprints (one-way hashes of rule, file and secret), never secrets. Commit it;
regenerate it when you accept new findings. Findings stay matched when lines move.

Examples:
  $ keyaudit baseline                       accept everything found in .
  $ keyaudit baseline --history             also what is in git history
  $ keyaudit scan                           now fails only on findings not in the baseline`,
    )
    .action(async (paths: string[], _opts: BaselineOptions, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions & BaselineOptions>();
      const { io } = ctx;
      if (opts.format !== 'text') throw new UsageError('keyaudit baseline writes its own JSON file; --format does not apply');
      if (opts.output !== undefined) throw new UsageError('keyaudit baseline: use --baseline <file> to choose where it is written');
      const config = await loadConfig({ cwd: io.cwd, rules: allRules, ...(opts.config === undefined ? {} : { configFile: opts.config }) });
      const location = locateBaseline(io.cwd, config, opts.baseline);
      const scanOptions = { cwd: io.cwd, config, secretRules, hygieneRules };
      const result = await scanWorkingTree({ ...scanOptions, paths });
      const findings = [...result.findings];
      if (opts.history !== undefined) {
        const { scanGitHistory } = await import('../../scan/git-scan.js');
        const history = await scanGitHistory({ ...scanOptions, range: typeof opts.history === 'string' ? opts.history : undefined });
        findings.push(...history.findings);
      }
      const baseline = baselineFromFindings(dedupeAndSort(findings));
      await writeReportFile(io.cwd, location.absPath, serializeBaseline(baseline));
      if (!opts.quiet) {
        io.stderr.write(`keyaudit: wrote ${baseline.entries.length} fingerprint(s) to ${location.display} (${result.filesScanned} file(s) scanned; no secrets are stored in it)\n`);
      }
      ctx.setExitCode(0);
    });
}
