/**
 * Writes the results of a run into a folder, whole or not at all: per analysis `<name>.csv`
 * (waveforms), `<name>.json` (measures and statistics, src/io/runDataFiles.ts) and SVG plots,
 * plus `summary.json`.
 */
import type { RunResult } from '../analyses/run.js';
import { writeFilesAtomic } from './atomicWrite.js';
import { plotSpecs, renderSvg } from './plots.js';
import { runDataFiles } from './runDataFiles.js';
import { rawAscii, rawBinary, rawDate, rawPlotOf } from './rawFile.js';

/** Waveform files: CSV (the default), or ngspice raw files, binary or ASCII. */
export const WAVEFORM_FORMATS = ['csv', 'raw', 'raw-ascii'] as const;
export type WaveformFormat = (typeof WAVEFORM_FORMATS)[number];

export async function runOutputFiles(run: RunResult, format?: 'csv'): Promise<Map<string, string>>;
export async function runOutputFiles(run: RunResult, format: WaveformFormat): Promise<Map<string, string | Uint8Array>>;
export async function runOutputFiles(run: RunResult, format: WaveformFormat = 'csv'): Promise<Map<string, string | Uint8Array>> {
  const data = runDataFiles(run);
  const files = new Map<string, string | Uint8Array>();
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
    for (const [name, spec] of plotSpecs(r, run.circuit.title)) files.set(name, await renderSvg(spec));
  }
  files.set('summary.json', data.get('summary.json')!);
  return files;
}

export async function writeRunOutputs(run: RunResult, dir: string, format: WaveformFormat = 'csv'): Promise<string[]> {
  const files = await runOutputFiles(run, format);
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}
