/**
 * Secret scans of what git holds rather than the working tree: the staged blobs (the pre-commit
 * hook) and the added lines of every commit (history). Both stream from git; neither touches the
 * key audit, CCXT or the store, so the hook starts fast.
 */
import path from 'node:path';
import ignore from 'ignore';
import type { HygieneRule, SecretRule } from '../core/define-rule.js';
import { hitsToFindings } from '../core/pipeline.js';
import type { SecretHit } from '../core/scanner.js';
import type { Finding, SkippedFile } from '../core/types.js';
import type { ResolvedConfig } from '../config/resolve.js';
import { gitIgnored } from '../sources/git.js';
import { scanHistory } from '../sources/history.js';
import { decodeNotebookLine, isNotebookPath } from '../sources/notebook.js';
import { listStaged, readStagedBlobs } from '../sources/staged.js';
import { isEnvFileName, isEnvTemplate } from '../sources/working-tree.js';
import { applyEnvRules, buildScanner, envFacts, scanTextFile, severityFromConfig, type SecretScanResult } from './secret-scan.js';

export interface GitScanOptions {
  cwd: string;
  config: ResolvedConfig;
  secretRules: readonly SecretRule[];
  hygieneRules: readonly HygieneRule[];
}

/** Paths are reported relative to the cwd when it is inside the repository, like the working-tree scan. */
function displayPathFor(top: string, cwd: string): (repoPath: string) => string {
  const rel = path.relative(top, cwd).split(path.sep).join('/');
  if (rel === '' || rel.startsWith('..')) return (p) => p;
  return (p) => path.posix.relative(rel, p);
}

/** `keyaudit scan --staged`: the index's version of every staged file, at its line in that version. */
export async function scanStaged(options: GitScanOptions & { paths?: readonly string[] }): Promise<SecretScanResult> {
  const { config } = options;
  const scanner = buildScanner(config, options.secretRules);
  const severityOf = severityFromConfig(config);
  const { top, files } = await listStaged(options.cwd, options.paths ?? []);
  const display = displayPathFor(top, options.cwd);
  const ignored = ignore().add(config.secrets.ignore);
  const selected = files.filter((f) => !ignored.ignores(display(f.path).replace(/^(\.\.\/)+/, '')));
  const findings: Finding[] = [];
  const skipped: SkippedFile[] = [];
  const envFiles: { repoPath: string; displayPath: string; findings: Finding[] }[] = [];
  let bytesScanned = 0;
  let filesScanned = 0;
  await readStagedBlobs(
    top,
    selected,
    config.secrets.maxFileSize,
    (blob) => {
      const displayPath = display(blob.path);
      const fileFindings = scanTextFile(displayPath, blob.content.toString('utf8'), scanner, severityOf);
      filesScanned++;
      bytesScanned += blob.content.length;
      const name = path.posix.basename(blob.path);
      if (isEnvFileName(name) && !isEnvTemplate(name)) envFiles.push({ repoPath: blob.path, displayPath, findings: fileFindings });
      else findings.push(...fileFindings);
    },
    (skip) => skipped.push({ ...skip, path: display(skip.path) }),
  );
  if (envFiles.length > 0) {
    // A staged env file is about to be committed: tracked, whatever its ignore rules say.
    const ignoredByGit = await gitIgnored(top, envFiles.map((e) => e.repoPath));
    for (const env of envFiles) {
      const facts = envFacts(env.displayPath, null, true, ignoredByGit.has(env.repoPath), env.findings);
      findings.push(...applyEnvRules(facts, env.findings, options.hygieneRules, config));
    }
  }
  return { findings, skipped, filesScanned, bytesScanned };
}

export interface HistoryScanResult extends SecretScanResult {
  commits: number;
}

/**
 * `keyaudit scan --history [range]`: every added line of every commit (or of the range), each
 * finding with its commit, author date, path and line in that commit's version of the file.
 */
export async function scanGitHistory(options: GitScanOptions & { range?: string | undefined; paths?: readonly string[] }): Promise<HistoryScanResult> {
  const { config } = options;
  const scanner = buildScanner(config, options.secretRules);
  const severityOf = severityFromConfig(config);
  const ignored = ignore().add(config.secrets.ignore);
  const ignoreCache = new Map<string, boolean>();
  const isIgnored = (p: string): boolean => {
    let v = ignoreCache.get(p);
    if (v === undefined) {
      v = config.secrets.ignore.length > 0 && ignored.ignores(p);
      ignoreCache.set(p, v);
    }
    return v;
  };
  const findings: Finding[] = [];
  const skipped = new Map<string, SkippedFile>();
  let hits: SecretHit[] = [];
  let bytesScanned = 0;
  const files = new Set<string>();
  const flush = (): void => {
    if (hits.length > 0) findings.push(...hitsToFindings(hits, severityOf));
    hits = [];
  };
  const stats = await scanHistory({
    cwd: options.cwd,
    range: options.range,
    paths: options.paths ?? [],
    onCommit: flush,
    onFragment: (fragment) => {
      if (isIgnored(fragment.path)) return;
      bytesScanned += fragment.text.length;
      files.add(fragment.path);
      const text = isNotebookPath(fragment.path) ? fragment.text.split('\n').map(decodeNotebookLine).join('\n') : fragment.text;
      const found = scanner.scan(text === fragment.text ? fragment : { ...fragment, text });
      for (const hit of found) hits.push(hit);
    },
    onBinary: (file, commit) => {
      if (!isIgnored(file) && !skipped.has(file)) skipped.set(file, { path: file, reason: 'binary', detail: `in history, first at commit ${commit.slice(0, 12)}` });
    },
  });
  flush();
  return { findings, skipped: [...skipped.values()], filesScanned: files.size, bytesScanned, commits: stats.commits };
}
