/** Picks the reporter for --format and writes the result to stdout or --output. */
import type { Report } from '../core/types.js';
import { allRules } from '../../rules/index.js';
import { renderJson } from '../reporters/json.js';
import { renderSarif } from '../reporters/sarif.js';
import { renderText } from '../reporters/text.js';
import { UsageError } from '../core/errors.js';
import type { CliIO, GlobalOptions } from './io.js';
import { useColor } from './io.js';
import { writeReportFile } from './output.js';

export async function emitReport(report: Report, opts: GlobalOptions, io: CliIO): Promise<void> {
  let content: string;
  switch (opts.format) {
    case 'json':
      content = renderJson(report);
      break;
    case 'sarif':
      content = renderSarif(report, allRules.map((r) => r.meta));
      break;
    case 'text':
      content = renderText(report, { color: useColor(io, opts), verbose: opts.verbose, quiet: opts.quiet });
      break;
    default:
      throw new UsageError(`--format ${opts.format} is not available for scan reports yet; use text, json or sarif`);
  }
  if (opts.output === undefined) {
    io.stdout.write(content);
    return;
  }
  await writeReportFile(io.cwd, opts.output, content);
  if (!opts.quiet) io.stderr.write(`keyaudit: report written to ${opts.output}${report.failed ? ' (findings at or above --fail-on)' : ''}\n`);
}
