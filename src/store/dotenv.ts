/**
 * `keys import`'s pure half: parse a .env file keeping every assignment's line range, recognise
 * exchange credentials by variable name, and rebuild the file without chosen assignments while
 * keeping every other byte (comments, blank lines, CRLF endings, order) exactly as it was.
 *
 * Names follow `<EXCHANGE>[_<LABEL>]_<FIELD>`, e.g. BINANCE_API_KEY, BINANCE_SECRET(_KEY),
 * OKX_PASSPHRASE, KUCOIN_API_PASSPHRASE, HTX_ACCESS_KEY, BINANCE_MAIN_API_KEY (entry "binance-main").
 */
import { isPlaceholder } from '../core/placeholders.js';
import type { Credentials } from '../exchanges/types.js';
import { ENTRY_NAME } from './entries.js';
import { fieldsFor, normalizePem, type CredentialField } from './exchange-fields.js';

export interface EnvAssignment {
  name: string;
  value: string;
  /** First and last line (0-based, inclusive) the assignment occupies; more than one for multi-line quoted values. */
  startLine: number;
  endLine: number;
}

export interface EnvFile {
  /** Each line with its own line ending ('' for a last line without one). */
  lines: { text: string; eol: string }[];
  assignments: EnvAssignment[];
}

const ASSIGN = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/;

export function parseEnvFile(content: string): EnvFile {
  const lines: { text: string; eol: string }[] = [];
  const re = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  for (let m = re.exec(content); m !== null; m = re.exec(content)) {
    if (m[0] === '') break;
    lines.push({ text: m[1] ?? '', eol: m[2] ?? '' });
  }
  const assignments: EnvAssignment[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.text ?? '';
    const m = ASSIGN.exec(line);
    if (m === null) continue;
    const name = m[1] as string;
    const rest = m[2] as string;
    const quote = rest[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // Quoted: may continue over several lines until the closing quote.
      let body = rest.slice(1);
      let end = i;
      let closed = findClose(body, quote);
      while (closed < 0 && end + 1 < lines.length) {
        end++;
        body += `\n${lines[end]?.text ?? ''}`;
        closed = findClose(body, quote);
      }
      if (closed < 0) continue; // unterminated: not an assignment we understand; leave it alone
      let value = body.slice(0, closed);
      if (quote === '"') value = value.replace(/\\(n|r|t|"|\\)/g, (_s, c: string) => ({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
      assignments.push({ name, value, startLine: i, endLine: end });
      i = end;
    } else {
      const value = rest.replace(/\s+#.*$/, '').trim();
      assignments.push({ name, value, startLine: i, endLine: i });
    }
  }
  return { lines, assignments };
}

function findClose(body: string, quote: string): number {
  for (let i = 0; i < body.length; i++) {
    if (quote === '"' && body[i] === '\\') {
      i++;
      continue;
    }
    if (body[i] === quote) return i;
  }
  return -1;
}

/** Exchange name prefixes as people write them in .env files → CCXT id. */
const PREFIXES: Record<string, string> = {
  BINANCE: 'binance',
  BYBIT: 'bybit',
  KRAKEN: 'kraken',
  HTX: 'htx',
  HUOBI: 'htx',
  OKX: 'okx',
  OKEX: 'okx',
  COINBASE: 'coinbase',
  KUCOIN: 'kucoin',
  GATEIO: 'gate',
  GATE: 'gate',
  BITGET: 'bitget',
  BITFINEX: 'bitfinex',
  GEMINI: 'gemini',
  DERIBIT: 'deribit',
  MEXC: 'mexc',
  CRYPTOCOM: 'cryptocom',
  BITSTAMP: 'bitstamp',
  BITVAVO: 'bitvavo',
};

const SUFFIXES: [string, CredentialField][] = (
  [
    ['API_KEY_NAME', 'apiKey'],
    ['KEY_NAME', 'apiKey'],
    ['API_KEY_ID', 'apiKey'],
    ['ACCESS_KEY', 'apiKey'],
    ['API_KEY', 'apiKey'],
    ['APIKEY', 'apiKey'],
    ['KEY_ID', 'apiKey'],
    ['CLIENT_ID', 'apiKey'],
    ['KEY', 'apiKey'],
    ['API_SECRET_KEY', 'secret'],
    ['SECRET_KEY', 'secret'],
    ['API_SECRET', 'secret'],
    ['SECRETKEY', 'secret'],
    ['CLIENT_SECRET', 'secret'],
    ['SECRET', 'secret'],
    ['API_PASSPHRASE', 'password'],
    ['PASSPHRASE', 'password'],
    ['API_PASSWORD', 'password'],
    ['PASSWORD', 'password'],
    ['ACCOUNT_ID', 'uid'],
    ['USER_ID', 'uid'],
    ['UID', 'uid'],
    ['API_PRIVATE_KEY', 'privateKey'],
    ['PRIVATE_KEY', 'privateKey'],
  ] as [string, CredentialField][]
).sort((a, b) => b[0].length - a[0].length);

const PREFIX_NAMES = Object.keys(PREFIXES).sort((a, b) => b.length - a.length);

/** Recognises `<EXCHANGE>[_<LABEL>]_<FIELD>`; null for other names. */
export function classifyEnvName(varName: string): { exchange: string; label: string; field: CredentialField } | null {
  const name = varName.toUpperCase();
  for (const prefix of PREFIX_NAMES) {
    if (!name.startsWith(`${prefix}_`)) continue;
    const rest = name.slice(prefix.length + 1);
    for (const [suffix, field] of SUFFIXES) {
      if (rest === suffix) return { exchange: PREFIXES[prefix] as string, label: '', field };
      if (rest.endsWith(`_${suffix}`)) {
        const label = rest.slice(0, -(suffix.length + 1));
        if (/^[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(label)) return { exchange: PREFIXES[prefix] as string, label, field };
      }
    }
    return null;
  }
  return null;
}

export interface ImportCandidate {
  /** The store entry name: `binance`, or `binance-main` for BINANCE_MAIN_API_KEY. */
  name: string;
  exchange: string;
  credentials: Credentials;
  /** Variable name per field, for the preview. */
  variables: Partial<Record<CredentialField, string>>;
}

export interface SkippedGroup {
  name: string;
  exchange: string;
  variables: string[];
  reason: string;
}

export interface ImportPlan {
  candidates: ImportCandidate[];
  skipped: SkippedGroup[];
}

/**
 * Groups recognised variables into store entries. A group is skipped (and its lines left in the
 * file) when a required field is missing, a value is a placeholder, or a field is set twice under
 * different names. Later assignments of the same variable win, as in dotenv.
 */
export function planImport(env: EnvFile): ImportPlan {
  const last = new Map<string, EnvAssignment>();
  for (const a of env.assignments) last.set(a.name, a);
  const groups = new Map<string, { exchange: string; label: string; fields: Map<CredentialField, string[]> }>();
  for (const a of last.values()) {
    const c = classifyEnvName(a.name);
    if (c === null) continue;
    const key = `${c.exchange}\u0000${c.label}`;
    let g = groups.get(key);
    if (g === undefined) {
      g = { exchange: c.exchange, label: c.label, fields: new Map() };
      groups.set(key, g);
    }
    const list = g.fields.get(c.field) ?? [];
    list.push(a.name);
    g.fields.set(c.field, list);
  }
  const plan: ImportPlan = { candidates: [], skipped: [] };
  for (const g of groups.values()) {
    const name = g.label === '' ? g.exchange : `${g.exchange}-${g.label.toLowerCase().replace(/_/g, '-')}`;
    const variables = [...g.fields.values()].flat().sort();
    const skip = (reason: string) => plan.skipped.push({ name, exchange: g.exchange, variables, reason });
    if (!ENTRY_NAME.test(name)) {
      skip('the derived entry name is not valid');
      continue;
    }
    const doubled = [...g.fields.entries()].find(([, names]) => names.length > 1);
    if (doubled !== undefined) {
      skip(`${doubled[1].join(' and ')} both set the ${doubled[0]}; keep one`);
      continue;
    }
    const values: Partial<Record<CredentialField, string>> = {};
    const vars: Partial<Record<CredentialField, string>> = {};
    for (const [field, [varName]] of g.fields.entries()) {
      let target = field;
      // Coinbase CDP's own samples call the PEM "API secret": it is the private key.
      if (g.exchange === 'coinbase' && field === 'secret') target = 'privateKey';
      const value = (last.get(varName as string) as EnvAssignment).value;
      values[target] = target === 'privateKey' ? normalizePem(value) : value.trim();
      vars[target] = varName as string;
    }
    const specs = fieldsFor(g.exchange);
    const missing = specs.filter((s) => s.required && (values[s.field] ?? '') === '');
    if (missing.length > 0) {
      skip(`missing ${missing.map((m) => m.label).join(', ')}`);
      continue;
    }
    const placeholder = (['apiKey', 'secret', 'password'] as const).find((f) => values[f] !== undefined && values[f] !== '' && isPlaceholder(values[f] as string));
    if (placeholder !== undefined) {
      skip(`${vars[placeholder]} looks like a placeholder`);
      continue;
    }
    const credentials: Credentials = { apiKey: values.apiKey as string };
    const variablesUsed: Partial<Record<CredentialField, string>> = { apiKey: vars.apiKey as string };
    for (const spec of specs) {
      if (spec.field === 'apiKey') continue;
      const v = values[spec.field];
      if (v !== undefined && v !== '') {
        credentials[spec.field] = v;
        variablesUsed[spec.field] = vars[spec.field] as string;
      }
    }
    // A variable the exchange does not use (say BINANCE_PASSPHRASE) is not imported nor removed.
    const ignored = [...g.fields.entries()].filter(([f]) => !specs.some((s) => s.field === (g.exchange === 'coinbase' && f === 'secret' ? 'privateKey' : f)));
    if (ignored.length > 0) plan.skipped.push({ name, exchange: g.exchange, variables: ignored.flatMap(([, n]) => n), reason: `not used by ${g.exchange}; left in the file` });
    plan.candidates.push({ name, exchange: g.exchange, credentials, variables: variablesUsed });
  }
  plan.candidates.sort((a, b) => (a.name < b.name ? -1 : 1));
  return plan;
}

/**
 * The file without every assignment of `names` (all of them, not only the last: an earlier
 * duplicate would still hold a secret). Every other line keeps its exact bytes and line ending.
 */
export function removeAssignments(env: EnvFile, names: ReadonlySet<string>): string {
  const drop = new Set<number>();
  for (const a of env.assignments) {
    if (!names.has(a.name)) continue;
    for (let i = a.startLine; i <= a.endLine; i++) drop.add(i);
  }
  return env.lines
    .filter((_, i) => !drop.has(i))
    .map((l) => l.text + l.eol)
    .join('');
}
