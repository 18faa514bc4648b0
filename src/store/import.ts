/**
 * `keys import <.env>`'s I/O half: read the file, show what will be imported (masked), store it,
 * verify by decrypting the written store, and only then — with --remove-from-env — rewrite the .env
 * without the imported assignments, atomically, keeping every other byte.
 */
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import { StoreError, UsageError } from '../core/errors.js';
import { maskSecret } from '../core/mask.js';
import type { CommandContext } from '../cli/io.js';
import { parseEnvFile, planImport, removeAssignments } from './dotenv.js';
import { storePaths, writeFileAtomic } from './files.js';
import { unlockPassphrase } from './passphrase.js';
import { UnlockedStore } from './store.js';
import type { CredentialField } from './exchange-fields.js';

export interface ImportOptions {
  removeFromEnv: boolean;
  dryRun: boolean;
  quiet: boolean;
}

const FIELD_ORDER: CredentialField[] = ['apiKey', 'secret', 'password', 'uid', 'privateKey'];

export async function runImport(ctx: CommandContext, file: string, options: ImportOptions): Promise<void> {
  const out = (text: string) => {
    if (!options.quiet) ctx.io.stdout.write(text);
  };
  const target = resolve(ctx.io.cwd, file);
  let real: string;
  let original: string;
  try {
    // Write back to the real file, not over a symlink pointing at it.
    real = await fs.realpath(target);
    original = await fs.readFile(real, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'I/O error'}`);
  }
  const env = parseEnvFile(original);
  const plan = planImport(env);

  for (const s of plan.skipped) out(`  skipped ${s.name} (${s.variables.join(', ')}): ${s.reason}\n`);
  if (plan.candidates.length === 0) {
    out(`No complete exchange credentials found in ${file}; nothing was imported.\n`);
    return;
  }
  out(`${options.dryRun ? 'Would import' : 'Importing'} from ${file}:\n`);
  for (const c of plan.candidates) {
    const shown = FIELD_ORDER.filter((f) => c.variables[f] !== undefined).map((f) => `${c.variables[f]}=${maskSecret(c.credentials[f] ?? '')}`);
    out(`  ${c.name} (${c.exchange}): ${shown.join(', ')}\n`);
  }
  if (options.dryRun) return;

  const store = await UnlockedStore.unlock(storePaths(ctx.io.env), () => unlockPassphrase(ctx.io));
  try {
    const conflicts = plan.candidates.filter((c) => store.find(c.name) !== undefined).map((c) => c.name);
    if (conflicts.length > 0) {
      throw new UsageError(
        `the store already has ${conflicts.map((n) => `"${n}"`).join(', ')}; nothing was imported. Use \`keyaudit keys rotate <name>\` or \`keys remove <name>\` first.`,
      );
    }
    const now = new Date().toISOString();
    // update() writes atomically, then re-reads the file and decrypts it, failing if it differs.
    await store.update((entries) => {
      const clash = plan.candidates.find((c) => entries.some((e) => e.name === c.name));
      if (clash !== undefined) throw new UsageError(`the store gained an entry "${clash.name}" meanwhile; nothing was imported.`);
      return [...entries, ...plan.candidates.map((c) => ({ name: c.name, exchange: c.exchange, credentials: c.credentials, addedAt: now, rotatedAt: null }))];
    });
    for (const c of plan.candidates) {
      if (store.find(c.name) === undefined) throw new StoreError(`verification failed: "${c.name}" is not in the written store; ${file} was not changed.`);
    }
  } finally {
    store.close();
  }
  out(`Stored and verified ${plan.candidates.length} entr${plan.candidates.length === 1 ? 'y' : 'ies'} in ${store.paths.file}.\n`);

  if (!options.removeFromEnv) {
    out(`The credentials are still in ${file}: run again with --remove-from-env, or delete those lines yourself.\n`);
    return;
  }
  const names = new Set(plan.candidates.flatMap((c) => Object.values(c.variables).filter((v): v is string => v !== undefined)));
  let now: string;
  let mode: number;
  try {
    now = await fs.readFile(real, 'utf8');
    mode = (await fs.stat(real)).mode & 0o777;
  } catch (error) {
    throw new UsageError(`cannot re-read ${file} (${(error as NodeJS.ErrnoException).code ?? 'I/O error'}); the credentials are stored, remove the lines yourself.`);
  }
  if (now !== original) {
    throw new UsageError(`${file} changed while importing, so it was not rewritten; the credentials are stored, remove the lines yourself.`);
  }
  await writeFileAtomic(real, removeAssignments(env, names), mode);
  out(`Removed ${names.size} variable${names.size === 1 ? '' : 's'} from ${file}; everything else in it is unchanged.\n`);
}
