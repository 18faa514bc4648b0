/**
 * Commands beyond scan and rules. Each registers itself here; a command is registered only when it
 * works. Command modules import their heavy dependencies lazily inside their actions.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../io.js';
import { registerBaselineCommand } from './baseline.js';

export function registerExtraCommands(program: Command, ctx: CommandContext): void {
  registerBaselineCommand(program, ctx);
  // init / keys / store (encrypted store), exchanges, baseline and hook register here.
}
