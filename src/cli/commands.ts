import type { Command } from 'commander';

/** One line per command module: each adds its subcommand to the program. */
export function registerCommands(program: Command): void {
  void program;
}
