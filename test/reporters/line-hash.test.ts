/**
 * primaryLocationLineHash against GitHub's own known answers and against a plain BigInt
 * transcription of github/codeql-action src/fingerprints.ts (our fast version splits the 64-bit
 * state into two doubles; the property test proves the two agree on arbitrary text).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeLineHashes, lineHashAt } from '../../src/reporters/line-hash.js';

/**
 * Known-answer vectors from github/codeql-action src/fingerprints.test.ts (test 'hash'), computed
 * there by the upload action's implementation.
 */
const GREETING_HASHES = [
  'e9496ae3ebfced30:1',
  'fb7c023a8b9ccb3f:1',
  'ce8ba1a563dcdaca:1',
  'e20e36e16fcb0cc8:1',
  'b3edc88f2938467e:1',
  'c8e28b0b4002a3a0:1',
  'c129715d7a2bc9a3:1',
];
const GITHUB_VECTORS: [string, string[]][] = [
  ['', ['c129715d7a2bc9a3:1']],
  [' a\nb\n  \t\tc\n d', ['271789c17abda88f:1', '54703d4cd895b18:1', '180aee12dab6264:1', 'a23a3dc5e078b07b:1']],
  [
    ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End',
    ['8b7cf3e952e7aeb2:1', 'b1ae1287ec4718d9:1', 'bff680108adb0fcc:1', 'c6805c5e1288b612:1', 'b86d3392aea1be30:1', 'e6ceba753e1a442:1'],
  ],
  [' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n', GREETING_HASHES],
  [' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r', GREETING_HASHES],
  [' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n', GREETING_HASHES],
  [' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n', GREETING_HASHES],
  [
    'Lorem ipsum dolor sit amet.\n'.repeat(10),
    [
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ],
  ],
];

/** Straight transcription of the upload action's algorithm with BigInt (signed 64-bit wrap). */
function referenceHashes(text: string): string[] {
  const MOD = 37n;
  let firstMod = 1n;
  for (let i = 0; i < 100; i++) firstMod = BigInt.asIntN(64, firstMod * MOD);
  const window = new Array<bigint>(100).fill(0n);
  const lineNumbers = new Array<number>(100).fill(-1);
  let hash = 0n;
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;
  const counts: Record<string, number> = {};
  const out: string[] = [];
  const output = (): void => {
    const value = BigInt.asUintN(64, hash).toString(16);
    counts[value] = (counts[value] ?? 0) + 1;
    out[(lineNumbers[index] as number) - 1] = `${value}:${counts[value]}`;
    lineNumbers[index] = -1;
  };
  const update = (current: number): void => {
    const begin = window[index] as bigint;
    window[index] = BigInt(current);
    hash = BigInt.asIntN(64, MOD * hash + BigInt(current) - BigInt.asIntN(64, firstMod * begin));
    index = (index + 1) % 100;
  };
  const processChar = (c: number): void => {
    if (c === 32 || c === 9 || (prevCR && c === 10)) {
      prevCR = false;
      return;
    }
    if (c === 13) {
      c = 10;
      prevCR = true;
    } else prevCR = false;
    if (lineNumbers[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineNumbers[index] = lineNumber;
    }
    if (c === 10) lineStart = true;
    update(c);
  };
  for (let i = 0; i < text.length; i++) processChar(text.charCodeAt(i));
  processChar(65535);
  for (let i = 0; i < 100; i++) {
    if (lineNumbers[index] !== -1) output();
    update(0);
  }
  return out;
}

describe('computeLineHashes', () => {
  it.each(GITHUB_VECTORS.map(([input, expected], i) => ({ i, input, expected })))('matches GitHub vector #$i', ({ input, expected }) => {
    expect(computeLineHashes(input)).toEqual(expected);
  });

  it('has one hash per line, as GitHub counts lines', () => {
    for (const [input] of GITHUB_VECTORS) expect(computeLineHashes(input)).toHaveLength(input.split(/\r\n|\r|\n/).length);
  });

  it('agrees with a BigInt transcription on arbitrary text (whitespace, CR/LF mixes, astral and high code units)', () => {
    const chars = fc.constantFrom(' ', '\t', '\n', '\r', 'a', 'Z', '=', '"', 'é', '😀', '\uffff', '\u0000', 'k');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 400 }).map((a) => a.join('')), (text) => {
        expect(computeLineHashes(text)).toEqual(referenceHashes(text));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps a line hash when the line moves down, and changes it when the line changes', () => {
    const body = 'API_KEY=abc\nnext line\n';
    const moved = `# header\n\n${body}`;
    expect(lineHashAt(moved, 3)).toBe(lineHashAt(body, 1));
    expect(lineHashAt('API_KEY=abd\nnext line\n', 1)).not.toBe(lineHashAt(body, 1));
  });

  it('ignores indentation changes but not content', () => {
    expect(lineHashAt('    x = 1\n', 1)).toBe(lineHashAt('x=1\n', 1));
  });

  it('returns undefined past the last line', () => {
    expect(lineHashAt('one\ntwo', 3)).toBeUndefined();
  });
});
