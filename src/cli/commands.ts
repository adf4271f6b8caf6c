import type { Command } from 'commander';
import { registerMpnp } from './mpnp.js';

/** One line per command module: each adds its subcommand to the program. */
export function registerCommands(program: Command): void {
  registerMpnp(program);
}
