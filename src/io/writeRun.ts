/**
 * Writes the results of a run into a folder, whole or not at all: per analysis `<name>.csv`
 * (waveforms), `<name>.json` (measures and statistics, src/io/runDataFiles.ts) and SVG plots,
 * plus `summary.json`, and with `html` one self-contained interactive `report.html`.
 */
import type * as vl from 'vega-lite';
import type { RunResult } from '../analyses/run.js';
import { writeFilesAtomic } from './atomicWrite.js';
import { plotSpecs, renderSvg } from './plots.js';
import { runDataFiles } from './runDataFiles.js';
import { runPlotSpecs } from './scanRatePlots.js';

export interface RunOutputOptions {
  /** Also write `report.html` (the summary and every plot, interactive, vega-embed inlined). */
  html?: boolean;
}

export async function runOutputFiles(run: RunResult, opts: RunOutputOptions = {}): Promise<Map<string, string>> {
  const data = runDataFiles(run);
  const files = new Map<string, string>();
  const figures: Array<{ name: string; spec: vl.TopLevelSpec }> = [];
  // Per analysis: CSV, JSON, then its plots (the order the folder has always listed them in).
  for (const r of run.results) {
    for (const name of [`${r.name}.csv`, `${r.name}.json`]) if (data.has(name)) files.set(name, data.get(name)!);
    for (const [name, spec] of plotSpecs(r, run.circuit.title)) {
      files.set(name, await renderSvg(spec));
      figures.push({ name, spec });
    }
  }
  // Across analyses: the CV overlay and peak current vs scan rate when the netlist has several .cv.
  for (const [name, spec] of runPlotSpecs(run.results, run.circuit.title)) {
    files.set(name, await renderSvg(spec));
    figures.push({ name, spec });
  }
  files.set('summary.json', data.get('summary.json')!);
  if (opts.html) {
    // loaded on use: only --html reads the browser bundles
    const [{ htmlReport }, { embedLibraries }, { formatRunSummary }] = await Promise.all([import('./htmlReport.js'), import('./embedLibraries.js'), import('./runSummary.js')]);
    const listed = [...files.keys()];
    files.set('report.html', htmlReport({ title: run.circuit.title, summary: formatRunSummary(run), figures, files: listed }, embedLibraries()));
  }
  return files;
}

export async function writeRunOutputs(run: RunResult, dir: string, opts: RunOutputOptions = {}): Promise<string[]> {
  const files = await runOutputFiles(run, opts);
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}
