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

/** One line per command module: each adds its subcommand to the program. */
export function registerCommands(program: Command): void {
  registerCheck(program);
  registerRun(program);
  registerMpnp(program);
  registerExtract(program);
  registerDiscover(program);
  registerMultiscale(program);
  registerBuild(program);
  registerCompare(program);
  registerExport(program);
  registerWorker(program);
  registerSweep(program);
  registerMd(program);
  registerImport(program);
  registerFit(program);
}
