/** Picks the reporter for --format and writes the result to stdout or --output. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Finding, Report } from '../core/types.js';
import { allRules } from '../../rules/index.js';
import { renderJson } from '../reporters/json.js';
import { renderSarif } from '../reporters/sarif.js';
import { renderText } from '../reporters/text.js';
import { renderHtml } from '../reporters/html.js';
import { computeLineHashes } from '../reporters/line-hash.js';
import { allFindings } from '../reporters/summary.js';
import { runGit } from '../sources/git.js';
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
    case 'sarif': {
      const hashes = await lineHashesFor(allFindings(report), io.cwd);
      content = renderSarif(
        report,
        allRules.map((r) => r.meta),
        {
          extraFingerprints: (f): Record<string, string> => {
            const hash = hashes.get(sourceKey(f))?.[(f.line ?? 1) - 1];
            return hash === undefined ? {} : { primaryLocationLineHash: hash };
          },
        },
      );
      break;
    }
    case 'html':
      content = renderHtml(report, { generatedAt: new Date() });
      break;
    case 'text':
      content = renderText(report, { color: useColor(io, opts), verbose: opts.verbose, quiet: opts.quiet });
      break;
    default:
      throw new UsageError(`--format ${opts.format} is not available for scan reports; use text, json, sarif or html`);
  }
  if (opts.output === undefined) {
    io.stdout.write(content);
    return;
  }
  await writeReportFile(io.cwd, opts.output, content);
  if (!opts.quiet) io.stderr.write(`keyaudit: report written to ${opts.output}${report.failed ? ' (findings at or above --fail-on)' : ''}\n`);
}

function sourceKey(f: Finding): string {
  return `${f.commit ?? ''}\0${f.file ?? ''}`;
}

/** Files larger than this are not hashed (GitHub's uploader would hash them; we leave it to it). */
const MAX_HASH_BYTES = 32 * 1024 * 1024;

/**
 * GitHub's primaryLocationLineHash for every file (or history blob) a finding points at, so code
 * scanning keeps matching the alert when lines move. Working-tree findings hash the file as it is
 * now (what the upload action would read). History findings hash the blob at their commit, because
 * the file may have changed or no longer exist at HEAD. When neither can be read (a shallow clone
 * without that commit, a file deleted since the scan), the result carries no line hash and the
 * upload action falls back to its own (hashing the checked-out file if there is one).
 */
export async function lineHashesFor(findings: readonly Finding[], cwd: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    if (f.file === null) continue;
    const key = sourceKey(f);
    if (out.has(key)) continue;
    const text = f.commit === null ? await readWorkingFile(cwd, f.file) : await readBlob(cwd, f.commit, f.file);
    if (text !== null) out.set(key, computeLineHashes(text));
  }
  return out;
}

async function readWorkingFile(cwd: string, file: string): Promise<string | null> {
  try {
    const buf = await readFile(path.resolve(cwd, file));
    return buf.length > MAX_HASH_BYTES ? null : buf.toString('utf8');
  } catch {
    return null;
  }
}

async function readBlob(cwd: string, commit: string, file: string): Promise<string | null> {
  if (!/^[0-9a-f]{7,64}$/i.test(commit)) return null;
  // `./path` is relative to cwd; a bare path is relative to the repository root. History paths are
  // repository-relative, but a scan started in a subdirectory may report cwd-relative ones.
  for (const spec of [`${commit}:${file}`, `${commit}:./${file}`]) {
    const result = await runGit(cwd, ['cat-file', 'blob', spec]);
    if (result.code === 0) return result.stdout.length > MAX_HASH_BYTES ? null : result.stdout;
  }
  return null;
}
