/** `keyaudit exchanges`: which exchanges keyaudit can audit, through which endpoint, with which facts. */
import type { Command } from 'commander';
import { UsageError } from '../../core/errors.js';
import type { CommandContext, GlobalOptions } from '../io.js';
import { writeReportFile } from '../output.js';

export function registerExchangesCommand(program: Command, ctx: CommandContext): void {
  program
    .command('exchanges')
    .description('list supported exchanges: support level, endpoint, facts and the permission a key needs')
    .addHelpText('after', '\nExamples:\n  $ keyaudit exchanges\n  $ keyaudit exchanges --format json\n  $ keyaudit exchanges --format markdown -o docs/exchanges.md')
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      // The catalog reads adapter metadata only; CCXT itself is not loaded.
      const { renderCatalogJson, renderCatalogMarkdown, renderCatalogText } = await import('../../exchanges/catalog.js');
      let content: string;
      if (opts.format === 'json') content = renderCatalogJson();
      else if (opts.format === 'markdown') content = renderCatalogMarkdown();
      else if (opts.format === 'text') content = renderCatalogText();
      else throw new UsageError(`keyaudit exchanges supports --format text, json or markdown (got ${opts.format})`);
      if (opts.output === undefined) ctx.io.stdout.write(content);
      else await writeReportFile(ctx.io.cwd, opts.output, content);
      ctx.setExitCode(0);
    });
}
