/**
 * Runs the `ncm` command line in-process, as `bin/ncm.js` does (same program, same error handling),
 * capturing what it writes and the exit code it would exit with. Spawning `tsx` costs ~3 s of CPU
 * per call; this costs milliseconds. Calls must not overlap (stdout and stderr are swapped while a
 * command runs), which holds within one test file: vitest runs a file's tests one after another.
 */
import { createProgram } from '../../src/cli/program.js';
import { runCli } from '../../src/cli/runCli.js';

export interface CliRun {
  /** The exit code `ncm` would exit with. */
  status: number;
  stdout: string;
  stderr: string;
}

export async function ncm(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write;
  const err = process.stderr.write;
  const exit = process.exit;
  const capture = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  // Progress lines (src/cli/progress.ts) would make stderr depend on the machine's speed: off unless
  // a test asks for them with --progress or NCM_PROGRESS.
  const progressEnv = process.env.NCM_PROGRESS;
  process.env.NCM_PROGRESS ??= 'none';
  process.stdout.write = capture((s) => (stdout += s));
  process.stderr.write = capture((s) => (stderr += s));
  // The CLI reports its exit code; a process.exit would end the test worker, so make it an error.
  process.exit = ((code?: number) => {
    throw new Error(`ncm ${args.join(' ')} called process.exit(${code ?? ''}): the CLI must return its exit code instead`);
  }) as typeof process.exit;
  let status: number;
  try {
    // the entry's own path: only the command that runs is registered (src/cli/commands.ts)
    const argv = ['node', 'ncm', ...args];
    status = await runCli(createProgram(argv), argv);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    process.exit = exit;
    if (progressEnv === undefined) delete process.env.NCM_PROGRESS;
    else process.env.NCM_PROGRESS = progressEnv;
  }
  return { status, stdout, stderr };
}
