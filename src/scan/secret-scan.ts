/**
 * Scans files for secrets: sources (walker, reader) -> scanner -> hygiene rules -> findings. Files
 * are read by a small pool of concurrent workers; each file is streamed as fragments.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { ScanPool } from './scan-pool.js';
import type { FileFacts, HygieneRule, SecretRule } from '../core/define-rule.js';
import { formatMessage } from '../core/define-rule.js';
import { plainFingerprint } from '../core/fingerprint.js';
import { hitsToFindings, sortSkipped, type SeverityOf } from '../core/pipeline.js';
import { SecretScanner, type SecretHit } from '../core/scanner.js';
import type { Finding, Fragment, SkippedFile } from '../core/types.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { stopwordRegex } from '../config/resolve.js';
import { readFragments, WHOLE_FILE_LIMIT } from '../sources/file-reader.js';
import { isNotebookPath, notebookParts, type NotebookPart } from '../sources/notebook.js';
import { gitIgnored, gitTopLevel, gitTracked } from '../sources/git.js';
import { isEnvFileName, isEnvTemplate, walkTree, type WalkedFile } from '../sources/working-tree.js';
import { isProtectedEnvFile } from '../../rules/hygiene/env-plaintext-secret.js';

export interface SecretScanResult {
  findings: Finding[];
  skipped: SkippedFile[];
  filesScanned: number;
  bytesScanned: number;
}

export interface SecretScanOptions {
  cwd: string;
  paths: readonly string[];
  config: ResolvedConfig;
  secretRules: readonly SecretRule[];
  hygieneRules: readonly HygieneRule[];
  onProgress?: (filesScanned: number, bytesScanned: number) => void;
  /**
   * Worker threads for large trees: 'auto' (one per core, up to 4, once the walk passes the
   * threshold) or a number; default 0 (in-process). Workers load the built-in secret rules, so only
   * callers that scan with those (the CLI) should ask for them.
   */
  workers?: number | 'auto';
  workerThreshold?: { files?: number; bytes?: number };
}

const CONCURRENCY = 8;

export function severityFromConfig(config: ResolvedConfig): SeverityOf {
  return (ruleId, fallback) => config.rules.get(ruleId)?.severity ?? fallback;
}

export function buildScanner(config: ResolvedConfig, secretRules: readonly SecretRule[]): SecretScanner {
  const enabled = secretRules.filter((r) => config.rules.get(r.meta.id)?.severity !== 'off');
  return new SecretScanner(enabled, {
    allowByRule: config.secrets.allowByRule,
    allowAll: [...config.secrets.allow, ...config.secrets.stopwords.map(stopwordRegex)],
  });
}

export async function scanWorkingTree(options: SecretScanOptions): Promise<SecretScanResult> {
  const { config } = options;
  const scanner = buildScanner(config, options.secretRules);
  const severityOf = severityFromConfig(config);
  const skipped: SkippedFile[] = [];
  const findings: Finding[] = [];
  const envFiles: { file: WalkedFile; findings: Finding[] }[] = [];
  const topLevels = new Map<string, Promise<string | null>>();
  let filesScanned = 0;
  let bytesScanned = 0;

  const walker = walkTree(options.paths.length > 0 ? options.paths : ['.'], {
    cwd: options.cwd,
    ignoreGlobs: config.secrets.ignore,
    maxFileSize: config.secrets.maxFileSize,
    onSkip: (s) => skipped.push(s),
  });

  const record = (file: WalkedFile, result: FileScan): void => {
    if (result.kind === 'skipped') {
      skipped.push(result.skip);
      return;
    }
    filesScanned++;
    bytesScanned += file.size;
    options.onProgress?.(filesScanned, bytesScanned);
    const name = path.basename(file.absPath);
    if (isEnvFileName(name) && !isEnvTemplate(name)) {
      envFiles.push({ file, findings: result.findings });
      // Ask git for the env file's repository now, while the scan goes on: asked one directory
      // after another once the scan was done, the bench tree's 50 env directories added ~0.2 s.
      const dir = path.dirname(file.absPath);
      if (!topLevels.has(dir)) topLevels.set(dir, gitTopLevel(dir));
    }
    else findings.push(...result.findings);
  };

  // Large trees move to worker threads (one per core) once the walk shows they are large; small
  // ones (every hook run, most tests) never pay a worker's start-up. The workers are started at a
  // quarter of the threshold and take files as soon as they are ready (past the threshold, every
  // file goes to them): a worker takes ~0.3 s to load and build its scanner, and started at the
  // threshold, the bench tree's first 1,000 files were scanned on one core and the main thread then
  // waited for the workers to boot (~1.2 s of a 6 s run with a core idle).
  const maxWorkers = (): number => (options.workers === 'auto' ? Math.min(4, availableParallelism()) : (options.workers ?? 0));
  const thresholdFiles = options.workerThreshold?.files ?? 1000;
  const thresholdBytes = options.workerThreshold?.bytes ?? 32 * 1024 * 1024;
  let pool: ScanPool | null = null;
  let seenFiles = 0;
  let seenBytes = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const next = await walker.next();
      if (next.done === true) return;
      const file = next.value;
      seenFiles++;
      seenBytes += file.size;
      if (pool === null && maxWorkers() >= 2 && (seenFiles > thresholdFiles / 4 || seenBytes > thresholdBytes / 4)) {
        const { ScanPool: Pool } = await import('./scan-pool.js');
        try {
          pool ??= new Pool(maxWorkers(), config);
        } catch {
          // Workers unavailable (or the config cannot be cloned to them): stay in-process.
          options.workers = 0;
        }
      }
      const pastThreshold = seenFiles > thresholdFiles || seenBytes > thresholdBytes;
      if (pool !== null && (pastThreshold || (pool as ScanPool).accepting)) await (pool as ScanPool).submit(file, (result) => record(file, result));
      else record(file, await scanOneFile(file, scanner, severityOf));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (pool !== null) await (pool as ScanPool).close();
  findings.push(...(await checkEnvFiles(envFiles, topLevels, options.hygieneRules, config)));
  return { findings, skipped: sortSkipped(skipped), filesScanned, bytesScanned };
}

export type FileScan = { kind: 'skipped'; skip: SkippedFile } | { kind: 'scanned'; findings: Finding[] };

/** Reads and scans one walked file (in the main thread or a scan worker). */
export async function scanOneFile(file: Pick<WalkedFile, 'absPath' | 'relPath' | 'size'>, scanner: SecretScanner, severityOf: SeverityOf): Promise<FileScan> {
  const result = await readFragments(file.absPath, file.relPath, file.size);
  if (result.kind === 'skipped') return result;
  if (isNotebookPath(file.relPath) && file.size <= WHOLE_FILE_LIMIT) {
    let text = '';
    for await (const fragment of result.fragments) text += fragment.text;
    return { kind: 'scanned', findings: scanTextFile(file.relPath, text, scanner, severityOf) };
  }
  const hits: SecretHit[] = [];
  for await (const fragment of result.fragments) hits.push(...scanner.scan(fragment));
  return { kind: 'scanned', findings: hitsToFindings(hits, severityOf) };
}

/**
 * Scans one whole file held in memory (staged blobs, small notebooks): notebooks by their decoded
 * cells (each finding names its cell and points at the notebook's own line), anything else as is.
 */
export function scanTextFile(displayPath: string, text: string, scanner: SecretScanner, severityOf: SeverityOf): Finding[] {
  const parts = isNotebookPath(displayPath) ? notebookParts(text) : null;
  if (parts === null) return hitsToFindings(scanner.scan({ path: displayPath, text, startLine: 1, startOffset: 0 }), severityOf);
  const hits: SecretHit[] = [];
  const cellAt = new Map<string, NotebookPart>();
  let offset = 0;
  for (const part of parts) {
    for (const hit of scanner.scan({ path: displayPath, text: part.text, startLine: 1, startOffset: offset })) {
      hit.line = part.lineMap[hit.line - 1] ?? hit.line;
      cellAt.set(`${hit.rule.meta.id}\0${hit.line}\0${hit.column}`, part);
      hits.push(hit);
    }
    offset += part.text.length + 1;
  }
  return hitsToFindings(hits, severityOf).map((f) => {
    const part = cellAt.get(`${f.ruleId}\0${f.line}\0${f.column}`);
    return part === undefined ? f : { ...f, message: `${f.message} [notebook cell ${part.cell}${part.kind === 'output' ? ' output' : ''}]` };
  });
}

/** Scans one in-memory fragment (staged blobs, history patches, the config file). */
export function scanFragments(fragments: Iterable<Fragment>, scanner: SecretScanner, severityOf: SeverityOf): Finding[] {
  const hits: SecretHit[] = [];
  for (const fragment of fragments) hits.push(...scanner.scan(fragment));
  return hitsToFindings(hits, severityOf);
}

/** Runs the hygiene rules on env files, with what git says about each. */
async function checkEnvFiles(
  envFiles: { file: WalkedFile; findings: Finding[] }[],
  topLevels: Map<string, Promise<string | null>>,
  rules: readonly HygieneRule[],
  config: ResolvedConfig,
): Promise<Finding[]> {
  const out: Finding[] = [];
  const byTop = new Map<string | null, typeof envFiles>();
  for (const entry of envFiles) {
    const dir = path.dirname(entry.file.absPath);
    // Started while the scan ran (see record in scanWorkingTree).
    const top = await (topLevels.get(dir) ?? gitTopLevel(dir));
    byTop.set(top, [...(byTop.get(top) ?? []), entry]);
  }
  for (const [top, entries] of byTop) {
    const rel = (abs: string): string => (top === null ? abs : path.relative(top, abs).split(path.sep).join('/'));
    const tracked = top === null ? new Set<string>() : await gitTracked(top, entries.map((e) => rel(e.file.absPath)));
    const ignored = top === null ? new Set<string>() : await gitIgnored(top, entries.map((e) => rel(e.file.absPath)));
    for (const { file, findings } of entries) {
      const key = rel(file.absPath);
      const facts = envFacts(file.relPath, process.platform === 'win32' ? null : file.mode, top === null ? null : tracked.has(key), top === null ? null : ignored.has(key) || file.gitignored, findings);
      out.push(...applyEnvRules(facts, findings, rules, config));
    }
  }
  return out;
}

/** What the hygiene rules know about one env file. */
export function envFacts(displayPath: string, mode: number | null, gitTracked: boolean | null, gitIgnored: boolean | null, findings: readonly Finding[]): FileFacts {
  return {
    path: displayPath,
    mode,
    isEnvFile: true,
    gitTracked,
    gitIgnored,
    secretsFound: findings.map((f) => ({
      ruleId: f.ruleId,
      description: ruleDescription(f),
      line: f.line ?? 1,
      column: f.column ?? 1,
      excerpt: f.excerpt ?? '…',
      fingerprint: f.fingerprint,
    })),
  };
}

/** The env file's secret findings (unless the plaintext-secret rule stands in for them) plus the hygiene findings. */
export function applyEnvRules(facts: FileFacts, findings: readonly Finding[], rules: readonly HygieneRule[], config: ResolvedConfig): Finding[] {
  const out: Finding[] = [];
  const plaintextRule = rules.find((r) => r.meta.name === 'env-plaintext-secret');
  const replaced = plaintextRule !== undefined && config.rules.get(plaintextRule.meta.id)?.severity !== 'off' && isProtectedEnvFile(facts);
  // In a protected env file the plaintext-secret rule reports the secrets (at its lower severity).
  if (!replaced) out.push(...findings);
  out.push(...runHygieneRules(facts, rules, config));
  return out;
}

function ruleDescription(finding: Finding): string {
  return finding.message.replace(/ in plaintext.*$/, '').replace(/ \(.*\)$/, '');
}

export function runHygieneRules(facts: FileFacts, rules: readonly HygieneRule[], config: ResolvedConfig): Finding[] {
  const out: Finding[] = [];
  for (const rule of rules) {
    const severity = config.rules.get(rule.meta.id)?.severity ?? rule.meta.severity;
    if (severity === 'off') continue;
    rule.check(facts, {
      report: (hit) => {
        out.push({
          ruleId: rule.meta.id,
          severity,
          message: formatMessage(rule.meta.message, hit.data),
          fix: rule.meta.fix,
          file: facts.path,
          line: hit.line ?? null,
          column: hit.column ?? null,
          commit: null,
          authorDate: null,
          excerpt: hit.excerpt ?? null,
          fingerprint: plainFingerprint(rule.meta.id, facts.path, hit.key ?? ''),
        });
      },
    });
  }
  return out;
}
