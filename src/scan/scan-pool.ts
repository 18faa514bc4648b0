/**
 * Worker threads for large working-tree scans: the main thread walks the tree and hands files out in
 * batches; each worker reads and scans them with its own scanner and sends back masked findings
 * (never a secret: masking and fingerprinting happen in the worker, as in the main thread).
 * Back-pressure: at most two batches in flight per worker, so memory stays bounded.
 */
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/resolve.js';
import type { WalkedFile } from '../sources/working-tree.js';
import type { FileScan } from './secret-scan.js';

const BATCH_FILES = 32;
const BATCH_BYTES = 4 * 1024 * 1024;
const IN_FLIGHT = 2;

interface Slot {
  worker: Worker;
  inFlight: number;
}

type Done = (result: FileScan) => void;

/** The compiled worker; under vitest (TypeScript sources) the one tsc built into dist/. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('../../dist/src/scan/scan-worker.js', import.meta.url) : new URL('./scan-worker.js', import.meta.url);
}

export class ScanPool {
  private readonly slots: Slot[] = [];
  private batch: { file: WalkedFile; done: Done }[] = [];
  private batchBytes = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { slot: Slot; items: { file: WalkedFile; done: Done }[] }>();
  private waiters: (() => void)[] = [];
  private failure: Error | null = null;
  private readyWorkers = 0;

  constructor(size: number, config: ResolvedConfig) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerUrl(), { workerData: { config } });
      const slot: Slot = { worker, inFlight: 0 };
      worker.on('message', (msg: { ready: true } | { id: number; results: FileScan[] }) => {
        if ('ready' in msg) {
          this.readyWorkers++;
          return;
        }
        const job = this.pending.get(msg.id);
        if (job === undefined) return;
        this.pending.delete(msg.id);
        slot.inFlight--;
        job.items.forEach((item, k) => item.done(msg.results[k] as FileScan));
        this.wake();
      });
      worker.on('error', (error) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
        this.wake();
      });
      this.slots.push(slot);
    }
  }

  /**
   * A worker has loaded and built its scanner (or one failed, which the next submit reports):
   * until then the caller may as well scan files itself.
   */
  get accepting(): boolean {
    return this.readyWorkers > 0 || this.failure !== null;
  }

  /** Queues a file; resolves when the caller may walk on (not when the file is scanned). */
  async submit(file: WalkedFile, done: Done): Promise<void> {
    this.batch.push({ file, done });
    this.batchBytes += file.size;
    if (this.batch.length >= BATCH_FILES || this.batchBytes >= BATCH_BYTES) await this.dispatch();
  }

  /** Sends what is queued, waits for every result, stops the workers. */
  async close(): Promise<void> {
    try {
      if (this.batch.length > 0) await this.dispatch();
      while (this.pending.size > 0 && this.failure === null) await new Promise<void>((resolve) => this.waiters.push(resolve));
      if (this.failure !== null) throw this.failure;
    } finally {
      await Promise.all(this.slots.map((s) => s.worker.terminate()));
    }
  }

  private async dispatch(): Promise<void> {
    const items = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    for (;;) {
      if (this.failure !== null) throw this.failure;
      const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      if (slot.inFlight < IN_FLIGHT) {
        const id = this.nextId++;
        slot.inFlight++;
        this.pending.set(id, { slot, items });
        slot.worker.postMessage({ id, files: items.map(({ file }) => ({ absPath: file.absPath, relPath: file.relPath, size: file.size })) });
        return;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
