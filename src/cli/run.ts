/** `ncm run <netlist> [--out <dir>]`: run every analysis, write CSV/JSON/SVG, print a summary. */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import { formatDiagnostics, NcmError } from '../diagnostics.js';
import { WAVEFORM_FORMATS, type WaveformFormat } from '../io/waveformFormats.js';
import { createProgress } from './progress.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run every analysis of a netlist; write per analysis a CSV of waveforms, a JSON of measures and SVG plots')
    .argument('<netlist>', 'netlist file')
    .option('-o, --out <dir>', 'output folder (default: out/<netlist name>)')
    .option('--format <format>', `waveform files: ${WAVEFORM_FORMATS.join(', ')} (ngspice raw files, binary or ASCII)`, 'csv')
    .option('--step <spec>', 'sweep a .param: name=start:stop:step or name=v1,v2,... (repeat for a grid; replaces the netlist .step lines)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--html', 'also write report.html: the summary and every plot, interactive (vega-embed inlined, opens offline)')
    .option('--no-plots', 'write the CSV and JSON files only (no SVG plots)')
    .option('--resume', 'sweeps: continue an interrupted sweep (Ctrl-C) from <out>/sweep-partial.json, running only the points that did not finish')
    .option('--point-timeout <seconds>', 'sweeps: stop a point that runs longer than this and record it as failed (default 3600)')
    .option('--threads <n>', 'worker threads for a sweep (default: every core)', (v: string) => Number.parseInt(v, 10))
    .option('--queue <url>', 'run the sweep on the workers of a Redis queue (ncm worker): redis://[:password@]host:port[/db] or rediss://...')
    .option('--chunk <n>', 'with --queue: sweep points per queue job (default 1; raise it for runs of a few ms)')
    .option('--attempts <n>', 'with --queue: starts of a point whose worker dies before it is recorded as failed (default 3)')
    .exitOverride()
    .action(async (file: string, opts: { out?: string; format: string; plots: boolean; step: string[]; html?: boolean; resume?: boolean; pointTimeout?: string; threads?: number; queue?: string; chunk?: string; attempts?: string }) => {
      // The library loads on use (docs/architecture.md, "Commands"): `ncm --version` does not pay for it.
      const [{ runNetlistFile }, { writeRunOutputs }, { formatRunSummary }, { hasStep }] = await Promise.all([
        import('../io/runNetlistFile.js'), import('../io/writeRun.js'), import('../io/runSummary.js'), import('../sweep/plan.js'),
      ]);
      const out = opts.out ?? join('out', basename(file, extname(file)));
      const format = waveformFormat(opts.format);
      if (opts.queue !== undefined) {
        if (!(opts.step.length > 0 || hasStep(file))) throw new NcmError(`--queue runs sweeps: ${file} has no .step lines and no --step was given`, { exitCode: 2 });
        // A queued sweep survives on Redis (ncm sweep collect) and its workers set their own limits.
        if (opts.resume || opts.pointTimeout !== undefined) throw new NcmError(`${opts.resume ? '--resume' : '--point-timeout'} is for sweeps on this machine; a --queue sweep keeps its results on Redis: collect them with ncm sweep collect`, { exitCode: 2 });
        const { runQueuedSweepCommand } = await import('./sweepQueue.js'); // the queue client loads only for --queue
        return runQueuedSweepCommand(file, out, opts.step, { queue: opts.queue, html: opts.html === true, ...(opts.chunk !== undefined ? { chunk: opts.chunk } : {}), ...(opts.attempts !== undefined ? { attempts: opts.attempts } : {}) });
      }
      if (opts.step.length > 0 || hasStep(file)) {
        const pointTimeout = opts.pointTimeout === undefined ? undefined : Number(opts.pointTimeout);
        if (pointTimeout !== undefined && !(pointTimeout > 0)) throw new NcmError(`--point-timeout: expected a positive number of seconds, got '${opts.pointTimeout}'`, { exitCode: 2 });
        // the sweep runner (and piscina, about 60 ms and 10 MiB to load) only for sweeps
        const { runSweepCommand } = await import('./sweepRun.js');
        return runSweepCommand(file, out, opts.step, opts.threads, { html: opts.html === true, ...(opts.resume ? { resume: true } : {}), ...(pointTimeout !== undefined ? { pointTimeout } : {}) });
      }
      if (opts.resume) throw new NcmError(`--resume continues an interrupted sweep: ${file} has no .step lines and no --step was given`, { exitCode: 2 });
      const progress = createProgress();
      let run;
      try {
        run = runNetlistFile(file, { onProgress: (f, what) => progress.update(f, what) });
      } finally {
        progress.stop();
      }
      for (const line of formatDiagnostics(run.diagnostics)) process.stderr.write(line + '\n');
      const sens = run.sensitivity;
      const files = await writeRunOutputs(run, out, { format, plots: opts.plots, html: opts.html === true, ...(sens ? { extra: sens.files } : {}) });
      process.stdout.write(formatRunSummary(run) + '\n');
      if (sens) process.stdout.write(sens.summary.join('\n') + '\n');
      process.stdout.write(`\nwrote ${files.length} files to ${out}/: ${files.join(', ')}\n`);
    });
}

function waveformFormat(f: string): WaveformFormat {
  if ((WAVEFORM_FORMATS as readonly string[]).includes(f)) return f as WaveformFormat;
  throw new NcmError(`--format: unknown format '${f}': expected ${WAVEFORM_FORMATS.join(', ')}`, { exitCode: 2 });
}
