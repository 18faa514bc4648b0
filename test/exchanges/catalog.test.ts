/** `keyaudit exchanges` and docs/exchanges.md come from adapter metadata; the doc stays current. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { exchangeCatalog} from '../../src/exchanges/catalog.js';
import { renderCatalogMarkdown } from '../../src/exchanges/catalog.js';
import { listAdapters } from '../../src/exchanges/registry.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('keyaudit exchanges', () => {
  it('text lists every adapter with coverage, endpoint and the permission the key needs', async () => {
    const { code, stdout } = await runCli(['exchanges'], { cwd: tempDir() });
    expect(code).toBe(0);
    for (const a of listAdapters()) expect(stdout).toContain(a.id);
    expect(stdout).toMatch(/binance\s+full\s+yes\s+yes\s+yes\s+-\s+yes\s+yes\s+-\s+GET \/sapi\/v1\/account\/apiRestrictions/);
    expect(stdout).toMatch(/kraken\s+full(\s+yes){7}\s+POST \/0\/private\/GetApiKeyInfo/);
    expect(stdout).toContain('no-endpoint');
  });

  it('json carries the facts per exchange', async () => {
    const { code, stdout } = await runCli(['exchanges', '--format', 'json'], { cwd: tempDir() });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout) as { schemaVersion: number; exchanges: ReturnType<typeof exchangeCatalog> };
    expect(doc.schemaVersion).toBe(1);
    const okx = doc.exchanges.find((e) => e.id === 'okx');
    expect(okx).toMatchObject({ coverage: 'partial', endpoints: ['GET /api/v5/account/config'], credentials: ['apiKey', 'secret', 'password'], sandbox: true });
    expect(okx?.facts).toMatchObject({ withdraw: true, ipList: true, created: false });
    expect(doc.exchanges.find((e) => e.id === 'mexc')).toMatchObject({ coverage: 'none', endpoints: [] });
  });

  it('rejects an unsupported format with exit 2', async () => {
    const { code, stderr } = await runCli(['exchanges', '--format', 'sarif'], { cwd: tempDir() });
    expect(code).toBe(2);
    expect(stderr).toMatch(/text, json or markdown/);
  });

  it('docs/exchanges.md is current (regenerate: keyaudit exchanges --format markdown -o docs/exchanges.md)', () => {
    expect(readFileSync(path.join(REPO_ROOT, 'docs', 'exchanges.md'), 'utf8')).toBe(renderCatalogMarkdown());
  });
});
