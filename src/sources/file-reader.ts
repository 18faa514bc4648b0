/**
 * Reads one file as text fragments. Small files in one piece; large ones streamed in chunks that
 * overlap, so a secret that spans a chunk boundary (a PEM block) is still seen whole and memory stays
 * flat. Binary files (a NUL byte in the first 8 KiB, as git decides) are reported, not read.
 */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Fragment, SkippedFile } from '../core/types.js';

export const WHOLE_FILE_LIMIT = 8 * 1024 * 1024;
const CHUNK = 4 * 1024 * 1024;
/** Longest secret block we must see whole (a 4096-bit PEM is ~3.3 KiB); generous margin. */
const OVERLAP = 64 * 1024;
const SNIFF = 8000;

export type ReadResult = { kind: 'fragments'; fragments: AsyncGenerator<Fragment> } | { kind: 'skipped'; skip: SkippedFile };

export async function readFragments(absPath: string, displayPath: string, size: number): Promise<ReadResult> {
  if (size <= WHOLE_FILE_LIMIT) return readSmall(absPath, displayPath);
  let handle;
  try {
    handle = await open(absPath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'skipped', skip: { path: displayPath, reason: 'unreadable', detail: code === 'EACCES' ? 'permission denied' : (code ?? 'read error') } };
  }
  try {
    const head = Buffer.alloc(Math.min(SNIFF, size));
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, bytesRead).includes(0)) {
      await handle.close();
      return { kind: 'skipped', skip: { path: displayPath, reason: 'binary' } };
    }
  } catch (error) {
    await handle.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'skipped', skip: { path: displayPath, reason: 'unreadable', detail: code ?? 'read error' } };
  }
  return { kind: 'fragments', fragments: chunks(handle, displayPath) };
}

/**
 * Small files (nearly all of them) in one synchronous read: open, fstat, read and close without four
 * trips through libuv's thread pool each. On trees of many small files that dispatch cost, not the
 * reading, was most of the scan time; the scan of the text is synchronous anyway.
 */
function readSmall(absPath: string, displayPath: string): ReadResult {
  let buf: Buffer;
  try {
    buf = readFileSync(absPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'skipped', skip: { path: displayPath, reason: 'unreadable', detail: code === 'EACCES' ? 'permission denied' : (code ?? 'read error') } };
  }
  if (buf.subarray(0, SNIFF).includes(0)) return { kind: 'skipped', skip: { path: displayPath, reason: 'binary' } };
  return { kind: 'fragments', fragments: single({ path: displayPath, text: decode(buf), startLine: 1, startOffset: 0 }) };
}

/**
 * UTF-8 text of a buffer. Most source files are pure ASCII, where Latin-1 decoding gives the same
 * string at about half the cost (and a one-byte string, which the regexes scan fastest).
 */
export function decode(buf: Buffer): string {
  return buf.toString(isAscii(buf) ? 'latin1' : 'utf8');
}

async function* single(fragment: Fragment): AsyncGenerator<Fragment> {
  yield fragment;
}

async function* chunks(handle: FileHandle, displayPath: string): AsyncGenerator<Fragment> {
  try {
    let position = 0;
    let carry = Buffer.alloc(0);
    let carryLine = 1;
    let carryOffset = 0;
    for (;;) {
      const buf = Buffer.alloc(CHUNK);
      const { bytesRead } = await handle.read(buf, 0, CHUNK, position);
      position += bytesRead;
      const data = Buffer.concat([carry, buf.subarray(0, bytesRead)]);
      if (bytesRead === 0) {
        if (carry.length > 0) yield { path: displayPath, text: carry.toString('utf8'), startLine: carryLine, startOffset: carryOffset };
        return;
      }
      // Cut at the last newline so lines stay whole; keep an overlap of whole lines for the next chunk.
      const cut = data.lastIndexOf(10);
      if (cut === -1) {
        carry = data;
        continue;
      }
      const body = data.subarray(0, cut + 1);
      yield { path: displayPath, text: body.toString('utf8'), startLine: carryLine, startOffset: carryOffset };
      let overlapStart = body.indexOf(10, Math.max(0, body.length - OVERLAP));
      overlapStart = overlapStart === -1 || overlapStart + 1 >= body.length ? body.length : overlapStart + 1;
      carryLine += countNewlines(body.subarray(0, overlapStart));
      // Offsets count characters, like the regex indices they are added to.
      carryOffset += body.subarray(0, overlapStart).toString('utf8').length;
      carry = Buffer.concat([body.subarray(overlapStart), data.subarray(cut + 1)]);
      if (carry.length > CHUNK * 2) {
        // A single line longer than two chunks (minified data): scan it and move on.
        yield { path: displayPath, text: carry.toString('utf8'), startLine: carryLine, startOffset: carryOffset };
        carryLine += countNewlines(carry);
        carryOffset += carry.toString('utf8').length;
        carry = Buffer.alloc(0);
      }
    }
  } finally {
    await handle.close();
  }
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  let i = buf.indexOf(10);
  while (i !== -1) {
    n++;
    i = buf.indexOf(10, i + 1);
  }
  return n;
}
