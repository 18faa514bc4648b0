import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { runCli } from '../helpers/cli.js';
import { git, gitRepo, writeTree } from '../helpers/tmp.js';
import { binanceSecret, pemBlock } from '../scan/helpers.js';

interface JsonFinding {
  ruleId: string;
  file: string;
  line: number;
  commit: string | null;
  message: string;
}

function notebook(cells: { source: string[]; outputs?: unknown[] }[]): string {
  return `${JSON.stringify({ cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, outputs: c.outputs ?? [], source: c.source })), metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

async function findings(dir: string, ...args: string[]): Promise<JsonFinding[]> {
  const result = await runCli(['scan', '--no-keys', '--format', 'json', ...args], { cwd: dir });
  expect(result.code).not.toBe(2);
  return (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}

describe('notebooks (.ipynb)', () => {
  it('finds secrets in cell sources (PEM split over JSON strings too) and in printed outputs, naming the cell and the file line', async () => {
    const fake = new Fake('notebook-cli');
    const key = binanceSecret(fake);
    const printed = binanceSecret(fake, 'BINANCE_SECRET');
    const pem = pemBlock(fake);
    const text = notebook([
      { source: ['# setup\n', 'import ccxt\n', `${key.line}\n`, 'ex = ccxt.binance()'] },
      { source: ['key = """\n', ...pem.lines.map((l) => `${l}\n`), '"""'] },
      { source: ['print(cfg)'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`${printed.line}\n`] }] },
    ]);
    const dir = gitRepo();
    writeTree(dir, { 'research.ipynb': text });
    const got = await findings(dir);
    const rawLines = text.split('\n');
    const lineOf = (needle: string): number => rawLines.findIndex((l) => l.includes(needle)) + 1;
    expect(got.map((f) => [f.ruleId, f.line, f.message.match(/\[notebook cell .*\]/)?.[0]]).sort()).toEqual(
      [
        ['secrets/binance-api-key', lineOf(key.value), '[notebook cell 1]'],
        ['secrets/pem-private-key', lineOf('BEGIN PRIVATE KEY'), '[notebook cell 2]'],
        ['secrets/binance-api-key', lineOf(printed.value), '[notebook cell 3 output]'],
      ].sort(),
    );

    // The same notebook staged, and in history (patch lines decoded one by one).
    git(dir, 'add', 'research.ipynb');
    const staged = await findings(dir, '--staged');
    expect(staged.map((f) => f.line).sort()).toEqual(got.map((f) => f.line).sort());
    git(dir, 'commit', '-q', '-m', 'nb');
    const history = (await findings(dir, '--history')).filter((f) => f.commit !== null);
    expect(history.map((f) => [f.ruleId, f.line]).sort()).toEqual(got.map((f) => [f.ruleId, f.line]).sort());
  });

  it('falls back to the raw text when the .ipynb is not valid JSON', async () => {
    const fake = new Fake('notebook-raw');
    const dir = gitRepo();
    writeTree(dir, { 'broken.ipynb': `{ "cells": [ \n${binanceSecret(fake).line}\n` });
    expect((await findings(dir)).map((f) => f.file)).toEqual(['broken.ipynb']);
  });
});
