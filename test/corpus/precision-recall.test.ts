/**
 * Detection quality on the generated corpus (test/corpus/generate.ts): precision and recall per
 * category must stay ≥ 0.95 and overall ≥ 0.98. `KEYAUDIT_CORPUS_REPORT=1` prints the table that
 * docs/detection.md quotes.
 */
import { describe, expect, it } from 'vitest';
import { secretRules } from '../../rules/secrets/index.js';
import { CATEGORIES, generateCorpus } from './generate.js';
import { naiveScan } from './naive.js';
import { formatScore, keyauditScan, scoreCorpus } from './score.js';

const corpus = generateCorpus('keyaudit-corpus-v1', 1200);
const score = scoreCorpus(corpus, keyauditScan(secretRules));
const naive = scoreCorpus(corpus, naiveScan);
if (process.env.KEYAUDIT_CORPUS_REPORT === '1') {
  console.log(formatScore(score));
  console.log('naive regex set:');
  console.log(formatScore(naive));
  console.log('false positives:', score.falsePositives);
  console.log('misses:', score.misses);
}

describe('detection quality on the generated corpus', () => {
  it('plants secrets of every category and many hard negatives', () => {
    for (const c of CATEGORIES) expect(score.byCategory[c].planted, c).toBeGreaterThan(40);
    expect(corpus.filter((f) => f.negative).length).toBeGreaterThanOrEqual(500);
  });

  it.each(CATEGORIES.map((c) => [c] as const))('%s: precision and recall ≥ 0.95', (category) => {
    const s = score.byCategory[category];
    expect({ category, precision: s.precision, misses: score.misses, fps: score.falsePositives }).toMatchObject({ category });
    expect(s.precision, `${category} false positives: ${score.falsePositives.join(', ')}`).toBeGreaterThanOrEqual(0.95);
    expect(s.recall, `${category} misses: ${score.misses.join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('overall precision and recall ≥ 0.98', () => {
    expect(score.overall.precision).toBeGreaterThanOrEqual(0.98);
    expect(score.overall.recall).toBeGreaterThanOrEqual(0.98);
  });

  it('reports found secrets under their own category (exchange keys as exchange keys, not generic)', () => {
    expect(score.agreement).toBeGreaterThanOrEqual(0.95);
  });

  it('reports nothing at all in the hard-negative files', () => {
    const scan = keyauditScan(secretRules);
    const noisy = corpus.filter((f) => f.negative).flatMap((f) => scan(f).map((h) => `${f.path}:${h.line} ${h.rule}`));
    expect(noisy).toEqual([]);
  });

  it.each(CATEGORIES.map((c) => [c] as const))('%s: ahead of a naive regex set (F1)', (category) => {
    const f1 = (s: { precision: number; recall: number }) => (s.precision + s.recall === 0 ? 0 : (2 * s.precision * s.recall) / (s.precision + s.recall));
    expect(f1(score.byCategory[category])).toBeGreaterThan(f1(naive.byCategory[category]));
    expect(f1(score.overall)).toBeGreaterThan(f1(naive.overall));
  });

  it('is deterministic', () => {
    const again = generateCorpus('keyaudit-corpus-v1', 50);
    expect(again.map((f) => f.text)).toEqual(corpus.slice(0, 50).map((f) => f.text));
  });
});
