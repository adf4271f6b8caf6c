import { Command, CommanderError } from 'commander';
import { NcmError, boundedMessage, formatDiagnostics, formatLocation } from '../diagnostics.js';
import { fileErrorMessage } from './fileErrors.js';

/** Exit codes: 0 success, 1 bad input or failed run, 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_USAGE = 2;

/**
 * Runs the program and turns every failure into a message and an exit code, never a stack trace
 * (set NCM_DEBUG=1 to see one for an internal error). Returns the exit code; the caller sets it.
 */
export async function runCli(program: Command, argv: string[]): Promise<number> {
  // Subcommands registered before this point do not inherit the override: apply it to every one.
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({ writeErr: (s) => process.stderr.write(s) });
    cmd.commands.forEach(override);
  };
  override(program);
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (e) {
    return reportError(e);
  }
}

export function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (e instanceof NcmError) {
    for (const line of formatDiagnostics(e.diagnostics)) process.stderr.write(line + '\n');
    const where = e.loc ? `${boundedMessage(formatLocation(e.loc))}: ` : '';
    if (e.message) process.stderr.write(`${where}error: ${boundedMessage(e.message)}\n`);
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  const fileError = fileErrorMessage(err);
  if (fileError) {
    process.stderr.write(`error: ${fileError}\n`);
    return EXIT_INPUT;
  }
  process.stderr.write(`internal error: ${err.message}\n(this is a bug in nanocircuit; run with NCM_DEBUG=1 for details)\n`);
  if (process.env.NCM_DEBUG) process.stderr.write(`${err.stack ?? ''}\n`);
  return EXIT_INPUT;
}
