/**
 * `keyaudit keys add|list|remove|rotate|import`: manage the credentials in the encrypted store.
 * Secrets come from no-echo prompts, stdin or a .env file, never from flags; output shows masked key
 * ids (first 4 characters) and never a secret. Store code is imported inside the actions.
 */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import { maskSecret } from '../../core/mask.js';
import type { CommandContext, GlobalOptions } from '../io.js';

async function store() {
  const [files, storeMod, passphrase, input] = await Promise.all([
    import('../../store/files.js'),
    import('../../store/store.js'),
    import('../../store/passphrase.js'),
    import('../../store/input.js'),
  ]);
  return { ...files, ...storeMod, ...passphrase, ...input, maskSecret };
}

type StoreMods = Awaited<ReturnType<typeof store>>;

/** Unlocks the store, asking for the passphrase only once the store is known to exist. */
async function unlock(ctx: CommandContext, s: StoreMods) {
  const paths = s.storePaths(ctx.io.env);
  return s.UnlockedStore.unlock(paths, () => s.unlockPassphrase(ctx.io));
}

function info(ctx: CommandContext, opts: GlobalOptions, text: string): void {
  if (!opts.quiet) ctx.io.stdout.write(text);
}

export function registerKeysCommand(program: Command, ctx: CommandContext): void {
  const keys = program
    .command('keys')
    .description('manage exchange credentials in the encrypted store')
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit keys add main-bot --exchange binance        asks for the key and secret (no echo)
  $ printf '%s\\n' "$KEY" "$SECRET" "$PASS" | keyaudit keys add okx-bot --exchange okx --stdin
  $ keyaudit keys list --format json
  $ keyaudit keys rotate main-bot
  $ keyaudit keys import .env --remove-from-env

The store passphrase comes from a terminal prompt or KEYAUDIT_PASSPHRASE.`,
    );

  keys
    .command('add')
    .description('add credentials for an account (asks only the fields the exchange needs)')
    .addHelpText('after', `\nExamples:\n  $ keyaudit keys add main-bot --exchange binance\n  $ printf '%s\\n' "$KEY" "$SECRET" | keyaudit keys add main-bot --exchange binance --stdin`)
    .argument('<name>', 'entry name = the account name in your config')
    .requiredOption('-e, --exchange <id>', 'CCXT exchange id (binance, okx, kraken, …)')
    .option('--stdin', 'read the fields from stdin, one per line (key, secret[, passphrase]), instead of prompting')
    .action(async (name: string, cmdOpts: { exchange: string; stdin?: boolean }, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const s = await store();
      s.checkEntryName(name);
      await s.checkExchangeId(cmdOpts.exchange);
      const unlocked = await unlock(ctx, s);
      try {
        if (unlocked.find(name) !== undefined) throw new UsageError(`the store already has an entry named "${name}"; use \`keyaudit keys rotate ${name}\` to replace its credentials.`);
        const credentials = cmdOpts.stdin === true ? s.parseStdinCredentials(await s.readAllStdin(ctx.io.stdin), cmdOpts.exchange) : await s.promptCredentials(ctx.io, cmdOpts.exchange);
        const now = new Date().toISOString();
        await unlocked.update((entries) => {
          if (entries.some((e) => e.name === name)) throw new UsageError(`the store already has an entry named "${name}" (added meanwhile); nothing was changed.`);
          return [...entries, { name, exchange: cmdOpts.exchange, credentials, addedAt: now, rotatedAt: null }];
        });
        info(ctx, opts, `Added "${name}" (${cmdOpts.exchange}, key ${s.maskSecret(credentials.apiKey)}) to ${unlocked.paths.file}.\n`);
      } finally {
        unlocked.close();
      }
      ctx.setExitCode(0);
    });

  keys
    .command('list')
    .description('list stored entries: name, exchange, added, rotated, masked key id (never a secret)')
    .addHelpText('after', `\nExamples:\n  $ keyaudit keys list\n  $ keyaudit keys list --format json`)
    .action(async (_cmdOpts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError(`keyaudit keys list supports --format text or json (got ${opts.format})`);
      const s = await store();
      const unlocked = await unlock(ctx, s);
      let rows: { name: string; exchange: string; addedAt: string; rotatedAt: string | null; keyId: string }[];
      try {
        rows = unlocked.entries.map((e) => ({ name: e.name, exchange: e.exchange, addedAt: e.addedAt, rotatedAt: e.rotatedAt, keyId: s.maskSecret(e.credentials.apiKey) }));
      } finally {
        unlocked.close();
      }
      if (opts.format === 'json') {
        ctx.io.stdout.write(`${JSON.stringify({ schemaVersion: 1, store: unlocked.paths.file, entries: rows }, null, 2)}\n`);
      } else if (rows.length === 0) {
        ctx.io.stdout.write(`The store at ${unlocked.paths.file} is empty. Add keys with: keyaudit keys add <name> --exchange <ccxt-id>\n`);
      } else {
        const table = [['NAME', 'EXCHANGE', 'ADDED', 'ROTATED', 'KEY'], ...rows.map((r) => [r.name, r.exchange, r.addedAt.slice(0, 10), r.rotatedAt?.slice(0, 10) ?? '-', r.keyId])];
        const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => Array.from(row[c] ?? '').length)));
        for (const row of table) ctx.io.stdout.write(`${row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c] ?? 0))).join('  ')}\n`);
      }
      ctx.setExitCode(0);
    });

  keys
    .command('remove')
    .description('remove an entry from the store')
    .addHelpText('after', `\nExamples:\n  $ keyaudit keys remove old-bot`)
    .argument('<name>', 'entry name')
    .action(async (name: string, _cmdOpts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const s = await store();
      const unlocked = await unlock(ctx, s);
      try {
        await unlocked.update((entries) => {
          if (!entries.some((e) => e.name === name)) throw new UsageError(`the store has no entry named "${name.slice(0, 80)}" (\`keyaudit keys list\` shows the names); nothing was changed.`);
          return entries.filter((e) => e.name !== name);
        });
      } finally {
        unlocked.close();
      }
      info(ctx, opts, `Removed "${name}" from the store. Revoke the key on the exchange too if it is no longer used.\n`);
      ctx.setExitCode(0);
    });

  keys
    .command('rotate')
    .description('replace an entry\'s credentials with a new key and record the rotation date')
    .addHelpText('after', `\nExamples:\n  $ keyaudit keys rotate main-bot\n  $ printf '%s\\n' "$NEW_KEY" "$NEW_SECRET" | keyaudit keys rotate main-bot --stdin`)
    .argument('<name>', 'entry name')
    .option('--stdin', 'read the new fields from stdin, one per line, instead of prompting')
    .action(async (name: string, cmdOpts: { stdin?: boolean }, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const s = await store();
      const unlocked = await unlock(ctx, s);
      try {
        const entry = unlocked.find(name);
        if (entry === undefined) throw new UsageError(`the store has no entry named "${name.slice(0, 80)}" (\`keyaudit keys list\` shows the names); nothing was changed.`);
        const credentials = cmdOpts.stdin === true ? s.parseStdinCredentials(await s.readAllStdin(ctx.io.stdin), entry.exchange) : await s.promptCredentials(ctx.io, entry.exchange);
        const now = new Date().toISOString();
        await unlocked.update((entries) => {
          const current = entries.find((e) => e.name === name);
          if (current === undefined) throw new UsageError(`the entry "${name}" was removed meanwhile; nothing was changed.`);
          if (JSON.stringify(current.credentials) === JSON.stringify(credentials)) {
            throw new UsageError(`the new credentials for "${name}" are the same as the stored ones; create a new key on the exchange first. Nothing was changed.`);
          }
          return entries.map((e) => (e.name === name ? { ...e, credentials, rotatedAt: now } : e));
        });
        info(ctx, opts, `Rotated "${name}" (${entry.exchange}, new key ${s.maskSecret(credentials.apiKey)}). Delete the old key on the exchange.\n`);
      } finally {
        unlocked.close();
      }
      ctx.setExitCode(0);
    });

  keys
    .command('import')
    .description('move exchange credentials found in a .env file into the store')
    .addHelpText('after', `\nExamples:\n  $ keyaudit keys import .env --dry-run\n  $ keyaudit keys import .env --remove-from-env`)
    .argument('<file>', 'the .env file')
    .option('--remove-from-env', 'after storing and verifying, rewrite the file without the imported lines')
    .option('--dry-run', 'only show what would be imported')
    .action(async (file: string, cmdOpts: { removeFromEnv?: boolean; dryRun?: boolean }, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const { runImport } = await import('../../store/import.js');
      await runImport(ctx, file, { removeFromEnv: cmdOpts.removeFromEnv === true, dryRun: cmdOpts.dryRun === true, quiet: opts.quiet });
      ctx.setExitCode(0);
    });
}
