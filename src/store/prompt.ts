/**
 * A small no-echo terminal prompt on the CLI's own streams (io.stdin / io.stderr): raw mode, nothing
 * echoed, backspace and Ctrl-U edit, Ctrl-C / Ctrl-D cancel. Kept here rather than in a dependency
 * because it is ~100 lines and it handles the passphrase and every secret.
 *
 * Callers must check `canPrompt(io)` first: keyaudit never prompts when stdin is not a terminal.
 */
import { UsageError } from '../core/errors.js';
import type { Writer } from '../cli/io.js';

export interface PromptIO {
  stdin: NodeJS.ReadableStream;
  stderr: Writer;
  isTTY: { stdin: boolean };
}

export function canPrompt(io: PromptIO): boolean {
  return io.isTTY.stdin;
}

type RawCapable = NodeJS.ReadableStream & { setRawMode?: (mode: boolean) => unknown; isRaw?: boolean };

export interface ReadOptions {
  /** Show what is typed (for confirmations such as "destroy"); default false. */
  echo?: boolean;
  /**
   * Accept a pasted multi-line PEM: a first line with `-----BEGIN` continues until the matching
   * `-----END` line (or an empty line); any other first line ends at Enter.
   */
  pem?: boolean;
}

/** Reads one answer from the terminal. Throws UsageError when the user cancels. */
export function readFromTerminal(io: PromptIO, question: string, options: ReadOptions = {}): Promise<string> {
  const input = io.stdin as RawCapable;
  const wasRaw = input.isRaw === true;
  io.stderr.write(question);
  if (typeof input.setRawMode === 'function') input.setRawMode(true);
  input.resume();

  return new Promise<string>((resolve, reject) => {
    let current = '';
    const lines: string[] = [];
    let lastWasCR = false;
    let escape: 'none' | 'esc' | 'csi' = 'none';
    let done = false;

    const cleanup = () => {
      done = true;
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      if (typeof input.setRawMode === 'function') input.setRawMode(wasRaw);
      input.pause();
      io.stderr.write('\n');
    };
    const finish = () => {
      if (options.pem === true && current !== '') lines.push(current);
      const answer = options.pem === true ? lines.join('\n') : current;
      current = '';
      cleanup();
      resolve(answer);
    };
    const cancel = () => {
      current = '';
      lines.length = 0;
      cleanup();
      reject(new UsageError('cancelled; nothing was changed.'));
    };
    const endOfLine = () => {
      if (options.pem !== true) return finish();
      const line = current;
      current = '';
      if (lines.length === 0 && line === '') return; // ignore leading blank lines
      if (line === '' && lines.length > 0) return finish();
      lines.push(line);
      if (lines.length === 1 && !line.includes('-----BEGIN')) return finish();
      if (/-----END [A-Z0-9 ]+-----/.test(line)) return finish();
    };

    function onData(chunk: Buffer | string) {
      const chars = Array.from(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      for (let i = 0; i < chars.length; i++) {
        const ch = chars[i] as string;
        if (done) {
          // Typed ahead (or pasted several lines at once): leave the rest for the next prompt.
          const rest = chars.slice(ch === '\n' && lastWasCR ? i + 1 : i).join('');
          if (rest !== '') input.unshift(Buffer.from(rest, 'utf8'));
          return;
        }
        // Skip terminal escape sequences (arrow keys and the like): ESC [ ... final byte.
        if (escape === 'esc') {
          escape = ch === '[' ? 'csi' : 'none';
          continue;
        }
        if (escape === 'csi') {
          if (ch >= '@' && ch <= '~') escape = 'none';
          continue;
        }
        if (ch === '\u001b') {
          escape = 'esc';
          continue;
        }
        if (ch === '\n' && lastWasCR) {
          lastWasCR = false;
          continue;
        }
        lastWasCR = ch === '\r';
        if (ch === '\u0003') return cancel(); // Ctrl-C
        if (ch === '\u0004') {
          // Ctrl-D: cancel on an empty answer, else accept what was typed.
          if (current === '' && lines.length === 0) return cancel();
          return finish();
        }
        if (ch === '\r' || ch === '\n') {
          endOfLine();
          continue;
        }
        if (ch === '\u007f' || ch === '\b') {
          current = Array.from(current).slice(0, -1).join('');
          if (options.echo === true) io.stderr.write('\b \b');
          continue;
        }
        if (ch === '\u0015') {
          current = ''; // Ctrl-U
          continue;
        }
        if (ch < ' ') continue;
        current += ch;
        if (options.echo === true) io.stderr.write(ch);
      }
    }
    function onEnd() {
      if (done) return;
      if (current === '' && lines.length === 0) cancel();
      else finish();
    }
    input.on('data', onData);
    input.on('end', onEnd);
    // Input already closed (Ctrl-D at an earlier prompt, or a closed pipe): nothing more will come.
    if ((input as { readableEnded?: boolean }).readableEnded === true) onEnd();
  });
}
