/** The `ncm` program with every command registered: built fresh for each run (the entry, tests). */
import { Command } from 'commander';
import { registerCommands } from './commands.js';

export function createProgram(): Command {
  const program = new Command();
  program
    .name('ncm')
    .description('nanocircuit: nano-circuitry models of nanoslit supercapacitor electrodes')
    .version('0.1.0');
  registerCommands(program);
  return program;
}
