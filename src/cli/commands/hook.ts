/**
 * `keyaudit hook install|uninstall`: the git pre-commit hook that runs `keyaudit scan --staged`.
 * Exit 0 when done; 2 (with what to do instead) when it was not done: outside git, a foreign hook
 * without --force, or a repository whose hooks belong to husky or the pre-commit framework.
 */
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandContext, GlobalOptions } from '../io.js';

export function registerHookCommand(program: Command, ctx: CommandContext): void {
  const hook = program
    .command('hook')
    .description('install or remove the git pre-commit hook that runs `keyaudit scan --staged`')
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit hook install              block commits that add a plaintext secret
  $ keyaudit hook install --force      keep an existing pre-commit hook and run it first
  $ keyaudit hook uninstall            remove the hook, restoring what was there before

Using husky or the pre-commit framework? install prints the line to add to their config instead.`,
    );

  hook
    .command('install')
    .description('write the pre-commit hook (honours core.hooksPath)')
    .option('--force', 'keep an existing foreign hook: it runs first, then keyaudit; uninstall restores it', false)
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit hook install            writes .git/hooks/pre-commit (or into core.hooksPath)
  $ keyaudit hook install --force    an existing hook is kept as pre-commit.keyaudit-chained and runs first

Exit 2 (nothing written) outside git, on a foreign hook without --force, and when husky or the
pre-commit framework manage the hooks (the message says what to add to their config).`,
    )
    .action(async (_opts: { force: boolean }, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions & { force: boolean }>();
      const { installHook } = await import('../../hooks/install.js');
      const result = await installHook({ cwd: ctx.io.cwd, env: ctx.io.env, force: opts.force });
      const where = path.relative(ctx.io.cwd, result.hookFile) || result.hookFile;
      if (!opts.quiet) {
        const lines =
          result.action === 'chained'
            ? [
                `keyaudit: pre-commit hook installed at ${where}; the hook that was there now runs first (kept as ${path.basename(result.chainedFile ?? '')}).`,
              ]
            : result.action === 'updated'
              ? [`keyaudit: pre-commit hook at ${where} was already keyaudit's; refreshed it.`]
              : [`keyaudit: pre-commit hook installed at ${where}.`];
        lines.push('  Every commit now runs `keyaudit scan --staged`; `keyaudit hook uninstall` removes it.');
        if (result.installedBin !== null && /[/\\]_npx[/\\]/.test(result.installedBin)) {
          // npx's cache can be cleared at any time; the hook then falls back to PATH or fails closed.
          lines.push('  Note: this keyaudit runs from the npx cache. Add it to the project (npm install --save-dev keyaudit) so the hook keeps finding it.');
        }
        ctx.io.stdout.write(`${lines.join('\n')}\n`);
      }
      ctx.setExitCode(0);
    });

  hook
    .command('uninstall')
    .description("remove keyaudit's pre-commit hook and restore the hook it replaced")
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit hook uninstall          removes the hook; a chained hook is put back byte-for-byte

Refuses (exit 2) to remove a pre-commit hook keyaudit did not write.`,
    )
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const { uninstallHook } = await import('../../hooks/install.js');
      const result = await uninstallHook({ cwd: ctx.io.cwd, env: ctx.io.env });
      const where = path.relative(ctx.io.cwd, result.hookFile) || result.hookFile;
      if (!opts.quiet) {
        const message =
          result.action === 'restored'
            ? `keyaudit: removed keyaudit's pre-commit hook and restored the previous one at ${where}.`
            : result.action === 'removed'
              ? `keyaudit: removed the pre-commit hook at ${where}.`
              : `keyaudit: no pre-commit hook at ${where}; nothing to do.`;
        ctx.io.stdout.write(`${message}\n`);
      }
      ctx.setExitCode(0);
    });
}
