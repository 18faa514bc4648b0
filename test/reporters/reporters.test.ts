import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/reporters/json.js';
import { renderSarif } from '../../src/reporters/sarif.js';
import { renderText } from '../../src/reporters/text.js';
import { allRules } from '../../rules/index.js';
import { reportValidator, sarifValidator } from './helpers.js';
import { sampleReport } from './sample-report.js';

const metas = [
  ...allRules.map((r) => r.meta),
  // Key rules may not be registered yet in every build; the reporter must cope with any rule id.
  { id: 'keys/withdraw-enabled', family: 'keys' as const, name: 'withdraw-enabled', description: 'Key can withdraw funds', severity: 'critical' as const, recommended: true, fix: 'Disable withdrawals.', message: '' },
].filter((m, i, all) => all.findIndex((x) => x.id === m.id) === i);

describe('JSON reporter', () => {
  it('is valid against docs/report.schema.json, with the documented key order', () => {
    const out = renderJson(sampleReport());
    const data = JSON.parse(out) as Record<string, unknown>;
    expect(reportValidator()(data)).toEqual([]);
    expect(Object.keys(data)).toEqual(['schemaVersion', 'tool', 'summary', 'notes', 'accounts', 'findings', 'skipped']);
    expect((data.summary as { counts: unknown }).counts).toEqual({ critical: 3, high: 0, medium: 1, low: 0, info: 0 });
    const account = (data.accounts as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(Object.keys(account)).toEqual(['name', 'exchange', 'status', 'permissions', 'ipRestricted', 'ipWhitelist', 'createdAt', 'ageDays', 'expiresAt', 'endpoint', 'unknown', 'findings']);
    expect(account.permissions).toMatchObject({ withdraw: true, transfer: 'unknown' });
  });

  it('writes "accounts": [] for a scan without accounts', () => {
    const data = JSON.parse(renderJson(sampleReport({ accounts: [] }))) as { accounts: unknown[] };
    expect(data.accounts).toEqual([]);
  });
});

describe('SARIF reporter', () => {
  it('is valid SARIF 2.1.0 per the official schema', () => {
    const validate = sarifValidator();
    const log = JSON.parse(renderSarif(sampleReport(), metas));
    expect(validate(log)).toEqual([]);
    // The validator is real: a result without a message is rejected.
    delete log.runs[0].results[0].message;
    expect(validate(log).length).toBeGreaterThan(0);
  });

  it('maps severities to levels and security-severity, with help text and fingerprints', () => {
    const log = JSON.parse(renderSarif(sampleReport(), metas));
    const run = log.runs[0];
    const rules = run.tool.driver.rules as { id: string; help: { text: string }; properties: Record<string, string> }[];
    const pem = rules.find((r) => r.id === 'secrets/pem-private-key');
    expect(pem?.help.text).toMatch(/Fix:/);
    expect(Number(pem?.properties['security-severity'])).toBeGreaterThanOrEqual(9);
    const results = run.results as { ruleId: string; level: string; partialFingerprints: Record<string, string>; properties: Record<string, string>; locations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
    const byRule = (id: string) => results.find((r) => r.ruleId === id);
    expect(byRule('secrets/binance-api-key')?.level).toBe('error');
    expect(byRule('hygiene/env-permissive')?.level).toBe('warning');
    const history = byRule('secrets/pem-private-key');
    expect(history?.partialFingerprints.commitSha).toBe('0123456789abcdef0123456789abcdef01234567');
    expect(history?.properties.authorDate).toBe('2024-01-02T03:04:05.000Z');
    expect(history?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('old/deleted%20key.pem');
    const key = byRule('keys/withdraw-enabled');
    expect(key?.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('.keyauditrc.yml');
    expect(key?.locations?.[0]?.physicalLocation.region.startLine).toBe(2);
  });
});

// eslint-disable-next-line no-control-regex -- ANSI escapes are what colour looks like
const ANSI = /\x1b\[/;
describe('text reporter', () => {
  it('groups by file with file:line:col, the excerpt, the fix and a summary line', () => {
    const out = renderText(sampleReport(), { color: false, verbose: false, quiet: false });
    expect(out).toMatch(/bot\/\.env\n {2}bot\/\.env:3:17 +critical +Binance API key or secret in plaintext \(AbCd…\)/);
    expect(out).toMatch(/fix: Revoke the key\./);
    expect(out).toMatch(/main-bot +binance +YES/);
    expect(out).toMatch(/@0123456789 2024-01-02/);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^✖ 4 finding\(s\): 3 critical, 1 medium — failing \(--fail-on high\)\./);
    expect(out).not.toMatch(ANSI);
  });

  it('colours only when asked, and says so plainly when nothing is found', () => {
    expect(renderText(sampleReport(), { color: true, verbose: false, quiet: false })).toMatch(ANSI);
    const clean = renderText(sampleReport({ accounts: [], findings: [], skipped: [], failed: false }), { color: false, verbose: false, quiet: false });
    expect(clean.trim()).toBe('✔ No findings (3 file(s) scanned).');
  });

  it('lists skipped files in verbose mode and counts them otherwise', () => {
    expect(renderText(sampleReport(), { color: false, verbose: false, quiet: false })).toMatch(/Skipped 1 file\(s\): 1 binary/);
    expect(renderText(sampleReport(), { color: false, verbose: true, quiet: false })).toMatch(/img\/logo\.png: binary/);
  });
});
