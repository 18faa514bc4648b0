/** Counts and pass/fail shared by every reporter. */
import type { Finding, Report, Severity } from '../core/types.js';
import { SEVERITIES } from '../core/types.js';

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Secret findings plus every account's findings. */
export function allFindings(report: Report): Finding[] {
  return [...report.accounts.flatMap((a) => a.findings), ...report.findings];
}
