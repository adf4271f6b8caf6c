/**
 * The `ncm` program: built fresh for each run (the entry, tests). Given the command line, it registers
 * only the command that runs (src/cli/commands.ts); without it, every command.
 */
import { Command, Option } from 'commander';
import { registerCommands } from './commands.js';
import { setProgressMode } from './progress.js';

export function createProgram(argv?: readonly string[]): Command {
  const program = new Command();
  program
    .name('ncm')
    .description('nanocircuit: nano-circuitry models of nanoslit supercapacitor electrodes')
    .version('0.1.0')
    .addOption(new Option('--progress <mode>', 'progress of long commands on stderr: auto (a bar on a terminal, a line per 10 % in logs after 2 s), bar, lines or none').env('NCM_PROGRESS').default('auto'))
    .hook('preAction', (root) => setProgressMode((root.opts() as { progress?: string }).progress));
  registerCommands(program, argv);
  return program;
}
