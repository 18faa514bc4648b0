/**
 * Shared harness of the ReDoS tests: for each rule, one line made of every pathological unit of
 * that rule (pathological.ts), each unit's run growing with the line, scanned at 1 MB (ten times)
 * and at 10 MB by a scanner holding just that rule. A regex that backtracks catastrophically on any
 * run makes the 10 MB scan take far more than ten 1 MB scans; the bound is generous (CI machines
 * are noisy) and no absolute time is asserted.
 */
import { expect } from 'vitest';
import type { SecretRule } from '../../src/core/define-rule.js';
import { SecretScanner } from '../../src/core/scanner.js';
import { fill, pathologies } from './pathological.js';

export const SMALL = 1_000_000;
export const LARGE = 10_000_000;
/**
 * Bound on time(10 MB) / (10 × time(1 MB)). Linear is ~1 (a bit more: a 10 MB string misses the
 * caches); quadratic would be ~10, catastrophic far more.
 */
export const MAX_RATIO = 4;

export function pathologicalLine(rule: SecretRule, size: number): string {
  const units = pathologies(rule);
  const share = Math.floor(size / units.length);
  // Segments separated by a space so each run is a run of its own.
  return units.map((u) => fill(u.unit, share - 1)).join(' ');
}

function timeScan(scanner: SecretScanner, text: string): number {
  const t0 = performance.now();
  scanner.scan({ path: 'pathological.txt', text, startLine: 1 });
  return performance.now() - t0;
}

export function expectLinear(rule: SecretRule, sizes = { small: SMALL, large: LARGE }): { small: number; large: number; ratio: number } {
  const scanner = new SecretScanner([rule]);
  const small = pathologicalLine(rule, sizes.small);
  const large = pathologicalLine(rule, sizes.large);
  timeScan(scanner, small); // warm-up (regex compilation, JIT)
  // Ten 1 MB scans against one 10 MB scan: the same amount of text, so noise averages out; the
  // total is floored at 20 ms so a near-zero measurement cannot make the ratio meaningless.
  let tSmall = 0;
  for (let i = 0; i < 10; i++) tSmall += timeScan(scanner, small);
  const base = Math.max(tSmall, 20);
  let tLarge = timeScan(scanner, large);
  if (tLarge / base > MAX_RATIO) tLarge = Math.min(tLarge, timeScan(scanner, large)); // one retry against noise
  const ratio = tLarge / base;
  expect(ratio, `${rule.meta.id}: 10 × 1 MB ${tSmall.toFixed(1)} ms, 1 × 10 MB ${tLarge.toFixed(1)} ms`).toBeLessThan(MAX_RATIO);
  return { small: tSmall, large: tLarge, ratio };
}
