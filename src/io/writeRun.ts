/**
 * Writes the results of a run into a folder, whole or not at all: per analysis `<name>.csv`
 * (waveforms), `<name>.json` (measures and statistics) and SVG plots, plus `summary.json`.
 */
import type { RunResult } from '../analyses/run.js';
import { writeFilesAtomic } from './atomicWrite.js';
import { plotSpecs, renderSvg } from './plots.js';
import { CURRENT_SIGN_NOTE, waveformsToCsv } from './waveformCsv.js';

export async function runOutputFiles(run: RunResult): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const all: Record<string, unknown>[] = [];
  for (const r of run.results) {
    if (r.waveforms) {
      files.set(
        `${r.name}.csv`,
        waveformsToCsv(r.waveforms, { title: run.circuit.title, netlist: run.circuit.file, analysis: `${r.analysis.kind} (${r.name})` }),
      );
    }
    const json = { name: r.name, title: run.circuit.title, netlist: run.circuit.file, signConvention: CURRENT_SIGN_NOTE, ...r.summary, stats: r.stats ?? null, seconds: r.seconds, warnings: r.warnings };
    files.set(`${r.name}.json`, JSON.stringify(json, jsonNumber, 2) + '\n');
    all.push(json);
    for (const [name, spec] of plotSpecs(r, run.circuit.title)) files.set(name, await renderSvg(spec));
  }
  files.set('summary.json', JSON.stringify({ title: run.circuit.title, netlist: run.circuit.file, analyses: all }, jsonNumber, 2) + '\n');
  return files;
}

export async function writeRunOutputs(run: RunResult, dir: string): Promise<string[]> {
  const files = await runOutputFiles(run);
  writeFilesAtomic(dir, files);
  return [...files.keys()];
}

/** JSON has no NaN or Infinity: write them as null. */
function jsonNumber(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
