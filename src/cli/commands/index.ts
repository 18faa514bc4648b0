/**
 * Commands beyond scan and rules. Each registers itself here; a command is registered only when it
 * works. Command modules import their heavy dependencies lazily inside their actions.
 */
import type { Command } from 'commander';
import type { CommandContext } from '../io.js';
import { registerBaselineCommand } from './baseline.js';
import { registerExchangesCommand } from './exchanges.js';
import { registerHookCommand } from './hook.js';
import { registerInitCommand } from './init.js';
import { registerKeysCommand } from './keys.js';
import { registerStoreCommand } from './store.js';

export function registerExtraCommands(program: Command, ctx: CommandContext): void {
  registerBaselineCommand(program, ctx);
  registerExchangesCommand(program, ctx);
  registerHookCommand(program, ctx);
  registerInitCommand(program, ctx);
  registerKeysCommand(program, ctx);
  registerStoreCommand(program, ctx);
  // init / keys / store (encrypted store), exchanges, baseline and hook register here.
}
