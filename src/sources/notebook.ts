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
  const lineMap: number[] = [];
  let text = '';
  for (const piece of pieces) {
    const at = locator.find(piece);
    // Each decoded line of this piece; in a pretty-printed notebook one piece is one line.
    const lines = piece.split('\n');
    const count = piece.endsWith('\n') ? lines.length - 1 : lines.length;
    for (let k = 0; k < count; k++) lineMap.push(at);
    text += piece;
  }
  if (!text.endsWith('\n')) lineMap.push(lineMap[lineMap.length - 1] ?? 1);
  return { text: text.replace(/\n$/, ''), lineMap };
}

/**
 * Finds where each decoded string sits in the raw JSON, searching forward from the last one found
 * (cells and their strings appear in document order). Falls back to the last known line when a
 * string was written with escapes JSON.stringify does not produce.
 */
class StringLocator {
  private cursor = 0;
  private line = 1;
  private lineAt = 0;
  constructor(private readonly raw: string) {}

  find(piece: string): number {
    const encoded = JSON.stringify(piece);
    const at = this.raw.indexOf(encoded, this.cursor);
    if (at === -1) return this.line;
    for (let i = this.lineAt; i < at; i++) if (this.raw.charCodeAt(i) === 10) this.line++;
    this.lineAt = at;
    this.cursor = at + encoded.length;
    return this.line;
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
