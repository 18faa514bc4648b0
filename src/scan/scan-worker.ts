/**
 * A scan worker (see scan-pool.ts): builds the scanner from the built-in secret rules and the
 * resolved config it is given, then reads and scans the batches of files the main thread sends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { secretRules } from '../../rules/index.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { buildScanner, scanOneFile, severityFromConfig, type FileScan } from './secret-scan.js';

const config = (workerData as { config: ResolvedConfig }).config;
const scanner = buildScanner(config, secretRules);
const severityOf = severityFromConfig(config);

parentPort?.on('message', (msg: { id: number; files: { absPath: string; relPath: string; size: number }[] }) => {
  void (async () => {
    const results: FileScan[] = [];
    for (const file of msg.files) results.push(await scanOneFile(file, scanner, severityOf));
    parentPort?.postMessage({ id: msg.id, results });
  })();
});
// The pool scans in its own thread until a worker says it is ready.
parentPort?.postMessage({ ready: true });
