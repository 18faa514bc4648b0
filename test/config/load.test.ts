import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/core/errors.js';
import { allRules } from '../../rules/index.js';
import { tempDir, writeTree } from '../helpers/tmp.js';

describe('loadConfig', () => {
  it('finds .keyauditrc.yml and records account lines', async () => {
    const dir = tempDir();
    writeTree(dir, {
      '.keyauditrc.yml': 'accounts:\n  - name: one\n    exchange: binance\n  - name: two\n    exchange: okx\nrules:\n  env-permissive: low\n',
    });
    const config = await loadConfig({ cwd: dir, rules: allRules });
    expect(config.file).toBe('.keyauditrc.yml');
    expect(config.accountLines).toEqual({ one: 2, two: 4 });
    expect(config.rules.get('hygiene/env-permissive')?.severity).toBe('low');
  });

  it('reads package.json#keyaudit', async () => {
    const dir = tempDir();
    writeTree(dir, { 'package.json': JSON.stringify({ name: 'x', keyaudit: { secrets: { ignore: ['dist/**'] } } }) });
    const config = await loadConfig({ cwd: dir, rules: allRules });
    expect(config.secrets.ignore).toEqual(['dist/**']);
  });

  it('never loads JavaScript config (it could run code from the scanned repository)', async () => {
    const dir = tempDir();
    const marker = path.join(dir, 'executed');
    writeTree(dir, {
      '.keyauditrc.js': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`,
      'keyaudit.config.js': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = {};`,
    });
    const config = await loadConfig({ cwd: dir, rules: allRules });
    expect(config.file).toBeNull();
    await expect(loadConfig({ cwd: dir, rules: allRules, configFile: '.keyauditrc.js' })).rejects.toThrow(/never loaded/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(marker)).toBe(false);
  });

  it('gives a ConfigError naming the file for a missing explicit file or bad YAML', async () => {
    const dir = tempDir();
    await expect(loadConfig({ cwd: dir, rules: allRules, configFile: 'missing.yml' })).rejects.toThrow(/missing\.yml[\s\S]*not found/);
    writeFileSync(path.join(dir, 'bad.yml'), 'rules: [unclosed\n');
    const error = await loadConfig({ cwd: dir, rules: allRules, configFile: 'bad.yml' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/bad\.yml/);
  });
});
