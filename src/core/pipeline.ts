/**
 * Pipeline from raw hits to reportable findings: mask -> fingerprint -> severity from config ->
 * baseline/ignore -> dedupe -> sort. After `hitsToFindings`, no secret exists outside the engine.
 */
import type { SecretHit } from './scanner.js';
import type { Finding, Severity, SeveritySetting, SkippedFile } from './types.js';
import { SEVERITY_RANK } from './types.js';
import { maskSecret } from './mask.js';
import { secretFingerprint } from './fingerprint.js';
import { formatMessage } from './define-rule.js';

export type SeverityOf = (ruleId: string, defaultSeverity: Severity) => SeveritySetting;

/** Turns hits into masked findings; the nth repeat of a secret in one file gets occurrence n. */
export function hitsToFindings(hits: readonly SecretHit[], severityOf: SeverityOf): Finding[] {
  const ordered = [...hits].sort((a, b) => a.offset - b.offset);
  const seenOffsets = new Set<string>();
  const occurrences = new Map<string, number>();
  const findings: Finding[] = [];
  for (const hit of ordered) {
    const { meta } = hit.rule;
    const severity = severityOf(meta.id, meta.severity);
    if (severity === 'off') continue;
    // Chunked reads overlap: the same secret at the same offset is one hit.
    const where = `${meta.id}\0${hit.path}\0${hit.commit ?? ''}\0${hit.offset}`;
    if (seenOffsets.has(where)) continue;
    seenOffsets.add(where);
    const repeatKey = `${meta.id}\0${hit.path}\0${hit.commit ?? ''}\0${hit.secret}`;
    const occurrence = occurrences.get(repeatKey) ?? 0;
    occurrences.set(repeatKey, occurrence + 1);
    const excerpt = maskSecret(hit.secret);
    findings.push({
      ruleId: meta.id,
      severity,
      message: formatMessage(meta.message, { excerpt }),
      fix: meta.fix,
      file: hit.path,
      line: hit.line,
      column: hit.column,
      commit: hit.commit,
      authorDate: hit.authorDate,
      excerpt,
      fingerprint: secretFingerprint(meta.id, hit.path, hit.secret, occurrence),
    });
  }
  return findings;
}

/** Drops exact duplicates and sorts: most severe first, then by file, line, column, rule. */
export function dedupeAndSort(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique: Finding[] = [];
  for (const f of findings) {
    const key = [f.ruleId, f.file, f.line, f.column, f.commit, f.fingerprint, f.account].join('\0');
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(f);
  }
  return unique.sort(compareFindings);
}

/** Skipped files in a stable order (workers finish in any order): by path, then reason. */
export function sortSkipped(skipped: readonly SkippedFile[]): SkippedFile[] {
  const key = (s: SkippedFile): string => `${s.path}\0${s.reason}\0${s.detail ?? ''}`;
  return [...skipped].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    (a.account ?? '').localeCompare(b.account ?? '') ||
    (a.file ?? '').localeCompare(b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    (a.commit ?? '').localeCompare(b.commit ?? '')
  );
}

/** Removes findings whose fingerprint is in the baseline. */
export function applyBaseline(findings: readonly Finding[], baseline: ReadonlySet<string> | null): Finding[] {
  if (baseline === null || baseline.size === 0) return [...findings];
  return findings.filter((f) => !baseline.has(f.fingerprint));
}
