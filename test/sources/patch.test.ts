import { describe, expect, it } from 'vitest';
import { COMMIT_MARKER, PatchParser, unquoteGitPath } from '../../src/sources/patch.js';
import type { Fragment } from '../../src/core/types.js';

const C1 = 'a'.repeat(40);
const C2 = 'b'.repeat(40);

/** A `git log -p -U0` transcript in the shape our --format produces. */
const LOG = [
  `${COMMIT_MARKER}${C1} 2024-05-06T07:08:09+02:00`,
  '',
  'diff --git a/src/app.py b/src/app.py',
  'index 1111111..2222222 100644',
  '--- a/src/app.py',
  '+++ b/src/app.py',
  '@@ -3,0 +4,2 @@ def main():',
  '+first = 1',
  '+second = 2',
  '@@ -10 +12 @@',
  '-old',
  '+replaced — ünïcode',
  'diff --git a/img.png b/img.png',
  'new file mode 100644',
  'index 0000000..3333333',
  'Binary files /dev/null and b/img.png differ',
  'diff --git a/gone.txt b/gone.txt',
  'deleted file mode 100644',
  '--- a/gone.txt',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-bye',
  `${COMMIT_MARKER}${C2} 2024-05-07T00:00:00Z`,
  '',
  'diff --git "a/dir/with\\ttab \\303\\251.txt" "b/dir/with\\ttab \\303\\251.txt"',
  'new file mode 100644',
  '--- /dev/null',
  '+++ "b/dir/with\\ttab \\303\\251.txt"',
  '@@ -0,0 +1,3 @@',
  '+one',
  '++two starts with a plus',
  '+',
  '\\ No newline at end of file',
  '',
].join('\n');

function parse(chunks: (string | Buffer)[]): { fragments: Fragment[]; binaries: string[]; commits: string[] } {
  const fragments: Fragment[] = [];
  const binaries: string[] = [];
  const commits: string[] = [];
  const parser = new PatchParser({
    onFragment: (f) => fragments.push(f),
    onBinary: (p, c) => binaries.push(`${p}@${c.slice(0, 1)}`),
    onCommit: (c, d) => commits.push(`${c.slice(0, 1)} ${d}`),
  });
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
  return { fragments, binaries, commits };
}

const EXPECTED = [
  { path: 'src/app.py', text: 'first = 1\nsecond = 2', startLine: 4, commit: C1, authorDate: '2024-05-06T05:08:09.000Z' },
  { path: 'src/app.py', text: 'replaced — ünïcode', startLine: 12, commit: C1, authorDate: '2024-05-06T05:08:09.000Z' },
  { path: 'dir/with\ttab é.txt', text: 'one\n+two starts with a plus\n', startLine: 1, commit: C2, authorDate: '2024-05-07T00:00:00.000Z' },
];

describe('PatchParser', () => {
  it('turns each run of added lines into a fragment with commit, ISO date, path and new-file line', () => {
    const { fragments, binaries, commits } = parse([LOG]);
    expect(fragments.map(({ startOffset: _o, ...f }) => f)).toEqual(EXPECTED);
    expect(binaries).toEqual(['img.png@a']);
    expect(commits).toEqual(['a 2024-05-06T05:08:09.000Z', 'b 2024-05-07T00:00:00.000Z']);
  });

  it('gives the same result however the byte stream is split, even inside multi-byte characters', () => {
    const bytes = Buffer.from(LOG, 'utf8');
    for (let size = 1; size <= 64; size += 7) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(parse(chunks).fragments.map(({ startOffset: _o, ...f }) => f)).toEqual(EXPECTED);
    }
  });

  it('keeps fragment offsets distinct within one file of one commit (so repeats are not merged)', () => {
    const { fragments } = parse([LOG]);
    expect(fragments[0]?.startOffset).toBe(0);
    expect(fragments[1]?.startOffset).toBeGreaterThan((fragments[0]?.text.length ?? 0));
  });

  it('splits a hunk with context lines into runs at the right lines (for -U>0 transcripts)', () => {
    const log = [`${COMMIT_MARKER}${C1} 2024-01-01T00:00:00Z`, '+++ b/x', '@@ -1,3 +1,4 @@', '+a', ' ctx', '+b', '+c', ''].join('\n');
    expect(parse([log]).fragments.map((f) => [f.text, f.startLine])).toEqual([
      ['a', 1],
      ['b\nc', 3],
    ]);
  });
});

describe('unquoteGitPath', () => {
  it.each([
    ['plain.txt', 'plain.txt'],
    ['"a\\"b"', 'a"b'],
    ['"new\\nline"', 'new\nline'],
    ['"caf\\303\\251"', 'café'],
    ['"back\\\\slash"', 'back\\slash'],
  ])('%s -> %j', (input, expected) => {
    expect(unquoteGitPath(input)).toBe(expected);
  });
});
