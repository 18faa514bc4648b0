/**
 * The built binary (bin/keyaudit.js) with real pipes, for the store's user-facing error paths: no
 * passphrase and no terminal, missing --stdin fields, a wrong passphrase; then a real add and list.
 */
import { describe, expect, it } from 'vitest';
import { Fake } from '../../src/core/fake.js';
import { spawnCli } from '../helpers/cli.js';
import { allFileText, fastStore, sha256, testHome } from '../store/helpers.js';

describe('built CLI, store commands', () => {
  it('exit 2 with the fix for each error; a real add and list; no secret anywhere', async () => {
    const fake = new Fake('bin');
    const t = testHome();
    await fastStore(t);
    const before = sha256(t.paths.file);
    const [key, secret, pass] = [fake.uuid(), fake.upperHex(32), fake.alnum(16)];
    const outputs: string[] = [];
    const run = async (argv: string[], env: Record<string, string | undefined>, input?: string) => {
      const r = await spawnCli(argv, { cwd: t.home, env, ...(input === undefined ? {} : { input }) });
      outputs.push(r.stdout, r.stderr);
      return r;
    };

    const noPass = await run(['keys', 'list'], { KEYAUDIT_HOME: t.home });
    expect(noPass.code).toBe(2);
    expect(noPass.stderr).toMatch(/^keyaudit: cannot unlock the store: KEYAUDIT_PASSPHRASE is not set and stdin is not a terminal/);

    const missing = await run(['keys', 'add', 'okx-bot', '--exchange', 'okx', '--stdin'], t.env, `${key}\n${secret}\n`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing API passphrase for okx/);

    const wrong = await run(['keys', 'add', 'okx-bot', '--exchange', 'okx', '--stdin'], { ...t.env, KEYAUDIT_PASSPHRASE: 'a wrong passphrase' }, `${key}\n${secret}\n${pass}\n`);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/wrong passphrase/);
    expect(sha256(t.paths.file)).toBe(before);

    const added = await run(['keys', 'add', 'okx-bot', '--exchange', 'okx', '--stdin'], t.env, `${key}\n${secret}\n${pass}\n`);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const list = await run(['keys', 'list', '--format', 'json'], t.env);
    expect((JSON.parse(list.stdout) as { entries: { name: string; keyId: string }[] }).entries).toEqual([
      expect.objectContaining({ name: 'okx-bot', keyId: `${key.slice(0, 4)}…` }),
    ]);
    const all = [...outputs, allFileText(t.home)].join('\n');
    for (const s of [key, secret, pass]) expect(all).not.toContain(s);
  });
});
