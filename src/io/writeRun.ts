/**
 * Writes the results of a run into a folder, whole or not at all: per analysis `<name>.csv`
 * (waveforms), `<name>.json` (measures and statistics, src/io/runDataFiles.ts) and SVG plots,
 * plus `summary.json` (which lists them), and with `html` one self-contained interactive
 * `report.html`. The folder is replaced as a whole: nothing of an earlier run in it remains.
 */
import type * as vl from 'vega-lite';
import type { RunResult } from '../analyses/run.js';
import { replaceFolderAtomic } from './atomicWrite.js';
import { plotSpecs, renderSvg } from './plots.js';
import { runDataFiles } from './runDataFiles.js';
import { rawAscii, rawBinary, rawDate, rawPlotOf } from './rawFile.js';
import type { WaveformFormat } from './waveformFormats.js';
import { runPlotSpecs } from './scanRatePlots.js';

export { WAVEFORM_FORMATS, type WaveformFormat } from './waveformFormats.js';

export interface RunOutputOptions {
  /** `false` writes the data only: no SVG plots, and vega is never loaded. */
  plots?: boolean;
  /** Waveform files (default `csv`). */
  format?: WaveformFormat;
  /** Also write `report.html` (the summary and every plot, interactive, vega-embed inlined). */
  html?: boolean;
  /** More files of the run (the `.sens` tables), written in the same atomic write. */
  extra?: ReadonlyMap<string, string>;
}

export async function runOutputFiles(run: RunResult, opts?: RunOutputOptions & { format?: 'csv' }): Promise<Map<string, string>>;
export async function runOutputFiles(run: RunResult, opts: RunOutputOptions): Promise<Map<string, string | Uint8Array>>;
export async function runOutputFiles(run: RunResult, opts: RunOutputOptions = {}): Promise<Map<string, string | Uint8Array>> {
  const format = opts.format ?? 'csv';
  const plots = opts.plots !== false;
  const data = runDataFiles(run);
  const files = new Map<string, string | Uint8Array>();
  const figures: Array<{ name: string; spec: vl.TopLevelSpec }> = [];
  const date = rawDate(new Date());
  // Per analysis: CSV (or raw), JSON, then its plots (the order the folder has always listed them in).
  for (const r of run.results) {
    if (format === 'csv') {
      if (data.has(`${r.name}.csv`)) files.set(`${r.name}.csv`, data.get(`${r.name}.csv`)!);
    } else {
      const plot = rawPlotOf(r, run.circuit.title, date);
      if (plot) files.set(`${r.name}.raw`, format === 'raw' ? rawBinary([plot]) : rawAscii([plot]));
    }
    if (data.has(`${r.name}.json`)) files.set(`${r.name}.json`, data.get(`${r.name}.json`)!);
    if (plots) for (const [name, spec] of plotSpecs(r, run.circuit.title)) {
      files.set(name, await renderSvg(spec));
      figures.push({ name, spec });
    }
  }
  // Across analyses: the CV overlay and peak current vs scan rate when the netlist has several .cv.
  if (plots) for (const [name, spec] of runPlotSpecs(run.results, run.circuit.title)) {
    files.set(name, await renderSvg(spec));
    figures.push({ name, spec });
  }
  for (const [name, text] of opts.extra ?? []) files.set(name, text);
  // summary.json lists the files of this run (itself included), so a reader can tell them from strays.
  const summary = JSON.parse(data.get('summary.json')!) as Record<string, unknown>;
  const names = [...files.keys(), 'summary.json', ...(opts.html ? ['report.html'] : [])];
  files.set('summary.json', JSON.stringify({ ...summary, files: names }, null, 2) + '\n');
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
  replaceFolderAtomic(dir, files);
  return [...files.keys()];
}
