/**
 * The library API: `scan`, `loadConfig`, the rules and the reporters, for tools that embed keyaudit.
 */
export { loadConfig } from './config/load.js';
export { validateConfig, defaultConfig, type ResolvedConfig } from './config/resolve.js';
export { configSchema } from './config/schema.js';
export { scanWorkingTree, type SecretScanResult } from './scan/secret-scan.js';
export { SecretScanner } from './core/scanner.js';
export { defineSecretRule, defineHygieneRule, defineKeyRule } from './core/define-rule.js';
export type { RuleMeta, SecretRule, HygieneRule, KeyRule, AnyRule } from './core/define-rule.js';
export type { Finding, Report, Severity, AccountReport } from './core/types.js';
export type { KeyFacts, Tri, When, Reason } from './core/key-facts.js';
export { renderJson } from './reporters/json.js';
export { renderSarif } from './reporters/sarif.js';
export { renderText } from './reporters/text.js';
export { allRules, secretRules, hygieneRules, keyRules } from '../rules/index.js';
export { run } from './cli/main.js';
export { VERSION } from './version.js';
