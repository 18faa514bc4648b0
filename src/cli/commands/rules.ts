/** `keyaudit rules`: every rule with id, default severity, what it checks and how to fix it. */
import type { Command } from 'commander';
import { allRules } from '../../../rules/index.js';
import { renderRulesJson, renderRulesMarkdown, renderRulesText } from '../../reporters/rules.js';
import { UsageError } from '../../core/errors.js';
import type { CommandContext, GlobalOptions } from '../io.js';
import { useColor } from '../io.js';
import { writeReportFile } from '../output.js';

export function registerRulesCommand(program: Command, ctx: CommandContext): void {
  program
    .command('rules')
    .description('list every rule: id, default severity, what it checks, how to fix')
    .addHelpText('after', '\nExamples:\n  $ keyaudit rules\n  $ keyaudit rules --format markdown -o docs/rules.md\n  $ keyaudit rules --format json')
    .action(async (_opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<GlobalOptions>();
      const metas = allRules.map((r) => r.meta);
      let content: string;
      if (opts.format === 'json') content = renderRulesJson(metas);
      else if (opts.format === 'markdown') content = renderRulesMarkdown(metas);
      else if (opts.format === 'text') content = renderRulesText(metas, useColor(ctx.io, opts));
      else throw new UsageError(`keyaudit rules supports --format text, json or markdown (got ${opts.format})`);
      if (opts.output === undefined) ctx.io.stdout.write(content);
      else await writeReportFile(ctx.io.cwd, opts.output, content);
      ctx.setExitCode(0);
    });
}
