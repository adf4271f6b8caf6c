import type { Command } from 'commander';
import { registerCheck } from './check.js';
import { registerRun } from './run.js';
import { registerMpnp } from './mpnp.js';
import { registerExtract } from './extract.js';
import { registerDiscover } from './discover.js';
import { registerMultiscale } from './multiscale.js';
import { registerBuild } from './build.js';
import { registerCompare } from './compare.js';
import { registerExport } from './export.js';
import { registerWorker } from './worker.js';
import { registerSweep } from './sweep.js';
import { registerMd } from './md.js';
import { registerImport } from './import.js';
import { registerFit } from './fit.js';

/** One entry per command module, in the order `ncm --help` lists them: each adds its subcommand. */
const COMMANDS: Readonly<Record<string, (program: Command) => void>> = {
  check: registerCheck,
  run: registerRun,
  mpnp: registerMpnp,
  extract: registerExtract,
  discover: registerDiscover,
  multiscale: registerMultiscale,
  build: registerBuild,
  compare: registerCompare,
  export: registerExport,
  worker: registerWorker,
  sweep: registerSweep,
  md: registerMd,
  import: registerImport,
  fit: registerFit,
};

/**
 * Adds the commands to the program: all of them, or, when `argv` (process.argv) names a command
 * first, only that one, and none for `--version`. Each registration builds commander objects for
 * every option: all fourteen cost about 15 ms of every start, and a command's parse, help and
 * errors do not depend on its siblings. `ncm --help`, `ncm help`, a misspelt command (whose
 * suggestion lists the others) and options before the command get every command.
 */
export function registerCommands(program: Command, argv?: readonly string[]): void {
  const first = argv?.[2];
  if (first === '--version' || first === '-V') return;
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return COMMANDS[first]!(program);
  for (const register of Object.values(COMMANDS)) register(program);
}
