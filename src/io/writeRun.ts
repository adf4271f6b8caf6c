/**
 * Writes the results of a run into a folder, whole or not at all: per analysis `<name>.csv`
 * (waveforms), `<name>.json` (measures and statistics, src/io/runDataFiles.ts) and SVG plots,
 * plus `summary.json`.
 */
import type { RunResult } from '../analyses/run.js';
import { writeFilesAtomic } from './atomicWrite.js';
import { plotSpecs, renderSvg } from './plots.js';
import { runDataFiles } from './runDataFiles.js';

export async function runOutputFiles(run: RunResult): Promise<Map<string, string>> {
  const data = runDataFiles(run);
  const files = new Map<string, string>();
  // Per analysis: CSV, JSON, then its plots (the order the folder has always listed them in).
  for (const r of run.results) {
    for (const name of [`${r.name}.csv`, `${r.name}.json`]) if (data.has(name)) files.set(name, data.get(name)!);
    for (const [name, spec] of plotSpecs(r, run.circuit.title)) files.set(name, await renderSvg(spec));
  }
  files.set('summary.json', data.get('summary.json')!);
  return files;
}

export async function writeRunOutputs(run: RunResult, dir: string, extra?: ReadonlyMap<string, string>): Promise<string[]> {
  const files = await runOutputFiles(run);
  for (const [name, text] of extra ?? []) files.set(name, text); // .sens outputs, in the same atomic write
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}
