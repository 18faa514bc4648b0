/**
 * GitHub's `primaryLocationLineHash`: the value github/codeql-action's upload-sarif computes for a
 * result when the SARIF does not carry one (src/fingerprints.ts, function `hash`). Computing it
 * ourselves lets us hash what the finding was really found in (a blob in history, a file that no
 * longer exists at HEAD) so code-scanning alerts stay matched across pushes.
 *
 * The algorithm, as in the upload action (read from its source; the test checks the action's own
 * known-answer vectors from src/fingerprints.test.ts):
 * - characters are UTF-16 code units of the file decoded as UTF-8;
 * - spaces and tabs are skipped; CR, LF and CRLF all become one LF;
 * - a polynomial rolling hash with base 37 over a window of the next 100 kept characters, in signed
 *   64-bit arithmetic that wraps (the `long` package): h = 37*h + c - 37^100 * c_leaving;
 * - after the input, the char code 65535 (their EOF marker) then 100 zeros are fed to flush;
 * - the hash of a line is taken when the window starts at the line's first kept character, printed
 *   as unsigned hex (no padding) with `:n`, n counting earlier lines with the same hash.
 *
 * Pure: it takes text, not paths (the CLI reads files and blobs).
 */

const TAB = 0x09;
const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;
const EOF = 65535;
const BLOCK_SIZE = 100;
const TWO32 = 4294967296;

/** 37^100 mod 2^64 as two unsigned 32-bit halves. */
const FIRST_MOD = (() => {
  let v = 1n;
  for (let i = 0; i < BLOCK_SIZE; i++) v = BigInt.asUintN(64, v * 37n);
  return { hi: Number(v >> 32n), lo: Number(v & 0xffffffffn) };
})();

/**
 * The primaryLocationLineHash of every line of `text`: element i is line i+1. A text ending in a
 * newline has one more (empty) line, exactly as GitHub counts.
 */
export function computeLineHashes(text: string): string[] {
  // 64-bit state in two unsigned 32-bit halves: exact in doubles because every partial product
  // stays below 2^53 (37 * 2^32, 65535 * 2^32).
  let hi = 0;
  let lo = 0;
  const window = new Array<number>(BLOCK_SIZE).fill(0);
  const lineAt = new Array<number>(BLOCK_SIZE).fill(-1);
  const out: string[] = [];
  const counts = new Map<string, number>();
  let index = 0;
  let lineNumber = 0;
  let lineStart = true;
  let prevCR = false;

  const emit = (): void => {
    const hex = hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
    const n = (counts.get(hex) ?? 0) + 1;
    counts.set(hex, n);
    out[(lineAt[index] as number) - 1] = `${hex}:${n}`;
    lineAt[index] = -1;
  };

  const update = (current: number): void => {
    const begin = window[index] as number;
    window[index] = current;
    // h * 37
    let l = lo * 37;
    let carry = Math.floor(l / TWO32);
    l -= carry * TWO32;
    let h = (hi * 37 + carry) % TWO32;
    // + current
    l += current;
    if (l >= TWO32) {
      l -= TWO32;
      h = (h + 1) % TWO32;
    }
    // - 37^100 * begin
    if (begin !== 0) {
      let pl = FIRST_MOD.lo * begin;
      carry = Math.floor(pl / TWO32);
      pl -= carry * TWO32;
      const ph = (FIRST_MOD.hi * begin + carry) % TWO32;
      l -= pl;
      h -= ph;
      if (l < 0) {
        l += TWO32;
        h -= 1;
      }
      h = ((h % TWO32) + TWO32) % TWO32;
    }
    hi = h;
    lo = l;
    index = (index + 1) % BLOCK_SIZE;
  };

  const processChar = (code: number): void => {
    let current = code;
    if (current === SPACE || current === TAB || (prevCR && current === LF)) {
      prevCR = false;
      return;
    }
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else prevCR = false;
    if (lineAt[index] !== -1) emit();
    if (lineStart) {
      lineStart = false;
      lineNumber++;
      lineAt[index] = lineNumber;
    }
    if (current === LF) lineStart = true;
    update(current);
  };

  for (let i = 0; i < text.length; i++) processChar(text.charCodeAt(i));
  processChar(EOF);
  for (let i = 0; i < BLOCK_SIZE; i++) {
    if (lineAt[index] !== -1) emit();
    update(0);
  }
  return out;
}

/** The primaryLocationLineHash of 1-based `line`, or undefined when the text has no such line. */
export function lineHashAt(text: string, line: number): string | undefined {
  return computeLineHashes(text)[line - 1];
}
