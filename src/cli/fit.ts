/**
 * `ncm fit TEMPLATE.cir DATA... [--free rc,gamma] [--seed N] [--starts N] [--out DIR]`: a thin layer
 * over fitNetlist (src/fit/fit.ts): reads the template and the data, shows progress on a TTY,
 * writes the outputs (src/fit/writeFit.ts). Ctrl-C stops the fit, writes the best fit so far and
 * exits 130.
 */
import type { Command } from 'commander';
import type { SingleBar } from 'cli-progress';
import { InputError, NcmError, UsageError } from '../diagnostics.js';
import type { FitOutcome } from '../fit/fit.js';

export interface FitCliOptions {
  free?: string;
  seed?: string;
  starts?: string;
  out?: string;
}

function count(text: string | undefined, flag: string, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} ${text}: expected a whole number of ${min} or more`);
  return n;
}

export async function fitAction(template: string, dataFiles: string[], opts: FitCliOptions, log: (l: string) => void = (l) => process.stderr.write(l + '\n')): Promise<FitOutcome> {
  const seed = count(opts.seed, '--seed', 1, 0);
  const starts = count(opts.starts, '--starts', 8, 0);
  const [{ readFromDisk }, { parseNetlist }] = await Promise.all([import('../io/loadNetlist.js'), import('../netlist/parse.js')]);
  let text: string;
  try {
    text = readFromDisk(template);
  } catch (e) {
    throw new InputError(`cannot read template '${template}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
  const parsed = parseNetlist(text, { file: template });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new InputError(`${template}: ${errors.length} error(s) in the template`, { diagnostics: errors });
  // Loaded on use: the fit, its plots (vega) and the progress bar cost start-up time for every other command.
  const [{ fitNetlist }, { readDataSet }, { fitReportText }, { writeFitOutputs }, { default: cliProgress }] = await Promise.all([
    import('../fit/fit.js'), import('../fit/readDataSet.js'), import('../fit/report.js'), import('../fit/writeFit.js'), import('cli-progress'),
  ]);
  const data = dataFiles.map((f) => readDataSet(f));
  let stop = false;
  const onSigint = (): void => {
    stop = true;
    log('\ninterrupted: finishing the present step and writing the best fit so far (Ctrl-C again to abort)');
    process.off('SIGINT', onSigint);
  };
  process.on('SIGINT', onSigint);
  let bar: SingleBar | undefined;
  try {
    const outcome = await fitNetlist(parsed.ast, data, {
      ...(opts.free !== undefined ? { free: opts.free.split(',') } : {}),
      seed,
      starts,
      readFile: readFromDisk,
      shouldStop: () => stop,
      onProgress: (p) => {
        if (!process.stderr.isTTY) return;
        bar ??= new cliProgress.SingleBar({ format: ' fit {phase} run {run} it {iteration} [{bar}] SSE {sse} (best {best}) | {duration}s', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic);
        if (!bar.isActive) bar.start(60, 0, { phase: p.phase, run: p.run, iteration: p.iteration, sse: '-', best: '-' });
        bar.update(Math.min(60, p.iteration), { phase: p.phase, run: p.run, iteration: p.iteration, sse: p.sse.toPrecision(4), best: p.bestSse.toPrecision(4) });
      },
    });
    bar?.stop();
    const dir = opts.out ?? 'fit-out';
    const written = await writeFitOutputs(dir, outcome, parsed.ast, text, template);
    process.stdout.write(fitReportText(outcome));
    log(`wrote ${written.length} files to ${dir}/ (report.html, fit.txt, fit.json, the fitted netlist, per-data CSV and SVG)`);
    if (outcome.stopped) throw new NcmError(`interrupted: the best fit so far is in ${dir}/`, { exitCode: 130 });
    return outcome;
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
  }
}

export function registerFit(program: Command): void {
  program
    .command('fit')
    .description('fit a template netlist\'s .param values (.fit lines or --free) to measured CV, GCD and EIS data jointly; report errors, correlations, identifiability, NCM vs TLM')
    .argument('<template>', 'netlist whose .param values are the unknowns (.fit <param> <lo>..<hi> [log|lin])')
    .argument('<data...>', 'instrument files or the CSV written by ncm import (its JSON beside it)')
    .option('--free <names>', 'comma-separated parameters to fit (default: every .fit line)')
    .option('--seed <n>', 'seed of the space-filling design of starts (default 1)')
    .option('--starts <n>', 'design points screened besides the start read off the data (default 8)')
    .option('--out <dir>', 'output folder (default fit-out)')
    .action(async (template: string, data: string[], opts: FitCliOptions) => {
      await fitAction(template, data, opts);
    });
}
