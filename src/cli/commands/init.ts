/** `keyaudit init`: creates the encrypted local store (docs/store.md). */
import type { Command } from 'commander';
import { StoreError } from '../../core/errors.js';
import type { CommandContext, GlobalOptions } from '../io.js';

export function registerInitCommand(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .description('create the encrypted local credential store ($KEYAUDIT_HOME, default ~/.keyaudit)')
    .addHelpText(
      'after',
      `
The passphrase is asked twice on the terminal (at least 12 characters), or taken from
KEYAUDIT_PASSPHRASE when set. It is never accepted as a flag.

Examples:
  $ keyaudit init
  $ keyaudit keys add main-bot --exchange binance`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      // Loaded here so other commands never load the store's code.
      const { storePaths, storeExists } = await import('../../store/files.js');
      const { createStore } = await import('../../store/store.js');
      const { newPassphrase, PASSPHRASE_ENV } = await import('../../store/passphrase.js');
      const { DEFAULT_KDF_PARAMS } = await import('../../store/format.js');
      const paths = storePaths(ctx.io.env);
      if (await storeExists(paths)) {
        throw new StoreError(`a store already exists at ${paths.file}; nothing was changed. (\`keyaudit store passwd\` changes its passphrase, \`keyaudit store destroy\` removes it.)`);
      }
      const passphrase = await newPassphrase(ctx.io, PASSPHRASE_ENV, 'create the store');
      await createStore(paths, passphrase);
      if (!opts.quiet) {
        ctx.io.stdout.write(
          `Created the encrypted store at ${paths.file} (scrypt N=2^${Math.log2(DEFAULT_KDF_PARAMS.N)}, r=${DEFAULT_KDF_PARAMS.r}, p=${DEFAULT_KDF_PARAMS.p}; XSalsa20-Poly1305).\n` +
            `Next: keyaudit keys add <name> --exchange <ccxt-id>   (or keyaudit keys import .env)\n` +
            `Back up the file and remember the passphrase: without it the store cannot be opened.\n`,
        );
      }
      ctx.setExitCode(0);
    });
}
