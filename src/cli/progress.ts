/** A single self-overwriting progress line on an interactive stderr; silent everywhere else. */
import type { Writer } from './io.js';

export interface Progress {
  update(text: string): void;
  done(): void;
}

export function createProgress(stderr: Writer, enabled: boolean): Progress {
  if (!enabled) return { update: () => undefined, done: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      shown = true;
      stderr.write(`\r\x1b[2K${text}`);
    },
    done() {
      if (shown) stderr.write('\r\x1b[2K');
    },
  };
}
