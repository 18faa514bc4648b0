/**
 * Pure half of configuration: raw parsed object in, ResolvedConfig (or a ConfigError naming every
 * problem at once) out. No file system here; load.ts does the reading.
 */
import * as z from 'zod/mini';
import type { AnyRule } from '../core/define-rule.js';
import type { SeveritySetting } from '../core/types.js';
import { ConfigError, type ConfigProblem } from '../core/errors.js';
import { SecretScanner } from '../core/scanner.js';
import { configSchema, parseByteSize, type AccountConfig, type RuleSetting } from './schema.js';

export const DEFAULT_MAX_FILE_SIZE = 25 * 1024 * 1024;
export const DEFAULT_BASELINE = '.keyaudit-baseline.json';

export interface ResolvedRuleSetting {
  severity: SeveritySetting;
  /** Options after the rule's schema applied its defaults. */
  options: unknown;
}

export interface ResolvedConfig {
  /** Display path of the config file, or null when none was found. */
  file: string | null;
  accounts: AccountConfig[];
  /** 1-based line of each account's entry in the config file, for SARIF locations. */
  accountLines: Record<string, number>;
  rules: Map<string, ResolvedRuleSetting>;
  secrets: {
    ignore: string[];
    baselinePath: string;
    maxFileSize: number;
    allow: RegExp[];
    stopwords: string[];
    allowByRule: Record<string, RegExp[]>;
  };
  audit: { timeoutMs: number; retries: number; concurrencyPerExchange: number };
  verify: { baseUrls: Record<string, string> };
}

const secretRuleOptions = z.strictObject({
  allow: z.optional(z.array(z.string())),
  stopwords: z.optional(z.array(z.string())),
});
const noOptions = z.strictObject({});

/** Keys whose string value would be a credential: a config must never hold one. */
const CREDENTIAL_KEY = /^(?:api[_-]?key|apikey|key|secret|api[_-]?secret|secret[_-]?key|password|passphrase|pass|private[_-]?key|token|client[_-]?secret)$/i;

export function validateConfig(raw: unknown, file: string, rules: readonly AnyRule[], text?: string): ResolvedConfig {
  const problems: ConfigProblem[] = [];
  problems.push(...findLiteralSecrets(raw, rules, text));
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formatPath(issue.path);
      // A literal-secret problem already explains these paths better.
      if (problems.some((p) => p.path === path)) continue;
      problems.push({ path, message: describeIssue(issue) });
    }
  }
  const config = parsed.success ? parsed.data : {};
  // Rules are resolved from the raw object too, so unknown ids show up with every other problem.
  const rawRules = isRecord(raw) && isRecord(raw.rules) ? (raw.rules as Record<string, RuleSetting>) : {};
  const ruleSettings = resolveRules(parsed.success ? (config.rules ?? {}) : rawRules, rules, problems);
  if (!parsed.success) problems.push(...duplicateAccountNames(raw));
  if (problems.length > 0) throw new ConfigError(file, problems);

  const allowByRule: Record<string, RegExp[]> = {};
  for (const [id, setting] of ruleSettings) {
    const opts = setting.options as { allow?: string[]; stopwords?: string[] } | undefined;
    const list = [...(opts?.allow ?? []).map((s) => new RegExp(s)), ...(opts?.stopwords ?? []).map(stopwordRegex)];
    if (list.length > 0) allowByRule[id] = list;
  }
  const secrets = config.secrets ?? {};
  return {
    file,
    accounts: config.accounts ?? [],
    accountLines: locateAccounts(text ?? '', (config.accounts ?? []).map((a) => a.name)),
    rules: ruleSettings,
    secrets: {
      ignore: secrets.ignore ?? [],
      baselinePath: secrets.baseline ?? DEFAULT_BASELINE,
      maxFileSize: secrets.maxFileSize === undefined ? DEFAULT_MAX_FILE_SIZE : parseByteSize(secrets.maxFileSize),
      allow: (secrets.allow ?? []).map((s) => new RegExp(s)),
      stopwords: secrets.stopwords ?? [],
      allowByRule,
    },
    audit: {
      timeoutMs: config.audit?.timeoutMs ?? 10_000,
      retries: config.audit?.retries ?? 2,
      concurrencyPerExchange: config.audit?.concurrencyPerExchange ?? 4,
    },
    verify: { baseUrls: config.verify?.baseUrls ?? {} },
  };
}

/** The configuration used when no config file exists. */
export function defaultConfig(rules: readonly AnyRule[]): ResolvedConfig {
  return { ...validateConfig({}, '(defaults)', rules), file: null };
}

export function stopwordRegex(word: string): RegExp {
  return new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

function resolveRules(written: Record<string, RuleSetting>, rules: readonly AnyRule[], problems: ConfigProblem[]) {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const settings = new Map<string, ResolvedRuleSetting>();
  const writtenById = new Map<string, { key: string; setting: RuleSetting }>();
  for (const [key, setting] of Object.entries(written)) {
    const matches = byId.has(key) ? [key] : rules.filter((r) => r.meta.name === key).map((r) => r.meta.id);
    if (matches.length === 1) writtenById.set(matches[0] as string, { key, setting });
    else if (matches.length === 0) {
      const near = rules.find((r) => r.meta.name.includes(key) || key.includes(r.meta.name));
      problems.push({
        path: `rules.${key}`,
        message: `unknown rule id${near ? ` (did you mean "${near.meta.id}"?)` : ''}; run \`keyaudit rules\` for the list`,
      });
    } else problems.push({ path: `rules.${key}`, message: `ambiguous rule name: use one of ${matches.join(', ')}` });
  }
  for (const rule of rules) {
    const entry = writtenById.get(rule.meta.id);
    const severity = entry === undefined ? rule.meta.severity : Array.isArray(entry.setting) ? entry.setting[0] : entry.setting;
    const rawOptions = entry !== undefined && Array.isArray(entry.setting) ? (entry.setting[1] ?? {}) : {};
    const schema = rule.kind === 'keys' ? rule.options : rule.kind === 'secret' ? secretRuleOptions : noOptions;
    const parsed = schema.safeParse(rawOptions);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ path: formatPath(['rules', entry?.key ?? rule.meta.id, 1, ...issue.path]), message: describeIssue(issue) });
      }
      continue;
    }
    const opts = parsed.data as { allow?: string[] };
    opts.allow?.forEach((source, i) => {
      try {
        new RegExp(source);
      } catch {
        problems.push({ path: formatPath(['rules', entry?.key ?? rule.meta.id, 1, 'allow', i]), message: 'expected a valid regular expression' });
      }
    });
    settings.set(rule.meta.id, { severity, options: parsed.data });
  }
  return settings;
}

/** Finds credentials written into the config itself, by key name and by running the secret rules. */
function findLiteralSecrets(raw: unknown, rules: readonly AnyRule[], text: string | undefined): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const advice =
    'a config file must not hold a secret: put it in an environment variable and name that variable under credentials.env, or store it with `keyaudit keys add`';
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        const childPath = [...path, key];
        const underEnv = path.at(-1) === 'env' && path.at(-2) === 'credentials';
        if (typeof child === 'string' && child.length > 0) {
          if ((underEnv && !isPlausibleEnvName(child)) || (!underEnv && CREDENTIAL_KEY.test(key) && path[0] === 'accounts')) {
            problems.push({ path: formatPath(childPath), message: `looks like a literal secret; ${advice}` });
          }
        }
        walk(child, childPath);
      }
    }
  };
  walk(raw, []);
  const envNames = new Set<string>();
  if (isRecord(raw) && Array.isArray(raw.accounts)) {
    for (const account of raw.accounts as unknown[]) {
      const env = isRecord(account) && isRecord(account.credentials) && isRecord(account.credentials.env) ? account.credentials.env : {};
      for (const value of Object.values(env)) if (typeof value === 'string' && isPlausibleEnvName(value)) envNames.add(value);
    }
  }
  if (text !== undefined && problems.length === 0) {
    const scanner = new SecretScanner(rules.filter((r) => r.kind === 'secret'));
    for (const hit of scanner.scan({ path: 'config', text, startLine: 1 })) {
      // `password: OKX_PASSPHRASE` under credentials.env names a variable; it is not the secret.
      if (envNames.has(hit.secret)) continue;
      problems.push({ path: `line ${hit.line}`, message: `contains what looks like a ${hit.rule.meta.description.toLowerCase()}; ${advice}` });
    }
  }
  return problems;
}

/**
 * Env var names are short identifiers, usually UPPER_SNAKE. A long mixed-case value with digits is
 * far more likely a pasted key than a variable name, even though it would be a legal name.
 */
function isPlausibleEnvName(value: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) return false;
  if (/^[A-Z_][A-Z0-9_]*$/.test(value)) return true;
  return !(value.length >= 16 && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** zod skips refinements when the base shape fails, so duplicates are also checked by hand. */
function duplicateAccountNames(raw: unknown): ConfigProblem[] {
  if (!isRecord(raw) || !Array.isArray(raw.accounts)) return [];
  const seen = new Map<string, number>();
  const out: ConfigProblem[] = [];
  raw.accounts.forEach((account: unknown, index: number) => {
    if (!isRecord(account) || typeof account.name !== 'string') return;
    const first = seen.get(account.name);
    if (first === undefined) seen.set(account.name, index);
    else out.push({ path: `accounts[${index}].name`, message: `duplicate account name "${account.name}" (also accounts[${first}])` });
  });
  return out;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_value') return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_union') return 'expected a severity ("critical", "high", "medium", "low", "info", "off") or [severity, {options}]';
  return issue.message.replace(/^Invalid input: /, '');
}

/** Line of `name: x` / `"name": "x"` for each account, so SARIF can point at the entry. */
function locateAccounts(text: string, names: string[]): Record<string, number> {
  const lines = text.split('\n');
  const out: Record<string, number> = {};
  for (const name of names) {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`["']?name["']?\\s*:\\s*["']?${escaped}["']?\\s*(?:[,}#]|$)`);
    const index = lines.findIndex((l) => re.test(l));
    out[name] = index === -1 ? 1 : index + 1;
  }
  return out;
}
