/**
 * `scan --verify`: exchange credentials the secret scan found (key and secret in the same file,
 * plus the passphrase where the exchange needs one) are audited through the same adapters, guard
 * and key rules as configured accounts, and the findings say what the leaked key can do. Files in
 * the working tree are read from disk; history findings from the file as their commit wrote it
 * (`git cat-file`), so a key "removed" years ago is checked too. A key found in several places
 * is asked about once. The found values stay in memory for the audit only; findings keep their
 * masks and fingerprints.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from '../sources/git.js';
import type { SecretRule } from '../core/define-rule.js';
import { SecretScanner, type SecretHit } from '../core/scanner.js';
import type { Finding, AccountReport } from '../core/types.js';
import type { ResolvedConfig } from '../config/resolve.js';

export interface VerifyOptions {
  cwd: string;
  findings: readonly Finding[];
  config: ResolvedConfig;
  secretRules: readonly SecretRule[];
  now: Date;
  allowUnknown: boolean;
}

type Role = 'apiKey' | 'secret' | 'password';

interface Candidate {
  exchange: string;
  file: string;
  /** The commit whose version of the file holds the credentials; null for the working tree. */
  commit: string | null;
  credentials: { apiKey: string; secret: string; password?: string };
  /** line:column of the findings this candidate explains. */
  places: string[];
}

/** Exchanges whose secret rule is `secrets/<id>-api-key` and whose adapter can ask about a key. */
const PASSPHRASE_EXCHANGES = new Set(['okx', 'kucoin', 'bitget']);

export function exchangeOfRule(ruleId: string): string | null {
  const m = /^secrets\/([a-z0-9]+)-api-key$/.exec(ruleId);
  return m === null ? null : (m[1] as string);
}

/** What a variable name says the value is: `BINANCE_SECRET` -> secret, `apiKey` -> apiKey. */
export function roleOfName(name: string | undefined): Role | null {
  if (name === undefined) return null;
  const n = name.toLowerCase();
  if (/pass(?:word|phrase)?|pwd/.test(n)) return 'password';
  if (/secret|private|priv/.test(n)) return 'secret';
  if (/key|access/.test(n)) return 'apiKey';
  return null;
}

/** Pairs each key with the nearest secret (and passphrase) of the same exchange in one file. */
export function pairCredentials(hits: readonly SecretHit[]): Candidate[] {
  const byExchange = new Map<string, { role: Role; hit: SecretHit }[]>();
  for (const hit of hits) {
    const exchange = exchangeOfRule(hit.rule.meta.id);
    const role = roleOfName(hit.name);
    if (exchange === null || role === null) continue;
    byExchange.set(exchange, [...(byExchange.get(exchange) ?? []), { role, hit }]);
  }
  const candidates: Candidate[] = [];
  for (const [exchange, items] of byExchange) {
    const of = (role: Role) => items.filter((i) => i.role === role);
    const used = new Set<SecretHit>();
    for (const key of of('apiKey')) {
      const nearest = (role: Role) =>
        of(role)
          .filter((i) => !used.has(i.hit))
          .sort((a, b) => Math.abs(a.hit.offset - key.hit.offset) - Math.abs(b.hit.offset - key.hit.offset))[0];
      const secret = nearest('secret');
      if (secret === undefined) continue;
      const password = PASSPHRASE_EXCHANGES.has(exchange) ? nearest('password') : undefined;
      if (PASSPHRASE_EXCHANGES.has(exchange) && password === undefined) continue;
      used.add(secret.hit);
      if (password !== undefined) used.add(password.hit);
      candidates.push({
        exchange,
        file: key.hit.path,
        commit: key.hit.commit,
        credentials: { apiKey: key.hit.secret, secret: secret.hit.secret, ...(password === undefined ? {} : { password: password.hit.secret }) },
        places: [key, secret, ...(password === undefined ? [] : [password])].map((i) => `${i.hit.line}:${i.hit.column}`),
      });
    }
  }
  return candidates;
}

export async function verifyFoundKeys(options: VerifyOptions): Promise<Finding[]> {
  const { getAdapter } = await import('../exchanges/registry.js');
  const verifiable = (f: Finding): boolean => {
    const exchange = exchangeOfRule(f.ruleId);
    return f.file !== null && exchange !== null && (getAdapter(exchange)?.endpoints.length ?? 0) > 0;
  };
  // In an ignored owner-only .env the secret rules' findings are reported as env-plaintext-secret
  // (low); the key there is just as live, so those files are verified too.
  const inProtectedEnv = (f: Finding): boolean => f.ruleId === 'hygiene/env-plaintext-secret' && f.commit === null && f.file !== null;
  const sources = new Map<string, { file: string; commit: string | null }>();
  for (const f of options.findings) {
    if (verifiable(f) || inProtectedEnv(f)) sources.set(placeKey(f.commit, f.file as string, ''), { file: f.file as string, commit: f.commit });
  }
  if (sources.size === 0) return [...options.findings];

  const rules = options.secretRules.filter((r) => exchangeOfRule(r.meta.id) !== null);
  const scanner = new SecretScanner(rules);
  const candidates: Candidate[] = [];
  for (const { file, commit } of sources.values()) {
    const text = await contentOf(options.cwd, file, commit);
    if (text === null || text.length > options.config.secrets.maxFileSize) continue;
    candidates.push(...pairCredentials(scanner.scan({ path: file, text, startLine: 1, startOffset: 0, commit })));
  }

  // One audit per distinct credential set, however many files and commits hold it.
  const distinct = new Map<string, Candidate['credentials'] & { exchange: string }>();
  const credentialKey = (c: Candidate): string => [c.exchange, c.credentials.apiKey, c.credentials.secret, c.credentials.password ?? ''].join('\0');
  for (const c of candidates) if (!distinct.has(credentialKey(c))) distinct.set(credentialKey(c), { exchange: c.exchange, ...c.credentials });
  const env: Record<string, string> = {};
  const accounts = [...distinct.values()].map((c, i) => {
    const names = { apiKey: `KEYAUDIT_VERIFY_${i}_KEY`, secret: `KEYAUDIT_VERIFY_${i}_SECRET`, ...(c.password === undefined ? {} : { password: `KEYAUDIT_VERIFY_${i}_PASS` }) };
    env[names.apiKey] = c.apiKey;
    env[names.secret] = c.secret;
    if (names.password !== undefined && c.password !== undefined) env[names.password] = c.password;
    const baseUrl = options.config.verify.baseUrls[c.exchange];
    return { name: `found-${i + 1}`, exchange: c.exchange, credentials: { env: names }, ...(baseUrl === undefined ? {} : { baseUrl }) };
  });
  let reports: AccountReport[] = [];
  if (accounts.length > 0) {
    const { auditAccounts } = await import('../audit/index.js');
    reports = await auditAccounts({
      config: { ...options.config, accounts, accountLines: {} },
      env,
      now: options.now,
      allowUnknown: options.allowUnknown,
    });
  }

  const reportOf = new Map([...distinct.keys()].map((key, i) => [key, reports[i]]));
  const verdicts = new Map<string, { text: string; withdraw: boolean }>();
  for (const c of candidates) {
    const report = reportOf.get(credentialKey(c));
    if (report === undefined) continue;
    for (const place of c.places) verdicts.set(placeKey(c.commit, c.file, place), verdictOf(report));
  }
  return options.findings.map((f) => {
    const verdict = verdicts.get(placeKey(f.commit, f.file ?? '', `${f.line}:${f.column}`));
    if (!verifiable(f) && !(inProtectedEnv(f) && verdict !== undefined)) return f;
    if (verdict === undefined) {
      return { ...f, message: `${f.message} — not verified: no matching key/secret${PASSPHRASE_EXCHANGES.has(exchangeOfRule(f.ruleId) ?? '') ? '/passphrase' : ''} pair found in this file` };
    }
    return { ...f, message: `${f.message} — ${verdict.text}`, ...(verdict.withdraw ? { severity: 'critical' as const } : {}) };
  });
}

function verdictOf(report: AccountReport): { text: string; withdraw: boolean } {
  const p = report.permissions;
  if (p.withdraw === true) return { text: 'verified: withdraw enabled (the key is live and can move funds)', withdraw: true };
  if (report.status === 'unknown' || p.withdraw === 'unknown') {
    const reasons = Object.values(report.unknown);
    const reason = reasons.find((r) => /authentication failed/.test(r));
    if (reason !== undefined) return { text: 'verified: the exchange rejects this key (revoked, expired, or not this pair) — remove it from the file and its history anyway', withdraw: false };
    return { text: `not verified: ${reasons[0] ?? 'the exchange did not say'}`, withdraw: false };
  }
  const trade = p.trade === true ? 'can trade' : p.trade === false ? 'cannot trade' : 'trading unknown';
  return { text: `verified: the key is live (withdraw disabled, ${trade})`, withdraw: false };
}

function placeKey(commit: string | null, file: string, place: string): string {
  return `${commit ?? ''}\0${file}\0${place}`;
}

/** The file's text in the working tree, or as `commit` wrote it (paths are relative to cwd). */
async function contentOf(cwd: string, file: string, commit: string | null): Promise<string | null> {
  if (commit === null) return readFile(path.resolve(cwd, file), 'utf8').catch(() => null);
  const result = await runGit(cwd, ['cat-file', 'blob', `${commit}:./${file}`]);
  return result.code === 0 ? result.stdout : null;
}
