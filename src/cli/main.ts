/** The `ncm` command line: a thin layer over the library. Each command lives in its own file. */
import { runCli } from './runCli.js';
import { createProgram } from './program.js';

process.exitCode = await runCli(createProgram(process.argv), process.argv);
