/**
 * Hostile or broken exchange answers, served by a loopback server through `baseUrl`: each ends
 * `unknown` with a reason, fails closed, and is bounded in time and memory.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allRules } from '../../rules/index.js';
import { auditAccounts } from '../../src/audit/index.js';
import { validateConfig } from '../../src/config/resolve.js';
import { Fake } from '../../src/core/fake.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.headers.host} ${(req.url ?? '').split('?')[0]}`);
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

async function audit(baseUrl: string, timeoutMs = 1500) {
  const fake = new Fake('hostile');
  const raw = {
    accounts: [{ name: 'acct', exchange: 'binance', baseUrl, credentials: { env: { apiKey: 'HOSTILE_KEY', secret: 'HOSTILE_SECRET' } } }],
    audit: { retries: 0, timeoutMs },
  };
  const config = validateConfig(raw, '.keyauditrc.json', allRules, JSON.stringify(raw));
  const env = { HOSTILE_KEY: fake.alnum(64), HOSTILE_SECRET: fake.alnum(64) };
  const started = Date.now();
  const [report] = await auditAccounts({ config, env, now: new Date(), allowUnknown: false, sleep: async () => undefined });
  const elapsed = Date.now() - started;
  if (report === undefined) throw new Error('no report');
  expect(JSON.stringify(report)).not.toContain(env.HOSTILE_SECRET);
  expect(JSON.stringify(report)).not.toContain(env.HOSTILE_KEY);
  return { report, elapsed };
}

const failClosed = (report: { status: string; permissions: { withdraw: unknown }; findings: { ruleId: string; severity: string }[] }): void => {
  expect(report.status).toBe('unknown');
  expect(report.permissions.withdraw).toBe('unknown');
  expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'keys/permissions-unverified', severity: 'high' }));
};

describe('hostile exchange answers end unknown, bounded', () => {
  it('a huge body is capped and read as a bad response', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"ipRestrict":true,"pad":"${'x'.repeat(20 * 1024 * 1024)}"}`);
    });
    const { report } = await audit(url);
    failClosed(report);
    expect(Object.values(report.unknown).join(' ')).toMatch(/unexpected response|network/);
  });

  it('deeply nested JSON does not crash the audit', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    });
    failClosed((await audit(url)).report);
  });

  it('a slow drip response hits the deadline', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
      const timer = setInterval(() => res.write(' '), 100);
      res.on('close', () => clearInterval(timer));
    });
    const { report, elapsed } = await audit(url, 800);
    failClosed(report);
    expect(elapsed).toBeLessThan(15_000);
  });

  it('a redirect to another host is refused and the other host never contacted', async () => {
    const elsewhere = await serve((_req, res) => res.end('{}'));
    const { url } = await serve((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url.replace('127.0.0.1', 'localhost')}/sapi/v1/account/apiRestrictions` });
      res.end();
    });
    failClosed((await audit(url)).report);
    expect(elsewhere.hits).toEqual([]);
  });

  it('a TLS error (https to a plain HTTP port) is a network error', async () => {
    const { url } = await serve((_req, res) => res.end('{}'));
    failClosed((await audit(url.replace('http:', 'https:'))).report);
  });

  it('HTML with a wrong content type, and strings where booleans belong', async () => {
    const html = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>502 Bad Gateway</body></html>');
    });
    failClosed((await audit(html.url)).report);

    const stringly = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ipRestrict: 'true', createTime: 'yesterday', enableReading: 1, enableWithdrawals: 'false', enableSpotAndMarginTrading: 'yes' }));
    });
    const { report } = await audit(stringly.url);
    expect(report.permissions.withdraw).toBe('unknown');
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'keys/permissions-unverified' }));
  });
});
