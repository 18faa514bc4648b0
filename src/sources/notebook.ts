/**
 * Jupyter notebooks (`.ipynb`, nbformat 4): a notebook is JSON, so a key pasted into a cell sits in
 * the file as `"BINANCE_SECRET = \"…\"\n",` and a PEM block is split over escaped strings. Here
 * each cell's source and each text output (a secret printed by a cell leaks as surely as one typed
 * into it) is JSON-decoded into plain lines; every decoded line keeps the line of the notebook file
 * it came from, so findings point into the real file and name the cell.
 *
 * Pure: text in, parts out (the callers read files, blobs or patches).
 */

export interface NotebookPart {
  /** 1-based cell number, as Jupyter shows cells top to bottom. */
  cell: number;
  kind: 'source' | 'output';
  text: string;
  /** lineMap[i] = line in the .ipynb file of the decoded text's line i + 1. */
  lineMap: number[];
}

export function isNotebookPath(path: string): boolean {
  return /\.ipynb$/i.test(path);
}

/** The decoded cells of a notebook, or null when the text is not a notebook we can parse. */
export function notebookParts(text: string): NotebookPart[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const cells = (doc as { cells?: unknown } | null)?.cells;
  if (!Array.isArray(cells)) return null;
  const locator = new StringLocator(text);
  const parts: NotebookPart[] = [];
  cells.forEach((cell: unknown, i) => {
    locator.nextCell();
    const c = cell as { source?: unknown; outputs?: unknown };
    const source = decodePart(c.source, locator);
    if (source !== null) parts.push({ cell: i + 1, kind: 'source', ...source });
    if (Array.isArray(c.outputs)) {
      for (const output of c.outputs as unknown[]) {
        const o = output as { text?: unknown; data?: Record<string, unknown>; traceback?: unknown };
        const texts = [o.text, o.traceback, ...Object.entries(o.data ?? {}).filter(([mime]) => mime.startsWith('text/') || mime === 'application/json').map(([, v]) => v)];
        for (const t of texts) {
          const decoded = decodePart(t, locator);
          if (decoded !== null) parts.push({ cell: i + 1, kind: 'output', ...decoded });
        }
      }
    }
  });
  return parts;
}

/** nbformat "multiline string": a string or a list of strings, each (but the last) ending in "\n". */
function decodePart(value: unknown, locator: StringLocator): { text: string; lineMap: number[] } | null {
  const pieces = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  if (pieces.length === 0) return null;
  locator.startPart();
  const lineMap: number[] = [];
  let text = '';
  let atLineStart = true;
  for (const piece of pieces) {
    const at = locator.find(piece);
    // A decoded line belongs to the piece it starts in; in a pretty-printed notebook one piece is one line.
    for (let i = 0; i < piece.length; i++) {
      if (atLineStart) lineMap.push(at);
      atLineStart = piece.charCodeAt(i) === 10;
    }
    text += piece;
  }
  return { text: text.replace(/\n$/, ''), lineMap };
}

/**
 * Finds where each decoded string sits in the raw JSON. Cells appear in document order, but inside
 * a cell Jupyter writes `outputs` before `source`, so each part searches forward from the end of
 * the previous cell, and each string of a part from the one before it. Falls back to the last known
 * line when a string was written with escapes JSON.stringify does not produce.
 */
class StringLocator {
  private cellBase = 0;
  private cellEnd = 0;
  private cursor = 0;
  private lastLine = 1;
  private readonly lineStarts: number[] = [0];
  constructor(private readonly raw: string) {
    for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  nextCell(): void {
    this.cellBase = Math.max(this.cellBase, this.cellEnd);
  }

  startPart(): void {
    this.cursor = this.cellBase;
  }

  find(piece: string): number {
    const encoded = JSON.stringify(piece);
    const at = this.raw.indexOf(encoded, this.cursor);
    if (at === -1) return this.lastLine;
    this.cursor = at + encoded.length;
    this.cellEnd = Math.max(this.cellEnd, this.cursor);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo + 1;
    return this.lastLine;
  }
}

/**
 * For notebook lines seen out of context (history patches): a line that holds one JSON string
 * (`    "x = 1\n",` or `"text": "…"`) becomes its decoded text; other lines pass through.
 */
export function decodeNotebookLine(line: string): string {
  const m = /^\s*(?:"[^"\\]{0,64}"\s*:\s*)?(\[?\s*"(?:[^"\\]|\\.){0,100000}")\s*\]?,?\s*$/.exec(line);
  if (m === null) return line;
  try {
    const value = JSON.parse((m[1] as string).replace(/^\[\s*/, '')) as unknown;
    return typeof value === 'string' ? value.replace(/\n$/, '').replace(/\n/g, ' ') : line;
  } catch {
    return line;
  }
}
