/**
 * What `ncm export` computes before writing the deck: QMAX=peak resolved by the netlist's `.cv`, the
 * recorded columns and the data file name. Loaded by the command's action only (start-up, issue 12).
 */
import { basename } from 'node:path';
import { runCv } from '../analyses/cv.js';
import { selectProbes } from '../analyses/recorder.js';
import { Mna } from '../engine/mna.js';
import type { Circuit } from '../circuit/circuit.js';

/** QMAX per RDYN name as the netlist's first `.cv` resolves QMAX=peak (undefined if nothing to resolve). */
export function resolvedQmax(circuit: Circuit): Record<string, number> | undefined {
  const cv = circuit.analyses.find((a) => a.kind === 'cv');
  if (!cv || !circuit.elements.some((e) => e.kind === 'RDYN' && e.qmax === 'peak')) return undefined;
  const r = runCv(circuit, cv);
  return r.summary.qmaxPeak?.qmax;
}

/**
 * The columns `ncm run` records for the analysis the export's transient stands for (the first
 * .cv/.chrono, else the first .tran, else the first analysis): the driven source's applied voltage
 * and current first, then the `.save` targets or every node voltage, current and charge.
 */
export function recordedLabels(circuit: Circuit): string[] {
  const a = circuit.analyses.find((x) => x.kind === 'cv' || x.kind === 'chrono') ?? circuit.analyses.find((x) => x.kind === 'tran') ?? circuit.analyses[0];
  const probes = selectProbes(circuit, new Mna(circuit), 'all').map((p) => p.label);
  if (a?.kind !== 'cv' && a?.kind !== 'chrono') return ['time', ...probes];
  const key = a.source.toLowerCase();
  return ['time', `vapp(${key})`, ...(probes.includes(`i(${key})`) ? [] : [`i(${key})`]), ...probes];
}

/**
 * The data file of the exported deck's `.control` block: `<deck name>.data.txt`, without a folder,
 * so that ngspice run where the deck is writes it beside the deck.
 */
export function dataFileFor(out: string | undefined): string {
  return out ? `${basename(out).replace(/\.[A-Za-z0-9]+$/, '')}.data.txt` : 'ncm-export.data.txt';
}
