/** `keyaudit store passwd|destroy`: re-key or wipe the encrypted store. */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { CommandContext, GlobalOptions } from '../io.js';

export function registerStoreCommand(program: Command, ctx: CommandContext): void {
  const store = program
    .command('store')
    .description('change the store passphrase or wipe the store')
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit store passwd            asks for the current and the new passphrase
  $ keyaudit store destroy           asks you to type "destroy"
  $ keyaudit store destroy --yes     for scripts

Scripts may give the current passphrase in KEYAUDIT_PASSPHRASE and the new one in KEYAUDIT_NEW_PASSPHRASE.`,
    );

  store
    .command('passwd')
    .description('change the passphrase (re-encrypts the store with a new salt)')
    .addHelpText('after', `\nExamples:\n  $ keyaudit store passwd\n  $ KEYAUDIT_PASSPHRASE=old KEYAUDIT_NEW_PASSPHRASE=new keyaudit store passwd`)
    .action(async (_cmdOpts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const { storePaths } = await import('../../store/files.js');
      const { UnlockedStore } = await import('../../store/store.js');
      const { unlockPassphrase, newPassphrase, NEW_PASSPHRASE_ENV } = await import('../../store/passphrase.js');
      const { DEFAULT_KDF_PARAMS } = await import('../../store/format.js');
      const unlocked = await UnlockedStore.unlock(storePaths(ctx.io.env), () => unlockPassphrase(ctx.io));
      try {
        const next = await newPassphrase(ctx.io, NEW_PASSPHRASE_ENV, 'set the new passphrase');
        // Re-keying is also how stores move to stronger parameters: never weaker than today's defaults.
        const cur = unlocked.kdfParams;
        await unlocked.changePassphrase(next, { N: Math.max(cur.N, DEFAULT_KDF_PARAMS.N), r: Math.max(cur.r, DEFAULT_KDF_PARAMS.r), p: Math.max(cur.p, DEFAULT_KDF_PARAMS.p) });
      } finally {
        unlocked.close();
      }
      if (!opts.quiet) ctx.io.stdout.write(`Changed the passphrase of ${unlocked.paths.file} (re-encrypted with a new salt). Backups made before this still open with the old passphrase.\n`);
      ctx.setExitCode(0);
    });

  store
    .command('destroy')
    .description('delete the store and every credential in it')
    .addHelpText('after', `\nExamples:\n  $ keyaudit store destroy\n  $ keyaudit store destroy --yes`)
    .option('-y, --yes', 'do not ask for confirmation (scripts)')
    .action(async (cmdOpts: { yes?: boolean }, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const { storePaths, storeExists } = await import('../../store/files.js');
      const { destroyStore } = await import('../../store/store.js');
      const { canPrompt, readFromTerminal } = await import('../../store/prompt.js');
      const paths = storePaths(ctx.io.env);
      if (!(await storeExists(paths))) {
        if (!opts.quiet) ctx.io.stdout.write(`No store at ${paths.file}; nothing to destroy.\n`);
        ctx.setExitCode(0);
        return;
      }
      if (cmdOpts.yes !== true) {
        if (!canPrompt(ctx.io)) throw new UsageError('refusing to destroy the store without confirmation: stdin is not a terminal. Pass --yes to confirm.');
        const answer = await readFromTerminal(ctx.io, `This deletes ${paths.file} and every credential in it. Type "destroy" to confirm: `, { echo: true });
        if (answer.trim() !== 'destroy') throw new UsageError('not confirmed; the store was not changed.');
      }
      await destroyStore(paths);
      if (!opts.quiet) ctx.io.stdout.write(`Destroyed the store at ${paths.file}. Copies in backups still exist; the keys themselves stay valid until you revoke them on the exchanges.\n`);
      ctx.setExitCode(0);
    });
}
