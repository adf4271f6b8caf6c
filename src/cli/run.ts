/** `ncm run <netlist> [--out <dir>]`: run every analysis, write CSV/JSON/SVG, print a summary. */
import type { Command } from 'commander';
import type { SingleBar } from 'cli-progress';
import { basename, extname, join } from 'node:path';
import { formatDiagnostic, NcmError } from '../diagnostics.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run every analysis of a netlist; write per analysis a CSV of waveforms, a JSON of measures and SVG plots')
    .argument('<netlist>', 'netlist file')
    .option('-o, --out <dir>', 'output folder (default: out/<netlist name>)')
    .option('--step <spec>', 'sweep a .param: name=start:stop:step or name=v1,v2,... (repeat for a grid; replaces the netlist .step lines)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--no-plots', 'write the CSV and JSON files only (no SVG plots)')
    .option('--threads <n>', 'worker threads for a sweep (default: every core)', (v: string) => Number.parseInt(v, 10))
    .option('--queue <url>', 'run the sweep on the workers of a Redis queue (ncm worker): redis://[:password@]host:port[/db] or rediss://...')
    .option('--chunk <n>', 'with --queue: sweep points per queue job (default 1; raise it for runs of a few ms)')
    .option('--attempts <n>', 'with --queue: starts of a point whose worker dies before it is recorded as failed (default 3)')
    .exitOverride()
    .action(async (file: string, opts: { out?: string; plots: boolean; step: string[]; threads?: number; queue?: string; chunk?: string; attempts?: string }) => {
      // The library loads on use (docs/architecture.md, "Commands"): `ncm --version` does not pay for it.
      const [{ runNetlistFile }, { writeRunOutputs }, { formatRunSummary }, { hasStep }, { runSweepCommand }, { SingleBar, Presets }] = await Promise.all([
        import('../io/runNetlistFile.js'), import('../io/writeRun.js'), import('../io/runSummary.js'), import('../sweep/plan.js'), import('./sweepRun.js'), import('cli-progress'),
      ]);
      const out = opts.out ?? join('out', basename(file, extname(file)));
      if (opts.queue !== undefined) {
        if (!(opts.step.length > 0 || hasStep(file))) throw new NcmError(`--queue runs sweeps: ${file} has no .step lines and no --step was given`, { exitCode: 2 });
        const { runQueuedSweepCommand } = await import('./sweepQueue.js'); // the queue client loads only for --queue
        return runQueuedSweepCommand(file, out, opts.step, { queue: opts.queue, ...(opts.chunk !== undefined ? { chunk: opts.chunk } : {}), ...(opts.attempts !== undefined ? { attempts: opts.attempts } : {}) });
      }
      if (opts.step.length > 0 || hasStep(file)) return runSweepCommand(file, out, opts.step, opts.threads);
      const progress = progressReporter(() => new SingleBar({ format: ' {what} [{bar}] {percentage}% | {duration}s', stream: process.stderr, hideCursor: true }, Presets.shades_classic));
      let run;
      try {
        run = runNetlistFile(file, { onProgress: progress.update });
      } finally {
        progress.stop();
      }
      for (const d of run.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      const files = await writeRunOutputs(run, out, { plots: opts.plots });
      process.stdout.write(formatRunSummary(run) + '\n');
      process.stdout.write(`\nwrote ${files.length} files to ${out}/: ${files.join(', ')}\n`);
    });
}

/** A progress bar on a terminal for runs longer than a second; silent otherwise. */
function progressReporter(newBar: () => SingleBar): { update: (f: number, what: string) => void; stop: () => void } {
  const start = Date.now();
  let bar: SingleBar | undefined;
  let last = 0;
  return {
    update: (f, what) => {
      if (!process.stderr.isTTY) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      if (!bar) {
        if (now - start < 1000) return;
        bar = newBar();
        bar.start(100, 0, { what });
      }
      bar.update(Math.round(f * 100), { what });
    },
    stop: () => bar?.stop(),
  };
}
