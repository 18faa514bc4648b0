/**
 * What each exchange can tell about a key, derived from adapter metadata only: the `keyaudit
 * exchanges` command and docs/exchanges.md both come from here (a test keeps the doc current).
 */
import { SANDBOX_EXCHANGES } from './ccxt-client.js';
import { listAdapters } from './registry.js';
import type { Coverage, FactName } from './types.js';

export const FACT_NAMES: readonly FactName[] = ['withdraw', 'transfer', 'trade', 'ipList', 'created', 'expiry', 'lastUsed'];

const FACT_LABEL: Record<FactName, string> = {
  withdraw: 'withdraw',
  transfer: 'transfer',
  trade: 'trade',
  ipList: 'IP list',
  created: 'created',
  expiry: 'expiry',
  lastUsed: 'last used',
};

export interface CatalogEntry {
  id: string;
  name: string;
  coverage: Coverage;
  /** `METHOD /path` of each introspection call (clock endpoints left out). */
  endpoints: string[];
  facts: Record<FactName, boolean>;
  requiredPermission: string;
  credentials: string[];
  sandbox: boolean;
  docs: string;
}

export function exchangeCatalog(): CatalogEntry[] {
  return listAdapters().map((a) => ({
    id: a.id,
    name: a.displayName,
    coverage: a.coverage,
    endpoints: a.endpoints.filter((e) => e.purpose === 'introspection').map((e) => `${e.method} ${e.path}`),
    facts: Object.fromEntries(FACT_NAMES.map((f) => [f, a.supports.includes(f)])) as Record<FactName, boolean>,
    requiredPermission: a.requiredPermission,
    credentials: ['apiKey', ...a.needs],
    sandbox: SANDBOX_EXCHANGES.has(a.id),
    docs: a.docsUrl,
  }));
}

export function renderCatalogJson(): string {
  return `${JSON.stringify({ schemaVersion: 1, exchanges: exchangeCatalog() }, null, 2)}\n`;
}

export function renderCatalogText(): string {
  const entries = exchangeCatalog();
  const header = ['exchange', 'coverage', ...FACT_NAMES.map((f) => FACT_LABEL[f]), 'endpoint', 'key needs'];
  const rows = entries.map((e) => [e.id, e.coverage, ...FACT_NAMES.map((f) => (e.facts[f] ? 'yes' : '-')), e.endpoints.join(', ') || '(none)', e.requiredPermission]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')}`.trimEnd();
  return `${[line(header), ...rows.map(line), '', '  Any other CCXT exchange: unknown (no-endpoint). Unknown facts fail the gate unless --allow-unknown.'].join('\n')}\n`;
}

export function renderCatalogMarkdown(): string {
  const entries = exchangeCatalog();
  const yes = (b: boolean): string => (b ? '✔' : '—');
  const out: string[] = [
    '# Supported exchanges',
    '',
    '<!-- Generated from the adapters\' metadata: `keyaudit exchanges --format markdown -o docs/exchanges.md`. Do not edit. -->',
    '',
    'keyaudit asks each exchange\'s own key-introspection endpoint what an API key may do. Every request goes',
    'through a guard that allows only the endpoints listed here (plus the exchange\'s public time endpoint for',
    'clock sync); order, withdraw, transfer and key-management paths are refused before a socket opens.',
    '',
    '**Coverage**: `full` = withdraw, transfer, trade, IP status and creation date of the calling key;',
    '`partial` = some of them are not reported or their mapping is unverified; `none` = no safe endpoint.',
    '',
    `| exchange | id | coverage | ${FACT_NAMES.map((f) => FACT_LABEL[f]).join(' | ')} | endpoint | permission the key needs | sandbox |`,
    `|---|---|---|${FACT_NAMES.map(() => '---').join('|')}|---|---|---|`,
    ...entries.map(
      (e) =>
        `| [${e.name}](${e.docs}) | \`${e.id}\` | ${e.coverage} | ${FACT_NAMES.map((f) => yes(e.facts[f])).join(' | ')} | ${e.endpoints.length === 0 ? '—' : e.endpoints.map((p) => `\`${p}\``).join('<br>')} | ${e.requiredPermission} | ${e.sandbox ? 'yes' : 'no'} |`,
    ),
    '',
    'Any other CCXT exchange id is audited as `unknown` (`no-endpoint`); an id CCXT does not know is a',
    'configuration error (exit 2).',
    '',
    '## The fail-closed gate',
    '',
    'A fact the exchange does not report is `unknown` with a reason, never `false`. When whether a key can',
    'withdraw or transfer is unknown — the call failed (authentication, missing read permission, rate limit,',
    'timeout, unavailable, unexpected response), the exchange has no endpoint, or a field is missing — the',
    '`keys/permissions-unverified` finding is `high`, so `keyaudit scan` exits 1. `--allow-unknown` turns it',
    'into `info` (exit 0 when nothing else fails). IP whitelists an exchange masks or does not return cannot be',
    'compared with `expectedIps`; `keys/ip-unexpected` fails closed the same way.',
    '',
  ];
  return out.join('\n');
}
