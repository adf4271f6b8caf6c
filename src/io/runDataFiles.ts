/**
 * The data files of a run, as text: per analysis `<name>.csv` (waveforms) and `<name>.json`
 * (measures and statistics), plus `summary.json`. No disk and no renderer, so the playground
 * offers the same downloads as `ncm run` writes (src/io/writeRun.ts adds the SVG plots).
 */
import type { RunResult } from '../analyses/run.js';
import type { MeasureResult } from '../circuit/measure.js';
import { CURRENT_SIGN_NOTE, waveformsToCsv } from './waveformCsv.js';
import { scanRateStudy } from '../analyses/scanRate.js';

export function runDataFiles(run: RunResult): Map<string, string> {
  const files = new Map<string, string>();
  const all: Record<string, unknown>[] = [];
  for (const r of run.results) {
    if (r.waveforms) {
      files.set(
        `${r.name}.csv`,
        waveformsToCsv(r.waveforms, { title: run.circuit.title, netlist: run.circuit.file, analysis: `${r.analysis.kind} (${r.name})` }),
      );
    }
    const json = {
      name: r.name, title: run.circuit.title, netlist: run.circuit.file, signConvention: CURRENT_SIGN_NOTE, ...r.summary,
      ...(r.measures ? { measures: measuresJson(r.measures) } : {}),
      stats: r.stats ?? null, seconds: r.seconds, warnings: r.warnings,
    };
    files.set(`${r.name}.json`, JSON.stringify(json, jsonNumber, 2) + '\n');
    all.push(json);
  }
  const scanRate = scanRateStudy(run.results);
  files.set('summary.json', JSON.stringify({ title: run.circuit.title, netlist: run.circuit.file, analyses: all, ...(scanRate ? { scanRate } : {}) }, jsonNumber, 2) + '\n');
  return files;
}

/** `.meas` results by name: `{ trise: { value: 2.197e-3, unit: 's' } }`, with `failed` saying why a value is null. */
export function measuresJson(ms: MeasureResult[]): Record<string, { value: number | null; unit: string; failed?: string }> {
  const out: Record<string, { value: number | null; unit: string; failed?: string }> = {};
  for (const m of ms) out[m.name] = { value: m.value, unit: m.unit, ...(m.failed ? { failed: m.failed } : {}) };
  return out;
}

/** JSON has no NaN or Infinity: write them as null. */
function jsonNumber(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
