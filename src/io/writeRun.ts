/**
 * Writes the results of a run into a folder, whole or not at all: per analysis `<name>.csv`
 * (waveforms), `<name>.json` (measures and statistics, src/io/runDataFiles.ts) and SVG plots,
 * plus `summary.json`.
 */
import type { RunResult } from '../analyses/run.js';
import { writeFilesAtomic } from './atomicWrite.js';
import { plotSpecs, renderSvg } from './plots.js';
import { runDataFiles } from './runDataFiles.js';

/** `plots: false` writes the data only (no vega is loaded). */
export interface RunOutputOptions {
  plots?: boolean;
}

export async function runOutputFiles(run: RunResult, opts: RunOutputOptions = {}): Promise<Map<string, string>> {
  const data = runDataFiles(run);
  const files = new Map<string, string>();
  // Per analysis: CSV, JSON, then its plots (the order the folder has always listed them in).
  for (const r of run.results) {
    for (const name of [`${r.name}.csv`, `${r.name}.json`]) if (data.has(name)) files.set(name, data.get(name)!);
    if (opts.plots !== false) for (const [name, spec] of plotSpecs(r, run.circuit.title)) files.set(name, await renderSvg(spec));
  }
  files.set('summary.json', data.get('summary.json')!);
  return files;
}

export async function writeRunOutputs(run: RunResult, dir: string, opts: RunOutputOptions = {}): Promise<string[]> {
  const files = await runOutputFiles(run, opts);
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}
