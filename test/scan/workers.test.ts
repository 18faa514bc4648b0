import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { defaultConfig } from '../../src/config/resolve.js';
import { dedupeAndSort } from '../../src/core/pipeline.js';
import { scanWorkingTree } from '../../src/scan/secret-scan.js';
import { allRules, hygieneRules, secretRules } from '../../rules/index.js';
import { tempDir, writeTree } from '../helpers/tmp.js';
import { binanceSecret, pemBlock } from './helpers.js';

describe('working-tree scan with worker threads', () => {
  it('finds exactly what the in-process scan finds (findings, skips, counts), env files included', async () => {
    const fake = new Fake('workers');
    const dir = tempDir();
    const files: Record<string, string | { content: string | Buffer; mode?: number }> = {};
    for (let i = 0; i < 120; i++) {
      files[`src/m${i % 7}/f${i}.py`] = i % 5 === 0 ? `x = ${i}\n${binanceSecret(fake).line}\n` : `x = ${i}\nprint(x)\n`;
    }
    files['keys/a.pem'] = `${pemBlock(fake).lines.join('\n')}\n`;
    files['.env'] = { content: `${binanceSecret(fake, 'BINANCE_API_KEY').line}\n`, mode: 0o644 };
    files['blob.bin'] = { content: Buffer.from([1, 0, 2]) };
    files['nb.ipynb'] = JSON.stringify({ cells: [{ cell_type: 'code', source: [`${binanceSecret(fake).line}\n`] }] }, null, 1);
    writeTree(dir, files);
    const config = defaultConfig(allRules);
    const base = { cwd: dir, paths: [], config, secretRules, hygieneRules };
    const inProcess = await scanWorkingTree({ ...base, workers: 0 });
    const threaded = await scanWorkingTree({ ...base, workers: 2, workerThreshold: { files: 10 } });
    expect(inProcess.findings.length).toBeGreaterThanOrEqual(27);
    expect(dedupeAndSort(threaded.findings)).toEqual(dedupeAndSort(inProcess.findings));
    expect(threaded.skipped).toEqual(inProcess.skipped);
    expect([threaded.filesScanned, threaded.bytesScanned]).toEqual([inProcess.filesScanned, inProcess.bytesScanned]);
    expect(threaded.findings.some((f) => f.message.includes('[notebook cell 1]'))).toBe(true);
  });
});
