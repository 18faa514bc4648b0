/**
 * SARIF 2.1.0 as GitHub code scanning accepts it: rules with help text and security-severity,
 * repo-relative locations, partialFingerprints. Key findings point at the account's entry in the
 * config file. History findings carry commitSha (gitleaks' convention) and the author date.
 */
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { RuleMeta } from '../core/define-rule.js';
import type { Finding, Report, Severity } from '../core/types.js';
import { allFindings } from './summary.js';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };
/** GitHub ranks >= 9 critical, 7-8.9 high, 4-6.9 medium, 0.1-3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

export interface SarifOptions {
  /** Extra fingerprints per finding (e.g. GitHub's primaryLocationLineHash). */
  extraFingerprints?: (finding: Finding) => Record<string, string>;
}

export function renderSarif(report: Report, rules: readonly RuleMeta[], options: SarifOptions = {}): string {
  const findings = allFindings(report);
  const used = new Set(findings.map((f) => f.ruleId));
  const ruleList = rules.filter((r) => used.has(r.id) || r.recommended);
  const index = new Map(ruleList.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = ruleList.map((r) => ({
    id: r.id,
    name: r.id.split(/[/-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: { text: `${r.description}.\nFix: ${r.fix}`, markdown: `**${r.description}.**\n\nFix: ${r.fix}` },
    helpUri: `https://github.com/keyaudit/keyaudit/blob/main/docs/rules.md#${r.id.replace('/', '')}`,
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['security', `keyaudit-${r.family}`], precision: 'high', 'security-severity': SECURITY_SEVERITY[r.severity] },
  }));
  const results: Result[] = findings.map((f) => {
    const result: Result = {
      ruleId: f.ruleId,
      level: LEVEL[f.severity],
      message: { text: f.account === undefined ? `${f.message}. Fix: ${f.fix}` : `[${f.account}] ${f.message}. Fix: ${f.fix}` },
      partialFingerprints: {
        'keyaudit/v1': f.fingerprint,
        ...(f.commit === null ? {} : { commitSha: f.commit }),
        ...(options.extraFingerprints?.(f) ?? {}),
      },
      properties: {
        severity: f.severity,
        'security-severity': SECURITY_SEVERITY[f.severity],
        ...(f.excerpt === null ? {} : { excerpt: f.excerpt }),
        ...(f.commit === null ? {} : { commit: f.commit }),
        ...(f.authorDate === null ? {} : { authorDate: f.authorDate }),
        ...(f.account === undefined ? {} : { account: f.account }),
      },
    };
    const ruleIndex = index.get(f.ruleId);
    if (ruleIndex !== undefined) result.ruleIndex = ruleIndex;
    if (f.file !== null) {
      result.locations = [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line ?? 1, ...(f.column === null ? {} : { startColumn: f.column }) },
          },
        },
      ];
    }
    return result;
  });
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyaudit',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: 'https://github.com/keyaudit/keyaudit',
            rules: descriptors,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Percent-encodes a repo-relative path; lone surrogates (from non-UTF-8 names) become U+FFFD first. */
function toUri(file: string): string {
  return encodeURI(file.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}
