/**
 * Scores a scanner on a generated corpus: a hit is a true positive when it lands on the lines of a
 * planted secret, a false positive otherwise; a planted secret is found when any hit lands on it.
 * Precision is counted per category of the reporting rule, recall per category of the planted secret.
 */
import type { SecretRule } from '../../src/core/define-rule.js';
import { SecretScanner } from '../../src/core/scanner.js';
import { CATEGORIES, type Category, type CorpusFile } from './generate.js';

export function ruleCategory(rule: SecretRule): Category {
  const name = rule.meta.name;
  if (rule.generic === true) return 'generic';
  if (name === 'pem-private-key') return 'pem';
  if (/^(bip39|evm|solana|wif|bip32)-/.test(name)) return 'wallet';
  if (/-api-key$|^coinbase-cdp-key$/.test(name) && !/^(openai|anthropic)-/.test(name)) return 'exchange';
  return 'service';
}

export interface CategoryScore {
  tp: number;
  fp: number;
  planted: number;
  found: number;
  precision: number;
  recall: number;
}

export interface Score {
  byCategory: Record<Category, CategoryScore>;
  overall: CategoryScore;
  /** Up to 20 examples of each failure, described without the secret. */
  falsePositives: string[];
  misses: string[];
  /** Of the found secrets, the share reported by a rule of the secret's own category. */
  agreement: number;
}

export function scoreCorpus(corpus: readonly CorpusFile[], scan: (file: CorpusFile) => { line: number; category: Category; rule: string }[]): Score {
  const empty = (): CategoryScore => ({ tp: 0, fp: 0, planted: 0, found: 0, precision: 1, recall: 1 });
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, empty()])) as Record<Category, CategoryScore>;
  const overall = empty();
  const falsePositives: string[] = [];
  const misses: string[] = [];
  let agreeing = 0;
  for (const file of corpus) {
    const hits = scan(file);
    const found = new Set<number>();
    const agreed = new Set<number>();
    for (const hit of hits) {
      // Several secrets may share a line: a hit takes the first one on its line not yet found.
      const onLine = (p: { startLine: number; endLine: number }) => p.startLine <= hit.line && hit.line <= p.endLine;
      let i = file.planted.findIndex((p, j) => onLine(p) && !found.has(j));
      if (i === -1) i = file.planted.findIndex(onLine);
      const score = byCategory[hit.category];
      if (i === -1) {
        score.fp++;
        overall.fp++;
        if (falsePositives.length < 20) falsePositives.push(`${file.path}:${hit.line} ${hit.rule}`);
      } else {
        score.tp++;
        overall.tp++;
        found.add(i);
        if (file.planted[i]?.category === hit.category) agreed.add(i);
      }
    }
    agreeing += agreed.size;
    file.planted.forEach((p, i) => {
      byCategory[p.category].planted++;
      overall.planted++;
      if (found.has(i)) {
        byCategory[p.category].found++;
        overall.found++;
      } else if (misses.length < 20) misses.push(`${file.path}:${p.startLine} ${p.label}`);
    });
  }
  for (const s of [...Object.values(byCategory), overall]) {
    s.precision = s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp);
    s.recall = s.planted === 0 ? 1 : s.found / s.planted;
  }
  return { byCategory, overall, falsePositives, misses, agreement: overall.found === 0 ? 1 : agreeing / overall.found };
}

/** The keyaudit scanner as a corpus scan function. */
export function keyauditScan(rules: readonly SecretRule[]): (file: CorpusFile) => { line: number; category: Category; rule: string }[] {
  const scanner = new SecretScanner(rules);
  return (file) => scanner.scan({ path: file.path, text: file.text, startLine: 1 }).map((h) => ({ line: h.line, category: ruleCategory(h.rule), rule: h.rule.meta.name }));
}

export function formatScore(score: Score): string {
  const row = (name: string, s: CategoryScore): string =>
    `| ${name} | ${s.planted} | ${s.found} | ${s.tp + s.fp} | ${s.fp} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} |`;
  return [
    '| category | planted | found | reported | false positives | precision | recall |',
    '|---|---|---|---|---|---|---|',
    ...CATEGORIES.map((c) => row(c, score.byCategory[c])),
    row('**overall**', score.overall),
    '',
    `Found secrets reported by a rule of their own category: ${(score.agreement * 100).toFixed(1)}%.`,
  ].join('\n');
}
