/**
 * The library API for tools that embed keyaudit: configuration, the three secret scans (working
 * tree, staged changes, git history), baselines, the key audit, the rules and the reporters.
 * The key audit (and CCXT behind it) is loaded only when `auditAccounts` is called.
 */
import type { AuditOptions } from './audit/index.js';
import type { AccountReport } from './core/types.js';

export { loadConfig } from './config/load.js';
export { validateConfig, defaultConfig, type ResolvedConfig } from './config/resolve.js';
export { configSchema } from './config/schema.js';
export { scanWorkingTree, type SecretScanResult } from './scan/secret-scan.js';
export { scanStaged, scanGitHistory, type GitScanOptions, type HistoryScanResult } from './scan/git-scan.js';
export { baselineFromFindings, serializeBaseline, parseBaseline, baselineFingerprints, type Baseline } from './baseline/baseline.js';
export { applyBaseline, dedupeAndSort } from './core/pipeline.js';
export { SecretScanner } from './core/scanner.js';
export { defineSecretRule, defineHygieneRule, defineKeyRule } from './core/define-rule.js';
export type { RuleMeta, SecretRule, HygieneRule, KeyRule, AnyRule } from './core/define-rule.js';
export type { Finding, Report, Severity, AccountReport } from './core/types.js';
export type { KeyFacts, Tri, When, Reason } from './core/key-facts.js';
export { renderJson } from './reporters/json.js';
export { renderSarif } from './reporters/sarif.js';
export { renderText } from './reporters/text.js';
export { renderHtml } from './reporters/html.js';
export { allRules, secretRules, hygieneRules, keyRules } from '../rules/index.js';
export { run } from './cli/main.js';
export { VERSION } from './version.js';
export type { AuditOptions } from './audit/index.js';

/** Audits the configured accounts' API keys (what each key may do, IP whitelist, age). Loads CCXT on first use. */
export async function auditAccounts(options: AuditOptions): Promise<AccountReport[]> {
  return (await import('./audit/index.js')).auditAccounts(options);
}
