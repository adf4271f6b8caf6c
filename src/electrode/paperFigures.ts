/**
 * The paper's macroscale claims as computations (Zhan et al.): each returns the runs behind a
 * figure and the numbers that test the claim. Used by examples/reproduce.ts (figures in
 * docs/img/validation/) and test/validation/*.test.ts (smaller ladders where the claim allows).
 */
import type { Circuit, CircuitElement, CvAnalysis } from '../circuit/circuit.js';
import { loadNetlist } from '../io/loadNetlist.js';
import { runComparison, slitTable, type Comparison, type ModelRun } from './compare.js';
import { buildLadder, type LadderSpec } from './ladder.js';
import { paperFileName } from './paperCases.js';

const loc = { file: '<paper>', line: 1, column: 1 };
export const PAPER = { rc: 5, cTotal: 0.08e-6, vVertex: 0.2 } as const;

export function cvProtocol(rate = 2e4, cycles = 2): CvAnalysis {
  return { kind: 'cv', source: 'vm', vStart: 0, vVertex: PAPER.vVertex, vEnd: 0, rate, cycles, loc };
}

function ladder(label: string, spec: Omit<LadderSpec, 'cTotal' | 'rc'> & { rc?: number }, rate = 2e4) {
  return {
    label,
    circuit: buildLadder({ rc: PAPER.rc, cTotal: PAPER.cTotal, qmax: 'peak', ...spec, analyses: [cvProtocol(rate)], options: { method: 'trap', reltol: 1e-6 } }),
  };
}

/** Charging-branch current of the last cycle: peak / value at mid-window (the plateau). */
export function peakToPlateau(r: ModelRun, vVertex: number = PAPER.vVertex): number {
  const t0 = r.measures.tStart;
  let peak = -Infinity;
  let plateau = NaN;
  let best = Infinity;
  for (let k = 0; k < r.time.length; k++) {
    if (r.time[k]! < t0) continue;
    const e = r.applied[k]!;
    // Charging branch: before the vertex (time order within the cycle).
    if (r.time[k]! > t0 + vVertex / r.result.analysis.rate) break;
    peak = Math.max(peak, r.current[k]!);
    const d = Math.abs(e - vVertex / 2);
    if (d < best) {
      best = d;
      plateau = r.current[k]!;
    }
  }
  return peak / plateau;
}

/**
 * Discharge-branch flatness of the last cycle: the current at mid-window on the way down divided
 * by the peak discharge current (1 for a trapezoid's flat bottom, small for an ellipse).
 */
export function dischargeFlatness(r: ModelRun, vVertex: number = PAPER.vVertex): number {
  const tv = r.measures.tStart + vVertex / r.result.analysis.rate;
  let best = Infinity;
  let mid = NaN;
  for (let k = 0; k < r.time.length; k++) {
    if (r.time[k]! <= tv) continue;
    const d = Math.abs(r.applied[k]! - vVertex / 2);
    if (d < best) {
      best = d;
      mid = r.current[k]!;
    }
  }
  return mid / r.measures.peakCathodicCurrent;
}

/**
 * 1: TLM CVs for several R_c are symmetric (asymmetry index of the last cycle). `reference` adds the
 * NCM at gamma = 0.9, R_c = 5 ohm as the asymmetric reference curve of the paper's Ext. Data Fig. 13a
 * (plotted, not in `asymmetry`).
 */
export function tlmSymmetry(layers: number, rcs: number[] = [5, 2, 1, 0.5], reference = false) {
  const inputs = rcs.map((rc) => ladder(`TLM, R_c = ${rc} ohm`, { layers, rc, gamma: 0 }));
  if (reference) inputs.push(ladder('NCM reference, gamma = 0.9, R_c = 5 ohm', { layers, gamma: 0.9 }));
  const cmp = runComparison(inputs);
  return { cmp, asymmetry: cmp.runs.slice(0, rcs.length).map((r) => r.measures.asymmetryIndex), reference: reference ? cmp.runs[rcs.length]!.measures.asymmetryIndex : undefined };
}

/** 2: gamma from -0.9 to 0.9 at R_c = 5 ohm: the enclosed area. */
export function gammaSweep(layers: number, gammas: number[] = [-0.9, -0.6, -0.3, 0, 0.3, 0.6, 0.9]) {
  const cmp = runComparison(gammas.map((g) => ladder(`gamma = ${g}`, { layers, gamma: g, forceRdyn: true })));
  return { cmp, gammas, area: cmp.runs.map((r) => r.measures.enclosedArea), flatness: cmp.runs.map((r) => dischargeFlatness(r)) };
}

/**
 * 3: gamma = 0.9, R_c from 1 to 10 ohm: peak-to-plateau ratio of the charging current, and the
 * same ratio of the TLM (gamma = 0) at each R_c, which also grows with R_c: the claim is about the
 * NCM's growth beyond it.
 */
export function vertexPeak(layers: number, rcs: number[] = [1, 2, 5, 10]) {
  const cmp = runComparison(rcs.map((rc) => ladder(`R_c = ${rc} ohm`, { layers, rc, gamma: 0.9 })));
  const tlm = runComparison(rcs.map((rc) => ladder(`TLM, R_c = ${rc} ohm`, { layers, rc, gamma: 0 })));
  return { cmp, tlm, rcs, ratio: cmp.runs.map((r) => peakToPlateau(r)), tlmRatio: tlm.runs.map((r) => peakToPlateau(r)) };
}

function bundled(layers: number, gamma: number, rate: number) {
  const file = `netlists/paper/${paperFileName(layers, gamma, rate)}`;
  const { circuit } = loadNetlist(file);
  if (!circuit) throw new Error(`cannot load ${file}`);
  return { label: `${layers} layers, ${rate} mV/us`, circuit };
}

/** 4: asymmetry vs layers (at 20 mV/us) and vs scan rate, NCM gamma = 0.9 (or the TLM, gamma = 0), from the bundled netlists. */
export function asymmetryTrends(layersList: number[] = [6, 10, 20, 50], rates: number[] = [4, 20], gamma = 0.9) {
  const byLayers = runComparison(layersList.map((n) => bundled(n, gamma, 20)));
  const byRate = layersList.map((n) => runComparison(rates.map((r) => bundled(n, gamma, r)), { ownProtocol: true }));
  return {
    byLayers,
    byRate,
    asymmetryByLayers: byLayers.runs.map((r) => r.measures.asymmetryIndex),
    asymmetryByRate: byRate.map((c) => c.runs.map((r) => r.measures.asymmetryIndex)),
  };
}

/** Every RDYN with QMAX=peak given the fixed QMAX = |C_control| x v (the engine's starting guess for v = 0.2 V). */
export function withFixedQmax(c: Circuit, volts: number): Circuit {
  const cap = new Map(c.elements.flatMap((e) => (e.kind === 'C' ? [[e.key, e.capacitance] as const] : [])));
  return { ...c, elements: c.elements.map((e): CircuitElement => (e.kind === 'RDYN' && e.qmax === 'peak' ? { ...e, qmax: Math.abs(cap.get(e.control)!) * volts } : e)) };
}

/** Charge of a slit at the last vertex of the run (the second vertex for two cycles). */
function chargeAtLastVertex(r: ModelRun, index: number): number {
  const s = r.slits.find((x) => x.index === index)!;
  const tv = r.measures.tStart + PAPER.vVertex / r.result.analysis.rate;
  let k = 0;
  while (k < r.time.length - 1 && r.time[k]! < tv) k++;
  return s.charge[k]!;
}

/**
 * 5: deep slits store more under the NCM than the TLM (bundled 20 layers, gamma = 0.9, 20 mV/us).
 * Two measures of slit `slit`: the peak |q| over the whole run (`ratio`) and q at the second vertex
 * (`vertexRatio`), the latter also with Q_max = C x 0.2 V instead of the self-consistent peak
 * (`vertexRatioFixedQmax`).
 */
export function deepSlitGain(layers = 20, slit = 19) {
  const ncm = bundled(layers, 0.9, 20);
  const cmp = runComparison([ncm, bundled(layers, 0, 20)].map((b, i) => ({ ...b, label: i === 0 ? 'NCM, gamma = 0.9' : 'TLM' })));
  const fixed = runComparison([{ label: 'NCM, gamma = 0.9, Q_max = C x 0.2 V', circuit: withFixedQmax(ncm.circuit, PAPER.vVertex) }]);
  const rows = slitTable(cmp);
  const row = rows.find((r) => r.index === slit)!;
  const tlmAtVertex = chargeAtLastVertex(cmp.runs[1]!, slit);
  return {
    cmp,
    rows,
    ratio: row.peak[0]! / row.peak[1]!,
    finalRatio: row.final[0]! / row.final[1]!,
    vertexRatio: chargeAtLastVertex(cmp.runs[0]!, slit) / tlmAtVertex,
    vertexRatioFixedQmax: chargeAtLastVertex(fixed.runs[0]!, slit) / tlmAtVertex,
    /** q of the slit at the second vertex (C): NCM, TLM. */
    vertexCharges: [chargeAtLastVertex(cmp.runs[0]!, slit), tlmAtVertex] as const,
  };
}

/**
 * 6: R_c + R_d of a slit just after charging starts (first cycle) and just after discharging
 * starts (the first vertex), as fractions of R_c.
 */
export function dynamicResistance(layers: number, gamma = 0.9, slit = 1): { cmp: Comparison; afterCharge: number; afterDischarge: number; minimum: number; minimumAtUs: number; secondCycleMaximum: number } {
  const cmp = runComparison([ladder(`NCM, gamma = ${gamma}`, { layers, gamma })]);
  const r = cmp.runs[0]!;
  const s = r.slits.find((x) => x.index === slit)!;
  const R = s.resistance!;
  const tVertex = PAPER.vVertex / r.result.analysis.rate;
  const at = (t: number): number => {
    let k = 0;
    while (k < r.time.length - 1 && r.time[k]! < t) k++;
    return R[k]! / s.rc;
  };
  let minimum = Infinity;
  let kMin = 0;
  for (let k = 0; k < R.length && r.time[k]! <= 2 * tVertex; k++) if (R[k]! < minimum) [minimum, kMin] = [R[k]!, k];
  // The second cycle starts charged (the slits have not emptied): its largest R_c + R_d stays below R_c.
  let secondCycleMaximum = 0;
  for (let k = 0; k < R.length; k++) if (r.time[k]! >= 2 * tVertex) secondCycleMaximum = Math.max(secondCycleMaximum, R[k]!);
  return { cmp, afterCharge: at(0.02 * tVertex), afterDischarge: at(1.02 * tVertex), minimum: minimum / s.rc, minimumAtUs: r.time[kMin]! * 1e6, secondCycleMaximum: secondCycleMaximum / s.rc };
}
