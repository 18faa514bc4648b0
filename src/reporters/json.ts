/**
 * JSON report, schema version 1 (docs/report.schema.json). Keys are written in a fixed order so
 * diffs between runs are meaningful.
 */
import type { Finding, Report } from '../core/types.js';
import { allFindings, countBySeverity } from './summary.js';

export const JSON_SCHEMA_VERSION = 1;

export function renderJson(report: Report): string {
  const out = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: report.tool.name, version: report.tool.version },
    summary: {
      failed: report.failed,
      failOn: report.failOn,
      counts: countBySeverity(allFindings(report)),
      filesScanned: report.stats.filesScanned,
      filesSkipped: report.skipped.length,
      durationMs: report.stats.durationMs,
    },
    notes: report.notes,
    accounts: report.accounts.map((a) => ({
      name: a.name,
      exchange: a.exchange,
      status: a.status,
      permissions: {
        read: a.permissions.read,
        trade: a.permissions.trade,
        withdraw: a.permissions.withdraw,
        transfer: a.permissions.transfer,
        margin: a.permissions.margin,
        futures: a.permissions.futures,
        options: a.permissions.options,
      },
      ipRestricted: a.ipRestricted,
      ipWhitelist: a.ipWhitelist,
      createdAt: a.createdAt,
      ageDays: a.ageDays,
      expiresAt: a.expiresAt,
      endpoint: a.endpoint,
      unknown: a.unknown,
      findings: a.findings.map(findingJson),
    })),
    findings: report.findings.map(findingJson),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason, detail: s.detail ?? null })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    ...(f.account === undefined ? {} : { account: f.account }),
    file: f.file,
    line: f.line,
    column: f.column,
    commit: f.commit,
    authorDate: f.authorDate,
    excerpt: f.excerpt,
    fingerprint: f.fingerprint,
    message: f.message,
    fix: f.fix,
  };
}
