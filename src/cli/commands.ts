import type { Command } from 'commander';
import { registerExtract } from './extract.js';
import { registerDiscover } from './discover.js';

/** One line per command module: each adds its subcommand to the program. */
export function registerCommands(program: Command): void {
  registerExtract(program);
  registerDiscover(program);
}
