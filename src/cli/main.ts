/** The `ncm` command line: a thin layer over the library. Each command lives in its own file. */
import { Command, CommanderError } from 'commander';
import { runCli } from './runCli.js';
import { registerCommands } from './commands.js';

const program = new Command();
program
  .name('ncm')
  .description('nanocircuit: nano-circuitry models of nanoslit supercapacitor electrodes')
  .version('0.1.0');
registerCommands(program);

await runCli(program, process.argv).catch((e: unknown) => {
  if (!(e instanceof CommanderError)) throw e;
});
