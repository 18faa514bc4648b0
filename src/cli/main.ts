/**
 * The keyaudit program: parses arguments, runs one command, returns the exit code. It never calls
 * process.exit and writes only through `io`; bin/keyaudit.js is the only place that touches the
 * process. Commands are imported lazily so `scan --staged` never loads CCXT or the store.
 */
import { Command, CommanderError, Option } from 'commander';
import { KeyauditError } from '../core/errors.js';
import { VERSION } from '../version.js';
import type { CliIO, CommandContext, ExitCode } from './io.js';
import { registerScanCommand } from './commands/scan.js';
import { registerRulesCommand } from './commands/rules.js';
import { registerExtraCommands } from './commands/index.js';

export function buildProgram(ctx: CommandContext): Command {
  const program = new Command('keyaudit');
  program
    .description('Audit exchange API keys (can they withdraw? are they IP-whitelisted?) and find plaintext secrets before they leak.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addOption(new Option('-c, --config <file>', 'config file (JSON or YAML; default: search .keyauditrc*, package.json#keyaudit)'))
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'sarif', 'html', 'markdown']).default('text'))
    .addOption(new Option('-o, --output <file>', 'write the report to a file instead of stdout'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices(['critical', 'high', 'medium', 'low', 'info', 'never']).default('high'))
    .option('--allow-unknown', 'do not fail on keys whose permissions could not be verified', false)
    .option('-q, --quiet', 'print only findings and errors', false)
    .option('-v, --verbose', 'print more detail (never secrets)', false)
    .option('--no-color', 'disable colour (also honours NO_COLOR)')
    .option('--no-progress', 'never show progress lines')
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      outputError: (s, write) => write(`keyaudit: ${s.replace(/^error: /, '')}`),
    })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  $ keyaudit scan --demo                 offline demo: fake exchange + planted secrets
  $ keyaudit scan                        audit configured keys and scan this directory
  $ keyaudit scan --no-keys src/ .env    only look for plaintext secrets
  $ keyaudit scan --format sarif -o keyaudit.sarif
  $ keyaudit rules                       list every rule

Exit codes: 0 nothing at or above --fail-on, 1 findings (or unverifiable keys), 2 the run could not be done.
Docs: https://github.com/keyaudit/keyaudit#readme`,
    );
  registerScanCommand(program, ctx);
  registerRulesCommand(program, ctx);
  registerExtraCommands(program, ctx);
  return program;
}

/** Runs keyaudit with the given IO and returns the exit code. */
export async function run(io: CliIO): Promise<ExitCode> {
  let exitCode: ExitCode = 0;
  const ctx: CommandContext = {
    io,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...io.argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: CliIO): ExitCode {
  if (error instanceof CommanderError) {
    // --help and --version end here with code 0; parse errors were already printed by commander.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
    if (error.exitCode === 0) return 0;
    return 2;
  }
  if (error instanceof KeyauditError) {
    io.stderr.write(`keyaudit: ${error.message}\n`);
    return 2;
  }
  // An internal error: say so plainly, with no stack trace (it could hold data from the scan).
  const name = error instanceof Error ? error.name : 'Error';
  io.stderr.write(
    `keyaudit: internal error (${name}). Nothing was reported as safe. Please report this at https://github.com/keyaudit/keyaudit/issues with the command you ran; set KEYAUDIT_DEBUG=1 to see the stack trace.\n`,
  );
  if (io.env.KEYAUDIT_DEBUG === '1' && error instanceof Error && error.stack !== undefined) {
    io.stderr.write(`${redactStack(error.stack)}\n`);
  }
  return 2;
}

/** Stack frames only: the message line could carry input data, so it is dropped. */
function redactStack(stack: string): string {
  return stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
