/**
 * One self-contained HTML page: inline CSS, no script, no external asset (a Content-Security-Policy
 * meta forbids loading anything), so it opens the same from a CI artifact, an e-mail or a laptop
 * offline. Summary, the per-account permission table with pass/fail/unknown badges, findings grouped
 * by file with the fix. Every value goes through `esc`; findings are already masked, so the page
 * holds excerpts and fingerprints only, never a secret.
 */
import type { AccountReport, Finding, Report, TriValue } from '../core/types.js';
import { SEVERITIES } from '../core/types.js';
import { allFindings, countBySeverity } from './summary.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const CSS = `
:root{color-scheme:light dark;--fg:#1b1f24;--bg:#fff;--muted:#59636e;--line:#d1d9e0;--pass:#1a7f37;--fail:#cf222e;--unk:#9a6700;--crit:#82071e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;--line:#3d444d;--pass:#3fb950;--fail:#f85149;--unk:#d29922;--crit:#ff7b72}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:96rem;padding:1.5rem;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:1.25rem 0 .4rem;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
.muted{color:var(--muted)}
.note{display:inline-block;padding:.2rem .6rem;border:2px solid var(--unk);color:var(--unk);font-weight:700;border-radius:4px;margin:.25rem 0}
.verdict{padding:.75rem 1rem;border-radius:6px;font-weight:600;margin:1rem 0;border:1px solid}
.verdict.fail{border-color:var(--fail);color:var(--fail)}.verdict.pass{border-color:var(--pass);color:var(--pass)}
table{border-collapse:collapse;width:100%;margin:.25rem 0 1rem}
th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{font-weight:600;background:color-mix(in srgb,var(--line) 35%,transparent)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em}
.badge{display:inline-block;min-width:4.5em;text-align:center;padding:.05rem .45rem;border-radius:999px;font-size:.8em;font-weight:700;text-transform:uppercase;letter-spacing:.02em;border:1px solid currentColor}
.badge.pass{color:var(--pass)}.badge.fail{color:var(--fail)}.badge.unknown{color:var(--unk)}
.badge.critical{color:#fff;background:var(--crit);border-color:var(--crit)}.badge.high{color:var(--fail)}
.badge.medium{color:var(--unk)}.badge.low,.badge.info{color:var(--muted)}
.counts{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0}
.counts div{border:1px solid var(--line);border-radius:6px;padding:.4rem .8rem;min-width:6rem}
.counts b{display:block;font-size:1.3rem}
.fix{color:var(--muted)}
.scroll{overflow-x:auto}
#permissions td,#permissions th{font-size:.9em;padding:.25rem .4rem}
#permissions .badge{min-width:0}
.badge,#permissions .date{white-space:nowrap}
@media print{.verdict,.badge{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
`;

export interface HtmlOptions {
  /** Rendering time shown in the header; passed in so output is reproducible in tests. */
  generatedAt?: Date;
}

export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  const findings = allFindings(report);
  const counts = countBySeverity(findings);
  const parts: string[] = [];
  parts.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be loaded or run: the report is data, and a hostile file name must not become code.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>keyaudit report${report.failed ? ' — failing' : ''}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    '<h1>keyaudit report</h1>',
    `<p class="muted">keyaudit ${esc(report.tool.version)}${options.generatedAt === undefined ? '' : ` · ${esc(options.generatedAt.toISOString())}`} · fail on <code>${esc(report.failOn)}</code></p>`,
    ...report.notes.map((n) => `<p class="note">${esc(n)}</p>`),
    '</header>',
  );

  parts.push('<section id="summary">', '<h2>Summary</h2>');
  const scope = `${report.stats.filesScanned} file(s) scanned, ${report.accounts.length} key(s) audited`;
  if (findings.length === 0) parts.push(`<p class="verdict pass" data-verdict="pass">No findings (${esc(scope)}).</p>`);
  else if (report.failed) parts.push(`<p class="verdict fail" data-verdict="fail">${findings.length} finding(s) — failing (at or above ${esc(report.failOn)}). ${esc(scope)}.</p>`);
  else parts.push(`<p class="verdict pass" data-verdict="pass">${findings.length} finding(s), all below ${esc(report.failOn)}. ${esc(scope)}.</p>`);
  parts.push(
    '<div class="counts">',
    ...SEVERITIES.map((s) => `<div data-severity="${s}"><b>${counts[s]}</b>${badge(s, s)}</div>`),
    '</div>',
    '</section>',
  );

  parts.push('<section id="accounts">', '<h2>Exchange keys</h2>');
  if (report.accounts.length === 0) parts.push('<p class="muted">No exchange keys were audited (no accounts configured, or <code>--no-keys</code>).</p>');
  else parts.push(...accountsTable(report.accounts), ...accountDetails(report.accounts));
  parts.push('</section>');

  parts.push('<section id="findings">', '<h2>Secrets and files</h2>');
  if (report.findings.length === 0) parts.push('<p class="muted">No secret or file findings.</p>');
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const key = f.file ?? '(no file)';
    byFile.set(key, [...(byFile.get(key) ?? []), f]);
  }
  for (const [file, list] of byFile) {
    parts.push(
      `<section class="file" data-file="${esc(file)}">`,
      `<h3>${esc(file)}</h3>`,
      '<table><thead><tr><th>line:col</th><th>severity</th><th>rule</th><th>finding</th><th>fix</th></tr></thead><tbody>',
      ...list.map((f) => findingRow(f)),
      '</tbody></table>',
      '</section>',
    );
  }
  parts.push('</section>');

  if (report.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const s of report.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    parts.push(
      '<section id="skipped">',
      '<h2>Skipped files</h2>',
      `<p class="muted">${esc([...reasons].map(([r, n]) => `${n} ${r}`).join(', '))}</p>`,
      '<details><summary>list</summary><ul>',
      ...report.skipped.map((s) => `<li><code>${esc(s.path)}</code>: ${esc(s.reason)}${s.detail === undefined ? '' : ` (${esc(s.detail)})`}</li>`),
      '</ul></details>',
      '</section>',
    );
  }

  parts.push(
    `<footer><p class="muted">Excerpts show at most the first 4 characters of a secret; fingerprints are one-way. ${esc(`${report.stats.filesScanned} file(s), ${(report.stats.bytesScanned / 1e6).toFixed(1)} MB in ${report.stats.durationMs} ms`)}.</p></footer>`,
    '</body>',
    '</html>',
  );
  return `${parts.join('\n')}\n`;
}

function badge(kind: string, text: string, title?: string): string {
  return `<span class="badge ${esc(kind)}"${title === undefined ? '' : ` title="${esc(title)}"`}>${esc(text)}</span>`;
}

/** A permission cell: dangerous permissions that are on fail, off pass; unknown says why. */
function permission(value: TriValue, dangerous: boolean, reason: string | undefined): string {
  if (value === 'unknown') return badge('unknown', 'unknown', reason ?? 'not reported by the exchange');
  if (!dangerous) return value ? 'yes' : 'no';
  return value ? badge('fail', 'yes') : badge('pass', 'no');
}

function accountsTable(accounts: readonly AccountReport[]): string[] {
  const head = ['account', 'exchange', 'status', 'withdraw', 'transfer', 'trade', 'read', 'margin', 'futures', 'options', 'IP whitelist', 'created', 'age', 'expires'];
  const rows = accounts.map((a) => {
    const p = a.permissions;
    const why = (fact: string): string | undefined => a.unknown[fact] ?? a.unknown.all;
    const ip =
      a.ipWhitelist === 'unknown'
        ? a.ipRestricted === true
          ? '<span title="the exchange confirms an IP restriction but does not list the addresses">restricted</span>'
          : badge('unknown', 'unknown', why('ipWhitelist') ?? why('ipRestricted'))
        : a.ipWhitelist.length === 0
          ? badge('fail', 'none')
          : a.ipWhitelist.map((ip) => `<code>${esc(ip)}</code>`).join(', ');
    const cells = [
      esc(a.name),
      `<code>${esc(a.exchange)}</code>`,
      badge(a.status, a.status),
      permission(p.withdraw, true, why('withdraw')),
      permission(p.transfer, true, why('transfer')),
      permission(p.trade, false, why('trade')),
      permission(p.read, false, why('read')),
      permission(p.margin, false, why('margin')),
      permission(p.futures, false, why('futures')),
      permission(p.options, false, why('options')),
      ip,
      a.createdAt === null ? '<span class="muted">?</span>' : `<span class="date">${esc(a.createdAt.slice(0, 10))}</span>`,
      a.ageDays === null ? '<span class="muted">?</span>' : `<span class="date">${a.ageDays} d</span>`,
      a.expiresAt === null ? '<span class="muted">—</span>' : `<span class="date">${esc(a.expiresAt.slice(0, 10))}</span>`,
    ];
    return `<tr data-account="${esc(a.name)}" data-status="${esc(a.status)}">${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  });
  return [
    '<div class="scroll">',
    '<table id="permissions">',
    `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</div>',
  ];
}

function accountDetails(accounts: readonly AccountReport[]): string[] {
  const out: string[] = [];
  for (const a of accounts) {
    const unknown = Object.entries(a.unknown);
    out.push(
      `<section class="account" data-account="${esc(a.name)}">`,
      `<h3>${esc(a.name)} <span class="muted">(${esc(a.exchange)})</span> ${badge(a.status, a.status)}</h3>`,
      `<p class="muted">${a.endpoint === null ? 'no introspection endpoint answered' : `checked with <code>${esc(a.endpoint)}</code>`}</p>`,
    );
    if (a.findings.length > 0) {
      out.push('<table><thead><tr><th>where</th><th>severity</th><th>rule</th><th>finding</th><th>fix</th></tr></thead><tbody>', ...a.findings.map((f) => findingRow(f, true)), '</tbody></table>');
    }
    if (unknown.length > 0) {
      out.push('<ul class="unknown">', ...unknown.map(([fact, reason]) => `<li>${badge('unknown', 'unknown')} <code>${esc(fact)}</code>: ${esc(reason)}</li>`), '</ul>');
    }
    out.push('</section>');
  }
  return out;
}

function findingRow(f: Finding, withFile = false): string {
  const at = `${f.line ?? 1}:${f.column ?? 1}`;
  const where = f.file === null ? '—' : withFile ? `${f.file}:${at}` : at;
  const commit =
    f.commit === null ? '' : `<br><span class="muted">commit <code>${esc(f.commit.slice(0, 12))}</code>${f.authorDate === null ? '' : ` ${esc(f.authorDate.slice(0, 10))}`}</span>`;
  const excerpt = f.excerpt === null ? '' : ` <code class="excerpt">${esc(f.excerpt)}</code>`;
  return (
    `<tr class="finding" data-rule="${esc(f.ruleId)}" data-severity="${f.severity}" data-fingerprint="${esc(f.fingerprint)}">` +
    `<td><code>${esc(where)}</code>${commit}</td>` +
    `<td>${badge(f.severity, f.severity)}</td>` +
    `<td><code>${esc(f.ruleId)}</code></td>` +
    `<td>${esc(f.message)}${excerpt}</td>` +
    `<td class="fix">${esc(f.fix)}</td>` +
    '</tr>'
  );
}

