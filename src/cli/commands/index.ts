/**
 * Commands beyond scan and rules. Each registers itself here; a command is registered only when it
 * works. Command modules import their heavy dependencies lazily inside their actions.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../io.js';

export function registerExtraCommands(_program: Command, _ctx: CommandContext): void {
  // init / keys / store (encrypted store), exchanges, baseline and hook register here.
}
