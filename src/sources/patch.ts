/**
 * Incremental parser of `git log -p -U0` output: text goes in chunk by chunk (any split, even inside
 * a line or a multi-byte character), and every hunk's added lines come out as one fragment, tagged
 * with the commit, its author date, the file's path in that commit and the line where the hunk
 * starts in that commit's version. Nothing is buffered beyond the current line and hunk, so memory
 * stays flat however long the history is.
 *
 * Each commit starts with a marker line written by our own `--format` (`COMMIT_MARKER`): a byte
 * (0x1e) that no diff header starts with and that every content line has behind its `+`/`-`/` `.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Fragment } from '../core/types.js';

export const COMMIT_MARKER = '\x1ekeyaudit-commit ';
/** The `--format` that makes the marker line: marker, full hash, strict ISO author date. */
export const COMMIT_FORMAT = `format:${COMMIT_MARKER.replace('\x1e', '%x1e')}%H %aI`;

export interface PatchEvents {
  /** One hunk's contiguous added lines. */
  onFragment(fragment: Fragment): void;
  /** A binary file change in a commit (git prints no text for it). */
  onBinary?(path: string, commit: string): void;
  /** A commit marker: everything after it belongs to that commit. */
  onCommit?(commit: string, authorDate: string): void;
}

const HUNK = /^@@@? -\d+(?:,\d+)?(?: -\d+(?:,\d+)?)? \+(\d+)(?:,(\d+))? @@@?/;

export class PatchParser {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private commit: string | null = null;
  private authorDate: string | null = null;
  private path: string | null = null;
  /** Path from the `diff --git` line, used when no `+++` line follows (binary, mode-only changes). */
  private diffPath: string | null = null;
  private inHunk = false;
  private hunkLines: string[] = [];
  private hunkStart = 0;
  private nextNewLine = 0;
  /** Characters emitted so far for the current (commit, path): keeps fragment offsets distinct. */
  private offset = 0;

  constructor(private readonly events: PatchEvents) {}

  write(chunk: Buffer | string): void {
    const text = this.partial + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      this.line(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    this.partial = text.slice(start);
  }

  end(): void {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    if (rest.length > 0) this.line(rest);
    this.flushHunk();
  }

  private line(raw: string): void {
    const line = raw.endsWith('\r') && !this.inHunk ? raw.slice(0, -1) : raw;
    if (this.inHunk) {
      const c = line.charCodeAt(0);
      if (c === 43 /* + */) {
        if (this.hunkLines.length === 0) this.hunkStart = this.nextNewLine;
        else if (this.nextNewLine !== this.hunkStart + this.hunkLines.length) this.flushHunk(this.nextNewLine);
        this.hunkLines.push(line.slice(1));
        this.nextNewLine++;
        return;
      }
      if (c === 45 /* - */) return;
      if (c === 32 /* space: context, only without -U0 */) {
        this.nextNewLine++;
        return;
      }
      if (c === 92 /* \ No newline at end of file */) return;
      // Anything else ends the hunk (next hunk, next file, next commit).
      this.flushHunk();
      this.inHunk = false;
    }
    if (line.startsWith(COMMIT_MARKER)) {
      const [commit = '', date = ''] = line.slice(COMMIT_MARKER.length).split(' ');
      this.commit = commit;
      this.authorDate = normalizeDate(date);
      this.path = null;
      this.diffPath = null;
      this.offset = 0;
      this.events.onCommit?.(commit, this.authorDate ?? '');
      return;
    }
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      this.path = null;
      this.diffPath = parseDiffGitPath(line);
      this.offset = 0;
      return;
    }
    if (line.startsWith('+++ ')) {
      // git appends a tab to unquoted names that contain a space (a name ending in a tab is quoted).
      const target = line.slice(4).replace(/\t$/, '');
      this.path = target === '/dev/null' ? null : stripPrefix(unquoteGitPath(target));
      return;
    }
    if (line.startsWith('@@')) {
      const m = HUNK.exec(line);
      if (m === null || this.path === null) return;
      this.inHunk = true;
      this.hunkLines = [];
      this.nextNewLine = Number(m[1]);
      this.hunkStart = this.nextNewLine;
      return;
    }
    if (line.startsWith('Binary files ') || line === 'GIT binary patch') {
      const path = this.path ?? this.diffPath;
      if (path !== null && this.commit !== null) this.events.onBinary?.(path, this.commit);
    }
  }

  /** Emits the pending added lines; `restartAt` starts a new run (context lines broke the run). */
  private flushHunk(restartAt?: number): void {
    if (this.hunkLines.length > 0 && this.path !== null) {
      const text = this.hunkLines.join('\n');
      this.events.onFragment({
        path: this.path,
        text,
        startLine: this.hunkStart,
        commit: this.commit,
        authorDate: this.authorDate,
        startOffset: this.offset,
      });
      this.offset += text.length + 1;
    }
    this.hunkLines = [];
    if (restartAt !== undefined) this.hunkStart = restartAt;
  }
}

/** `2024-01-02T03:04:05+02:00` -> `2024-01-02T01:04:05.000Z` (the report's ISO form). */
function normalizeDate(date: string): string | null {
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function stripPrefix(p: string): string {
  return p.startsWith('b/') || p.startsWith('a/') ? p.slice(2) : p;
}

/** `diff --git a/x b/x`: the b-side path, when it can be told apart (quoted or same on both sides). */
function parseDiffGitPath(line: string): string | null {
  const rest = line.replace(/^diff --(?:git|cc|combined) /, '');
  if (rest.startsWith('"')) {
    const parts = splitQuoted(rest);
    const b = parts[1] ?? parts[0];
    return b === undefined ? null : stripPrefix(b);
  }
  if (!rest.includes(' ')) return stripPrefix(rest);
  // Unquoted "a/P b/P": both halves have the same length when the path did not change.
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) return rest.slice(half + 3);
  const bIndex = rest.lastIndexOf(' b/');
  return bIndex === -1 ? null : rest.slice(bIndex + 3);
}

function splitQuoted(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ') {
      i++;
      continue;
    }
    if (text[i] === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out.push(unquoteGitPath(text.slice(i, j + 1)));
      i = j + 1;
    } else {
      const j = text.indexOf(' ', i);
      out.push(text.slice(i, j === -1 ? text.length : j));
      i = j === -1 ? text.length : j;
    }
  }
  return out;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's C-style path quoting (`"a/with\ttab \303\251"`), octal escapes being UTF-8 bytes. */
export function unquoteGitPath(text: string): string {
  if (!(text.length >= 2 && text.startsWith('"') && text.endsWith('"'))) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== '\\') {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8) & 0xff);
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
