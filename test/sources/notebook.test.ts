import { describe, expect, it } from 'vitest';
import { decodeNotebookLine, notebookParts } from '../../src/sources/notebook.js';

/** nbformat 4 as Jupyter writes it (indent 1, one source line per string). */
function notebook(cells: { source: string[]; outputs?: unknown[] }[]): string {
  return JSON.stringify(
    {
      cells: cells.map((c) => ({ cell_type: 'code', execution_count: 1, metadata: {}, outputs: c.outputs ?? [], source: c.source })),
      metadata: { kernelspec: { name: 'python3' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

describe('notebookParts', () => {
  it('decodes cell sources into lines that point at their line in the .ipynb file', () => {
    const text = notebook([{ source: ['import ccxt\n', 'x = "a\\"b"\n', 'print(x)'] }, { source: ['second = 2'] }]);
    const parts = notebookParts(text);
    expect(parts?.map((p) => [p.cell, p.kind, p.text])).toEqual([
      [1, 'source', 'import ccxt\nx = "a\\"b"\nprint(x)'],
      [2, 'source', 'second = 2'],
    ]);
    const lines = text.split('\n');
    const [first] = parts ?? [];
    // Every decoded line maps to the raw line holding its JSON string.
    first?.text.split('\n').forEach((decoded, i) => {
      expect(lines[(first.lineMap[i] as number) - 1]).toContain(JSON.stringify(decoded).slice(1, -1));
    });
  });

  it('includes stream, data and traceback outputs, and returns null for non-notebooks', () => {
    const text = notebook([
      { source: ['print(1)'], outputs: [{ output_type: 'stream', name: 'stdout', text: ['one\n', 'two\n'] }, { output_type: 'execute_result', data: { 'text/plain': ["'three'"], 'image/png': 'iVBOR' } }] },
    ]);
    expect(notebookParts(text)?.map((p) => [p.kind, p.text])).toEqual([
      ['source', 'print(1)'],
      ['output', 'one\ntwo'],
      ['output', "'three'"],
    ]);
    expect(notebookParts('{"not": "a notebook"}')).toBeNull();
    expect(notebookParts('{ broken json')).toBeNull();
  });

  it('handles a minified notebook (every line maps to line 1)', () => {
    const text = JSON.stringify({ cells: [{ cell_type: 'code', source: ['a\n', 'b'] }] });
    expect(notebookParts(text)).toEqual([{ cell: 1, kind: 'source', text: 'a\nb', lineMap: [1, 1] }]);
  });
});

describe('decodeNotebookLine', () => {
  it.each([
    ['    "x = \\"k\\"\\n",', 'x = "k"'],
    ['   "source": "one line"', 'one line'],
    ['   "source": ["only\\n"],', 'only'],
    ['  "metadata": {},', '  "metadata": {},'],
    ['not json "at all', 'not json "at all'],
  ])('%s', (line, expected) => {
    expect(decodeNotebookLine(line)).toBe(expected);
  });
});
