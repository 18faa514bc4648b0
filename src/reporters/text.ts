/**
 * Human report: the per-account table, then findings grouped by file with `file:line:col`, the
 * redacted excerpt and the fix, then one summary line. Colour only when asked (see cli/io.ts).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import type { AccountReport, Finding, Report, Severity, TriValue } from '../core/types.js';
import { SEVERITIES } from '../core/types.js';
import { allFindings, countBySeverity } from './summary.js';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
  quiet: boolean;
}

export function renderText(report: Report, options: TextOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const sev = severityPainter(c);
  const lines: string[] = [];
  for (const note of report.notes) lines.push(c.bold.magenta(note), '');

  if (report.accounts.length > 0) {
    lines.push(c.bold('Exchange keys'), ...accountTable(report.accounts, c), '');
    for (const account of report.accounts) {
      for (const f of account.findings) lines.push(`  ${sev(f.severity)}  ${c.bold(account.name)}: ${f.message}  ${c.dim(f.ruleId)}`, `        ${c.dim(`fix: ${f.fix}`)}`);
      if (options.verbose) {
        for (const [fact, reason] of Object.entries(account.unknown)) lines.push(c.dim(`        ${account.name}: ${fact} unknown — ${reason}`));
      }
    }
    if (report.accounts.some((a) => a.findings.length > 0)) lines.push('');
  }

  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = f.file ?? '(no file)';
    byFile.set(key, [...(byFile.get(key) ?? []), f]);
  }
  for (const [file, findings] of byFile) {
    lines.push(c.underline(file));
    const fixShown = new Set<string>();
    for (const f of findings) {
      const where = f.line === null ? file : `${file}:${f.line}:${f.column ?? 1}`;
      const commit = f.commit === null ? '' : c.dim(` @${f.commit.slice(0, 10)}${f.authorDate === null ? '' : ` ${f.authorDate.slice(0, 10)}`}`);
      lines.push(`  ${c.dim(where)}${commit}  ${sev(f.severity)}  ${f.message}  ${c.dim(f.ruleId)}`);
      // One fix line per rule and file: repeats add noise, not information.
      if (!options.quiet && !fixShown.has(f.ruleId)) lines.push(`        ${c.dim(`fix: ${f.fix}`)}`);
      fixShown.add(f.ruleId);
    }
    lines.push('');
  }

  if (!options.quiet && report.skipped.length > 0) {
    if (options.verbose) {
      lines.push(c.bold('Skipped'));
      for (const s of report.skipped) lines.push(c.dim(`  ${s.path}: ${s.reason}${s.detail === undefined ? '' : ` (${s.detail})`}`));
      lines.push('');
    } else {
      const reasons = new Map<string, number>();
      for (const s of report.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
      lines.push(c.dim(`Skipped ${report.skipped.length} file(s): ${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')} (--verbose lists them)`), '');
    }
  }

  lines.push(summaryLine(report, c));
  return `${lines.join('\n')}\n`;
}

function summaryLine(report: Report, c: ChalkInstance): string {
  const findings = allFindings(report);
  const counts = countBySeverity(findings);
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const scope = `${report.stats.filesScanned} file(s) scanned${report.accounts.length > 0 ? `, ${report.accounts.length} key(s) audited` : ''}`;
  if (findings.length === 0) return c.green(`✔ No findings (${scope}).`);
  const verdict = report.failed
    ? c.red.bold(`✖ ${findings.length} finding(s): ${parts.join(', ')} — failing (--fail-on ${report.failOn}).`)
    : c.yellow(`⚠ ${findings.length} finding(s): ${parts.join(', ')} — below --fail-on ${report.failOn}.`);
  return `${verdict} ${c.dim(`(${scope})`)}`;
}

function severityPainter(c: ChalkInstance): (s: Severity) => string {
  const paint: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bgRed.white.bold(s),
    high: (s) => c.red.bold(s),
    medium: (s) => c.yellow(s),
    low: (s) => c.cyan(s),
    info: (s) => c.dim(s),
  };
  return (s) => paint[s](s.padEnd(8));
}

function tri(value: TriValue, c: ChalkInstance, dangerous: boolean): string {
  if (value === 'unknown') return c.yellow('unknown');
  if (value) return dangerous ? c.red('YES') : 'yes';
  return dangerous ? c.green('no') : 'no';
}

function accountTable(accounts: readonly AccountReport[], c: ChalkInstance): string[] {
  const header = ['account', 'exchange', 'withdraw', 'transfer', 'trade', 'IP whitelist', 'age', 'expires', 'status'];
  const rows = accounts.map((a) => [
    a.name,
    a.exchange,
    tri(a.permissions.withdraw, c, true),
    tri(a.permissions.transfer, c, true),
    tri(a.permissions.trade, c, false),
    a.ipWhitelist === 'unknown'
      ? a.ipRestricted === true
        ? 'restricted (list hidden)'
        : c.yellow('unknown')
      : a.ipWhitelist.length === 0
        ? c.red('none')
        : a.ipWhitelist.join(', '),
    a.ageDays === null ? c.dim('?') : `${a.ageDays}d`,
    a.expiresAt === null ? c.dim('-') : a.expiresAt.slice(0, 10),
    a.status === 'pass' ? c.green('PASS') : a.status === 'fail' ? c.red.bold('FAIL') : c.yellow.bold('UNKNOWN'),
  ]);
  // eslint-disable-next-line no-control-regex
  const visible = (s: string): number => s.replace(/\x1b\[[0-9;]*m/g, '').length;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => visible(r[i] ?? ''))));
  const pad = (s: string, i: number): string => s + ' '.repeat(Math.max(0, (widths[i] ?? 0) - visible(s)));
  return [`  ${header.map((h, i) => c.dim(pad(h, i))).join('  ')}`, ...rows.map((r) => `  ${r.map(pad).join('  ')}`)];
}
