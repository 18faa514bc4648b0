/**
 * Shared vocabulary of keyaudit: severities, findings, fragments of text to scan and the report.
 * Pure types only; no I/O lives here.
 */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';
export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Higher number = more severe; used for sorting and for `--fail-on`. */
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

export function atOrAbove(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** The three families of rules; a rule's full id is `<family>/<name>`. */
export type RuleFamily = 'secrets' | 'hygiene' | 'keys';

/** A reported problem, already masked: it never carries the secret itself. */
export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  fix: string;
  /** Repo- or cwd-relative path with forward slashes; for key findings, the config file. */
  file: string | null;
  line: number | null;
  column: number | null;
  /** History scans only. */
  commit: string | null;
  authorDate: string | null;
  /** At most the first 4 characters of the secret followed by "…"; null for non-secret findings. */
  excerpt: string | null;
  /** Stable, one-way identifier of this finding (see core/fingerprint.ts). */
  fingerprint: string;
  /** Key findings only: the account the finding belongs to. */
  account?: string;
}

/** A piece of text to scan, with where it came from. */
export interface Fragment {
  /** Display path (relative, forward slashes). */
  path: string;
  text: string;
  /** 1-based line number of the first line of `text` in the original file. */
  startLine: number;
  commit?: string | null;
  authorDate?: string | null;
  /**
   * Index of this fragment's first character in the file when the file is read in chunks, so a
   * secret seen twice at the chunk overlap is counted once.
   */
  startOffset?: number;
}

export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'unreadable' | 'symlink-outside' | 'special';
  detail?: string;
}

/** Tri-state permission as reported: true/false only when the exchange said so. */
export type TriValue = boolean | 'unknown';

/** Per-account result of the key audit, as reporters see it. */
export interface AccountReport {
  name: string;
  exchange: string;
  status: 'pass' | 'fail' | 'unknown';
  permissions: {
    read: TriValue;
    trade: TriValue;
    withdraw: TriValue;
    transfer: TriValue;
    margin: TriValue;
    futures: TriValue;
    options: TriValue;
  };
  ipRestricted: TriValue;
  ipWhitelist: string[] | 'unknown';
  createdAt: string | null;
  ageDays: number | null;
  expiresAt: string | null;
  endpoint: string | null;
  /** fact name -> human reason, for every fact that is "unknown". */
  unknown: Record<string, string>;
  findings: Finding[];
}

export interface Report {
  tool: { name: 'keyaudit'; version: string };
  failOn: FailOn;
  accounts: AccountReport[];
  findings: Finding[];
  skipped: SkippedFile[];
  stats: { filesScanned: number; bytesScanned: number; durationMs: number };
  /** Whether anything is at or above failOn. */
  failed: boolean;
  /** Free-form labels shown by reporters (e.g. "DEMO"). */
  notes: string[];
}
