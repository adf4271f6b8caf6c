/**
 * Writes the results of a run into a folder, whole or not at all: per analysis `<name>.csv`
 * (waveforms), `<name>.json` (measures and statistics, src/io/runDataFiles.ts) and SVG plots,
 * plus `summary.json` (which lists them). The folder is replaced as a whole: nothing of an earlier
 * run in it remains.
 */
import type { RunResult } from '../analyses/run.js';
import { replaceFolderAtomic } from './atomicWrite.js';
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
  // summary.json lists the files of this run (itself included), so a reader can tell them from strays.
  const summary = JSON.parse(data.get('summary.json')!) as Record<string, unknown>;
  files.set('summary.json', JSON.stringify({ ...summary, files: [...files.keys(), 'summary.json'] }, null, 2) + '\n');
  return files;
}

export async function writeRunOutputs(run: RunResult, dir: string): Promise<string[]> {
  const files = await runOutputFiles(run);
  replaceFolderAtomic(dir, files);
  return [...files.keys()];
}
