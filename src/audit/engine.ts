/**
 * Runs the key rules over one key's facts (the engine half of ../../shared/STYLE.md example 1): the
 * rule only reports; the engine adds rule id, configured severity, the fix, the config location and
 * a stable fingerprint, so every key finding has the same shape.
 */
import type { AccountInfo, KeyRule } from '../core/define-rule.js';
import { formatMessage } from '../core/define-rule.js';
import { plainFingerprint } from '../core/fingerprint.js';
import type { KeyFacts } from '../core/key-facts.js';
import { redactText } from '../core/mask.js';
import type { Finding, Severity } from '../core/types.js';
import type { ResolvedRuleSetting } from '../config/resolve.js';

export interface KeyRuleRun {
  rules: readonly KeyRule[];
  settings: ReadonlyMap<string, ResolvedRuleSetting>;
  account: AccountInfo;
  now: Date;
  allowUnknown: boolean;
  /** Where findings point: the config file and the account's line in it. */
  file: string | null;
  line: number | null;
  /** Redacted from every message, whatever a rule put there. */
  secrets: readonly string[];
}

export function runKeyRules(facts: KeyFacts, run: KeyRuleRun): Finding[] {
  const findings: Finding[] = [];
  for (const rule of run.rules) {
    const setting = run.settings.get(rule.meta.id);
    const configured = setting?.severity ?? rule.meta.severity;
    if (configured === 'off') continue;
    const options = setting?.options ?? rule.options.parse({});
    const seen = new Set<string>();
    rule.check(facts, {
      account: run.account,
      options,
      now: run.now,
      allowUnknown: run.allowUnknown,
      report(hit) {
        const key = hit.key ?? '';
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({
          ruleId: rule.meta.id,
          severity: severityOf(configured, rule.meta.severity, hit.severity),
          message: redactText(formatMessage(rule.meta.message, hit.data), run.secrets),
          fix: rule.meta.fix,
          file: run.file,
          line: run.line,
          column: null,
          commit: null,
          authorDate: null,
          excerpt: null,
          fingerprint: plainFingerprint(rule.meta.id, run.account.name, key),
          account: run.account.name,
        });
      },
    });
  }
  return findings;
}

/**
 * A rule may grade a hit (expiring soon = medium, internal-only transfer = info). An `info` grade
 * always wins (it marks the hit as informational, e.g. --allow-unknown); otherwise a severity the
 * user configured wins over the rule's own grading.
 */
function severityOf(configured: Severity, defaultSeverity: Severity, hit: Severity | undefined): Severity {
  if (hit === undefined) return configured;
  if (hit === 'info') return 'info';
  return configured === defaultSeverity ? hit : configured;
}
