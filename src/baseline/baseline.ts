/**
 * `.keyaudit-baseline.json`: the findings a team has accepted, so later scans report only new ones.
 * It holds fingerprints (one-way, salted where guessable; see core/fingerprint.ts) plus the rule id
 * and file as a hint for reviewers, and the line where it was seen as a hint only: matching uses the
 * fingerprint alone, which survives edits that move lines. Never a secret, never an excerpt.
 *
 * Pure: parse and serialize; the CLI reads and writes the file.
 */
import type { Finding } from '../core/types.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string | null;
  /** Where it was when the baseline was written; informative only. */
  line: number | null;
}

export interface Baseline {
  version: typeof BASELINE_VERSION;
  entries: BaselineEntry[];
}

/** A baseline file that cannot be used; the message says what is wrong, never file contents. */
export class BaselineFormatError extends Error {}

const FINGERPRINT = /^[0-9a-f]{32}(?::\d{1,6})?$/;

/** One entry per fingerprint, sorted (file, rule, fingerprint) so the file diffs cleanly in review. */
export function baselineFromFindings(findings: readonly Finding[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (byFingerprint.has(f.fingerprint)) continue;
    byFingerprint.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, line: f.commit === null ? f.line : null });
  }
  const entries = [...byFingerprint.values()].sort(
    (a, b) => cmp(a.file ?? '', b.file ?? '') || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint),
  );
  return { version: BASELINE_VERSION, entries };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function serializeBaseline(baseline: Baseline): string {
  const doc = {
    version: baseline.version,
    tool: 'keyaudit',
    note: 'Accepted findings: fingerprints only (no secrets). Regenerate with `keyaudit baseline`.',
    findings: baseline.entries.map((e) => ({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file, line: e.line })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function parseBaseline(text: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new BaselineFormatError('is not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new BaselineFormatError('expected a JSON object with "version" and "findings"');
  const { version, findings } = doc as { version?: unknown; findings?: unknown };
  if (version !== BASELINE_VERSION) throw new BaselineFormatError(`version: expected ${BASELINE_VERSION}, found ${JSON.stringify(version) ?? 'nothing'}`);
  if (!Array.isArray(findings)) throw new BaselineFormatError('findings: expected an array');
  const entries: BaselineEntry[] = [];
  findings.forEach((raw: unknown, i) => {
    const e = raw as Partial<Record<keyof BaselineEntry, unknown>> | null;
    if (typeof e !== 'object' || e === null) throw new BaselineFormatError(`findings[${i}]: expected an object`);
    if (typeof e.fingerprint !== 'string' || !FINGERPRINT.test(e.fingerprint)) throw new BaselineFormatError(`findings[${i}].fingerprint: expected 32 hex characters (optionally ":n")`);
    entries.push({
      fingerprint: e.fingerprint,
      ruleId: typeof e.ruleId === 'string' ? e.ruleId : '',
      file: typeof e.file === 'string' ? e.file : null,
      line: typeof e.line === 'number' ? e.line : null,
    });
  });
  return { version: BASELINE_VERSION, entries };
}

export function baselineFingerprints(baseline: Baseline): Set<string> {
  return new Set(baseline.entries.map((e) => e.fingerprint));
}
