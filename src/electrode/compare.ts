/**
 * Runs several electrode circuits on one CV protocol and extracts what a comparison of models
 * needs: the CV loop, per-cycle measures, the charge of every slit over time, and the trans-slit
 * resistance R_c + R_d of chosen slits (R = R_c (1 - gamma q/Q_max), from the controlling charge).
 *
 * Slits are found by name: capacitors whose name contains `cslit<k>` (bundled, built and `.ladder`
 * netlists all name them so); with two electrodes (a full cell) the first electrode is used.
 */
import type { AnalysisResult, CvResult, RunProgress } from '../analyses/result.js';
import { runCv } from '../analyses/cv.js';
import type { CvCycleMeasures } from '../analyses/cvMeasures.js';
import type { Circuit, CircuitElement, CvAnalysis } from '../circuit/circuit.js';
import { rdynFactor } from '../circuit/rdyn.js';
import { NcmError } from '../diagnostics.js';

export interface CompareInput {
  label: string;
  circuit: Circuit;
}

export interface SlitTrace {
  /** 1-based slit number (from the name). */
  index: number;
  /** Capacitor key, e.g. `e.cslit19`. */
  key: string;
  /** q(t) of the slit capacitor (C), on the run's time grid. */
  charge: Float64Array;
  /** Trans-slit resistance feeding this slit over time (ohm), undefined if none was found. */
  resistance: Float64Array | undefined;
  /** R_c of that resistor (ohm) and its gamma. */
  rc: number;
  gamma: number;
}

export interface ModelRun {
  label: string;
  result: CvResult;
  time: Float64Array;
  applied: Float64Array;
  current: Float64Array;
  /** Measures of the last cycle (the one closest to periodic steady state). */
  measures: CvCycleMeasures;
  cycles: CvCycleMeasures[];
  slits: SlitTrace[];
}

export interface Comparison {
  protocol: Omit<CvAnalysis, 'source' | 'loc'>;
  runs: ModelRun[];
  warnings: string[];
}

/** The same circuit with every RDYN at gamma = 0: the TLM of that electrode. */
export function asTlm(c: Circuit): Circuit {
  return {
    ...c,
    title: `${c.title} (TLM: gamma = 0)`,
    // RDYN at gamma = 0 is the plain resistor R_c (and needs no QMAX iteration).
    elements: c.elements.map((e): CircuitElement => (e.kind === 'RDYN' ? { kind: 'R', name: e.name, key: e.key, nodes: e.nodes, loc: e.loc, resistance: e.rc } : e)),
  };
}

function cvOf(c: Circuit, label: string): CvAnalysis {
  const a = c.analyses.find((x): x is CvAnalysis => x.kind === 'cv');
  if (!a) throw new NcmError(`${label}: no .cv analysis: the comparison runs every netlist on a CV protocol (add e.g. .cv Vm 0 0.2 rate=20mV/us cycles=2)`);
  return a;
}

const SLIT = /cslit(\d+)/;

/** Slit capacitors of the first electrode, in slit order, with the resistor that feeds each. */
function findSlits(c: Circuit): Array<{ index: number; cap: CircuitElement; feed: CircuitElement | undefined }> {
  const groups = new Map<string, Array<{ index: number; cap: CircuitElement }>>();
  for (const e of c.elements) {
    const m = e.kind === 'C' ? SLIT.exec(e.key) : null;
    if (!m) continue;
    const g = e.key.replace(SLIT, 'cslit#');
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push({ index: Number(m[1]), cap: e });
  }
  const first = groups.values().next().value;
  if (!first) return [];
  first.sort((a, b) => a.index - b.index);
  // The slit node of a capacitor is the one no voltage source touches (the other is the rail).
  const sourceNodes = new Set(c.elements.filter((e) => e.kind === 'V').flatMap((e) => e.nodes));
  const feeders = new Map<number, CircuitElement>();
  for (const e of c.elements) if (e.kind === 'R' || e.kind === 'RDYN') feeders.set(e.nodes[1]!, e);
  return first.map(({ index, cap }) => {
    const slitNode = cap.nodes.find((n) => !sourceNodes.has(n)) ?? cap.nodes[1]!;
    return { index, cap, feed: feeders.get(slitNode) };
  });
}

function column(r: AnalysisResult, label: string): Float64Array {
  const w = r.waveforms!;
  const i = w.labels.indexOf(label);
  if (i < 0) throw new Error(`comparison: no recorded column ${label}`);
  return w.columns[i]!;
}

/**
 * Runs every input on the CV protocol of the first one (each through its own driven source), or
 * with `ownProtocol` each on its own (e.g. to compare scan rates).
 * `slits` limits the resistance traces to those slit numbers (all slits keep their charge).
 */
export function runComparison(inputs: CompareInput[], opts: { resistanceSlits?: number[]; ownProtocol?: boolean; onProgress?: RunProgress } = {}): Comparison {
  if (inputs.length === 0) throw new NcmError('compare: give at least one netlist');
  const ref = cvOf(inputs[0]!.circuit, inputs[0]!.label);
  const warnings: string[] = [];
  const runs = inputs.map(({ label, circuit }, n): ModelRun => {
    const own = cvOf(circuit, label);
    const same = own.vStart === ref.vStart && own.vVertex === ref.vVertex && own.vEnd === ref.vEnd && own.rate === ref.rate && own.cycles === ref.cycles;
    if (!same && !opts.ownProtocol) warnings.push(`${label}: its .cv differs from ${inputs[0]!.label}'s; run on ${inputs[0]!.label}'s protocol`);
    const a: CvAnalysis = opts.ownProtocol ? own : { ...ref, source: own.source, loc: own.loc };
    // Record everything: the comparison needs every slit charge, whatever the netlist's .save says.
    const c: Circuit = { ...circuit, saves: [], analyses: [a] };
    // progress over all inputs: input n of N covers [n, n + 1) / N
    const onProgress: RunProgress | undefined = opts.onProgress && ((f) => opts.onProgress!((n + f) / inputs.length, 'compare'));
    const result = runCv(c, a, onProgress ? { onProgress } : {});
    const cycles = result.summary.cycles;
    const qmaxPeak = result.summary.qmaxPeak?.qmax ?? {};
    const slits = findSlits(c).map(({ index, cap, feed }): SlitTrace => {
      const charge = column(result, `q(${cap.key})`);
      let resistance: Float64Array | undefined;
      let rc = 0;
      let gamma = 0;
      const wanted = !opts.resistanceSlits || opts.resistanceSlits.includes(index);
      if (feed?.kind === 'R') {
        rc = feed.resistance;
        if (wanted) resistance = new Float64Array(charge.length).fill(rc);
      } else if (feed?.kind === 'RDYN') {
        rc = feed.rc;
        gamma = feed.gamma;
        const qmax = feed.qmax === 'peak' ? qmaxPeak[feed.name] : feed.qmax;
        if (wanted && qmax !== undefined) {
          const q = column(result, `q(${feed.control})`);
          resistance = new Float64Array(q.length);
          for (let k = 0; k < q.length; k++) resistance[k] = feed.rc * rdynFactor(feed.gamma, q[k]!, qmax);
        }
      }
      return { index, key: cap.key, charge, resistance, rc, gamma };
    });
    return {
      label,
      result,
      time: column(result, 'time'),
      applied: column(result, result.appliedColumn!),
      current: column(result, result.currentColumn!),
      measures: cycles[cycles.length - 1]!,
      cycles,
      slits,
    };
  });
  const { source: _s, loc: _l, ...protocol } = ref;
  return { protocol, runs, warnings };
}

export interface SlitRow {
  index: number;
  /** Per run: final charge and peak |charge| (C). */
  final: number[];
  peak: number[];
}

/** Final and peak charge of every slit number present in all runs. */
export function slitTable(cmp: Comparison): SlitRow[] {
  const common = cmp.runs.map((r) => new Map(r.slits.map((s) => [s.index, s])));
  const indices = [...common[0]!.keys()].filter((i) => common.every((m) => m.has(i)));
  return indices.map((index) => ({
    index,
    final: common.map((m) => m.get(index)!.charge.at(-1)!),
    peak: common.map((m) => {
      let p = 0;
      for (const q of m.get(index)!.charge) p = Math.max(p, Math.abs(q));
      return p;
    }),
  }));
}

/** The charge of every recorded slit of a circuit's first electrode in a result (for heat maps). */
export function slitCharges(c: Circuit, r: AnalysisResult): Array<{ index: number; key: string; charge: Float64Array }> {
  const recorded = new Set(r.waveforms?.labels ?? []);
  return findSlits(c)
    .filter(({ cap }) => recorded.has(`q(${cap.key})`))
    .map(({ index, cap }) => ({ index, key: cap.key, charge: column(r, `q(${cap.key})`) }));
}
