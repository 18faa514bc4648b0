/**
 * The HTML report: parsed into a real DOM (parse5, the parser jsdom uses) so the checks are about
 * elements, not substrings; an end-to-end run of the CLI on planted fake secrets; and a render in a
 * real headless Chromium when one is installed (skipped, not failed, when it is not).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { renderHtml } from '../../src/reporters/html.js';
import type { AccountReport, Finding, Report } from '../../src/core/types.js';
import { Fake } from '../../src/core/fake.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}
function children(node: Node): Node[] {
  const kids = 'childNodes' in node ? [...node.childNodes] : [];
  // <template> content is a separate fragment.
  if (isElement(node) && node.tagName === 'template' && 'content' in node) kids.push(...(node as DefaultTreeAdapterMap['template']).content.childNodes);
  return kids;
}
function all(root: Node, pred: (e: Element) => boolean = () => true): Element[] {
  const out: Element[] = [];
  const walk = (n: Node): void => {
    if (isElement(n) && pred(n)) out.push(n);
    for (const c of children(n)) walk(c);
  };
  walk(root);
  return out;
}
function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}
function text(n: Node): string {
  if (n.nodeName === '#text') return (n as DefaultTreeAdapterMap['textNode']).value;
  return children(n).map(text).join('');
}
function byId(root: Node, id: string): Element {
  const found = all(root, (e) => attr(e, 'id') === id);
  expect(found, `#${id}`).toHaveLength(1);
  return found[0] as Element;
}

/** No script, no event handler, nothing loaded from anywhere: the page is inert data. */
function expectInert(html: string): void {
  const doc = parse(html);
  expect(all(doc, (e) => ['script', 'iframe', 'object', 'embed', 'link', 'img', 'video', 'audio', 'source', 'form', 'base'].includes(e.tagName))).toEqual([]);
  for (const e of all(doc)) {
    for (const a of e.attrs) {
      expect(a.name.startsWith('on'), `${e.tagName}[${a.name}]`).toBe(false);
      if (a.name === 'src' || a.name === 'href') throw new Error(`unexpected ${a.name} on <${e.tagName}>`);
    }
  }
  const style = all(doc, (e) => e.tagName === 'style').map(text).join('');
  expect(style).not.toMatch(/url\(|@import/);
}

const NO_PERMS = { read: 'unknown', trade: 'unknown', withdraw: 'unknown', transfer: 'unknown', margin: 'unknown', futures: 'unknown', options: 'unknown' } as const;

function keyFinding(account: string, ruleId: string, severity: Finding['severity'], message: string): Finding {
  return { ruleId, severity, message, fix: `fix for ${ruleId}`, file: '.keyauditrc.yaml', line: 3, column: null, commit: null, authorDate: null, excerpt: null, fingerprint: `fp-${account}-${ruleId}`, account };
}

function sampleReport(): Report {
  const accounts: AccountReport[] = [
    {
      name: 'safe-bot',
      exchange: 'binance',
      status: 'pass',
      permissions: { read: true, trade: true, withdraw: false, transfer: false, margin: false, futures: false, options: false },
      ipRestricted: true,
      ipWhitelist: ['203.0.113.10'],
      createdAt: '2026-10-01T00:00:00.000Z',
      ageDays: 55,
      expiresAt: null,
      endpoint: 'GET /sapi/v1/account/apiRestrictions',
      unknown: {},
      findings: [],
    },
    {
      name: 'hot<wallet>',
      exchange: 'okx',
      status: 'fail',
      permissions: { read: true, trade: true, withdraw: true, transfer: 'unknown', margin: false, futures: true, options: false },
      ipRestricted: false,
      ipWhitelist: [],
      createdAt: null,
      ageDays: null,
      expiresAt: '2027-01-01T00:00:00.000Z',
      endpoint: 'GET /api/v5/users/subaccount/apikey',
      unknown: { transfer: 'field not reported by the exchange' },
      findings: [keyFinding('hot<wallet>', 'keys/withdraw-enabled', 'critical', 'key can withdraw funds')],
    },
    {
      name: 'mystery',
      exchange: 'kraken',
      status: 'unknown',
      permissions: { ...NO_PERMS },
      ipRestricted: 'unknown',
      ipWhitelist: 'unknown',
      createdAt: null,
      ageDays: null,
      expiresAt: null,
      endpoint: null,
      unknown: { all: 'timeout after 10 s' },
      findings: [keyFinding('mystery', 'keys/permissions-unverified', 'high', 'permissions could not be verified')],
    },
  ];
  const finding = (file: string, line: number, ruleId: string, severity: Finding['severity']): Finding => ({
    ruleId,
    severity,
    message: `found by ${ruleId}`,
    fix: `how to fix ${ruleId}`,
    file,
    line,
    column: 5,
    commit: null,
    authorDate: null,
    excerpt: 'AbCd…',
    fingerprint: `fp-${file}-${line}`,
  });
  return {
    tool: { name: 'keyaudit', version: '0.1.0' },
    failOn: 'high',
    accounts,
    findings: [
      finding('bot/.env', 3, 'secrets/binance-api-key', 'critical'),
      finding('bot/.env', 4, 'secrets/binance-api-key', 'critical'),
      { ...finding('<img src=x onerror=alert(1)>.js', 1, 'secrets/pem-private-key', 'high'), message: '</td><script>alert(1)</script>' },
      { ...finding('old/config.json', 7, 'secrets/binance-api-key', 'critical'), commit: 'a'.repeat(40), authorDate: '2024-02-03T04:05:06Z' },
    ],
    skipped: [{ path: 'big.bin', reason: 'binary' }],
    stats: { filesScanned: 12, bytesScanned: 3456, durationMs: 78 },
    failed: true,
    notes: ['DEMO — fake exchange, planted secrets'],
  };
}

describe('renderHtml (DOM)', () => {
  const html = renderHtml(sampleReport(), { generatedAt: new Date('2026-11-25T00:00:00Z') });
  const doc = parse(html);

  it('is one inert, self-contained document with a restrictive CSP', () => {
    expectInert(html);
    const csp = all(doc, (e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp[0] as Element, 'content')).toContain("default-src 'none'");
    expect(all(doc, (e) => e.tagName === 'style')).toHaveLength(1);
  });

  it('shows the verdict, the counts and the demo label', () => {
    const summary = byId(doc, 'summary');
    expect(attr(all(summary, (e) => attr(e, 'data-verdict') !== undefined)[0] as Element, 'data-verdict')).toBe('fail');
    const counts = Object.fromEntries(all(summary, (e) => attr(e, 'data-severity') !== undefined).map((e) => [attr(e, 'data-severity'), text(all(e, (b) => b.tagName === 'b')[0] as Element)]));
    // 3 critical secrets + 1 critical key finding; 1 high secret + 1 high key finding.
    expect(counts).toEqual({ critical: '4', high: '2', medium: '0', low: '0', info: '0' });
    expect(text(doc)).toContain('DEMO — fake exchange, planted secrets');
  });

  it('renders the permission table: one row per account with pass/fail/unknown badges', () => {
    const table = byId(doc, 'permissions');
    const headers = all(table, (e) => e.tagName === 'th').map(text);
    const rows = all(table, (e) => e.tagName === 'tr' && attr(e, 'data-account') !== undefined);
    expect(rows.map((r) => [attr(r, 'data-account'), attr(r, 'data-status')])).toEqual([
      ['safe-bot', 'pass'],
      ['hot<wallet>', 'fail'],
      ['mystery', 'unknown'],
    ]);
    const cell = (row: Element, header: string): Element => all(row, (e) => e.tagName === 'td')[headers.indexOf(header)] as Element;
    const badgeOf = (row: Element, header: string): string | undefined => {
      const b = all(cell(row, header), (e) => (attr(e, 'class') ?? '').startsWith('badge'))[0];
      return b === undefined ? undefined : attr(b, 'class');
    };
    const [safe, hot, mystery] = rows as [Element, Element, Element];
    expect(badgeOf(safe, 'status')).toBe('badge pass');
    expect(badgeOf(hot, 'status')).toBe('badge fail');
    expect(badgeOf(mystery, 'status')).toBe('badge unknown');
    expect(badgeOf(safe, 'withdraw')).toBe('badge pass');
    expect(badgeOf(hot, 'withdraw')).toBe('badge fail');
    expect(badgeOf(hot, 'transfer')).toBe('badge unknown');
    expect(attr(all(cell(hot, 'transfer'), (e) => e.tagName === 'span')[0] as Element, 'title')).toBe('field not reported by the exchange');
    expect(attr(all(cell(mystery, 'withdraw'), (e) => e.tagName === 'span')[0] as Element, 'title')).toBe('timeout after 10 s');
    expect(text(cell(safe, 'IP whitelist'))).toBe('203.0.113.10');
    expect(badgeOf(hot, 'IP whitelist')).toBe('badge fail');
    expect(text(cell(hot, 'account'))).toBe('hot<wallet>');
  });

  it('groups findings by file, each with its fix, and escapes hostile names and messages', () => {
    const files = all(byId(doc, 'findings'), (e) => (attr(e, 'class') ?? '') === 'file');
    expect(files.map((f) => attr(f, 'data-file'))).toEqual(['bot/.env', '<img src=x onerror=alert(1)>.js', 'old/config.json']);
    const rows = (f: Element): Element[] => all(f, (e) => attr(e, 'class') === 'finding');
    expect(rows(files[0] as Element)).toHaveLength(2);
    for (const f of files) for (const r of rows(f)) expect(text(all(r, (e) => attr(e, 'class') === 'fix')[0] as Element)).toBe(`how to fix ${attr(r, 'data-rule')}`);
    expect(text(rows(files[1] as Element)[0] as Element)).toContain('</td><script>alert(1)</script>');
    expect(text(rows(files[2] as Element)[0] as Element)).toContain(`commit ${'a'.repeat(12)} 2024-02-03`);
  });

  it('lists the key findings and unknown reasons under each account', () => {
    const sections = all(byId(doc, 'accounts'), (e) => attr(e, 'class') === 'account');
    expect(sections.map((s) => attr(s, 'data-account'))).toEqual(['safe-bot', 'hot<wallet>', 'mystery']);
    const [safe, hot, mystery] = sections as [Element, Element, Element];
    expect(text(safe)).toContain('checked with GET /sapi/v1/account/apiRestrictions');
    expect(all(safe, (e) => attr(e, 'class') === 'finding')).toEqual([]);
    expect(text(hot)).toContain('.keyauditrc.yaml:3:1');
    expect(text(hot)).toContain('fix for keys/withdraw-enabled');
    expect(text(mystery)).toContain('timeout after 10 s');
    expect(text(mystery)).toContain('no introspection endpoint answered');
  });

  it('says so when there is nothing to report', () => {
    const empty: Report = { ...sampleReport(), accounts: [], findings: [], skipped: [], failed: false, notes: [] };
    const d = parse(renderHtml(empty));
    expect(attr(all(d, (e) => attr(e, 'data-verdict') !== undefined)[0] as Element, 'data-verdict')).toBe('pass');
    expect(all(d, (e) => attr(e, 'id') === 'permissions')).toEqual([]);
    expect(text(byId(d, 'accounts'))).toContain('No exchange keys were audited');
  });
});

/** A temp project with planted fake secrets; returns the secrets to look for in the output. */
function plantedProject(): { dir: string; secrets: string[] } {
  const fake = new Fake('html-report');
  const key = fake.alnum(64);
  const secret = fake.alnum(64);
  const pem = fake.base64(600).replace(/(.{64})/g, '$1\n');
  const dir = tempDir();
  writeTree(dir, {
    'bot/config.py': `import ccxt\nexchange = ccxt.binance({\n    "apiKey": "${key}",\n    "secret": "${secret}",\n})\n`,
    'keys/deploy.pem': `-----BEGIN RSA PRIVATE KEY-----\n${pem}\n-----END RSA PRIVATE KEY-----\n`,
    'README.md': '# nothing here\n',
  });
  // Every 12-character run of each secret: a leak of any sizeable part would show.
  const pieces = [key, secret, pem.replace(/\n/g, '')].flatMap((s) => Array.from({ length: s.length - 11 }, (_, i) => s.slice(i, i + 12)));
  return { dir, secrets: pieces };
}

describe('scan --format html (end to end)', () => {
  it('writes one report file with the findings grouped by file and no planted secret', async () => {
    const { dir, secrets } = plantedProject();
    const result = await runCli(['scan', '--no-keys', '--format', 'html', '--output', 'report.html'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const html = readFileSync(path.join(dir, 'report.html'), 'utf8');
    expectInert(html);
    for (const piece of secrets) expect(html.includes(piece), 'a planted secret leaked into the report').toBe(false);
    const doc = parse(html);
    const files = all(doc, (e) => attr(e, 'class') === 'file').map((e) => attr(e, 'data-file'));
    expect(files).toEqual(expect.arrayContaining(['bot/config.py', 'keys/deploy.pem']));
    const rules = all(doc, (e) => attr(e, 'class') === 'finding').map((e) => attr(e, 'data-rule'));
    expect(rules).toEqual(expect.arrayContaining(['secrets/binance-api-key', 'secrets/pem-private-key']));
    expect(text(doc)).toContain('Revoke the key on Binance');
  });
});

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

function chromium(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      CHROMIUM as string,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage', `--user-data-dir=${path.join(cwd, 'profile')}`, ...args],
      { cwd, timeout: 25_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, HOME: cwd } },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 99, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

describe.skipIf(CHROMIUM === undefined)('HTML report in headless Chromium', () => {
  it('renders the permission table and the findings (DOM as the browser built it, plus a screenshot)', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'report.html');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, renderHtml(sampleReport()));
    const dumped = await chromium(['--dump-dom', pathToFileURL(file).href], dir);
    expect(dumped.code).toBe(0);
    const doc = parse(dumped.stdout);
    const rows = all(byId(doc, 'permissions'), (e) => e.tagName === 'tr' && attr(e, 'data-status') !== undefined);
    expect(rows.map((r) => attr(r, 'data-status'))).toEqual(['pass', 'fail', 'unknown']);
    // The browser parsed the hostile message as text: no script element exists in its DOM.
    expect(all(doc, (e) => e.tagName === 'script')).toEqual([]);
    expect(all(doc, (e) => attr(e, 'class') === 'file')).toHaveLength(3);

    const shot = path.join(dir, 'shot.png');
    const shotRun = await chromium([`--screenshot=${shot}`, '--window-size=1280,1600', pathToFileURL(file).href], dir);
    expect(shotRun.code).toBe(0);
    const png = readFileSync(shot);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  }, 30_000);
});
