/**
 * The paper's whole workflow in one call: an mPNP run (nanoscale), extraction of C_slit, R_c and
 * gamma from its per-slit series, the NCM netlist of the same electrode run under the same CV
 * (macroscale), the two CVs overlaid, and an equation search on one trans-slit series.
 */
import type * as vl from 'vega-lite';
import type { Circuit } from '../circuit/circuit.js';
import { NcmError, formatDiagnostic } from '../diagnostics.js';
import { runCircuit, type RunResult as CircuitRun } from '../analyses/run.js';
import { discover, type DiscoveryData, type DiscoveryProgress } from '../discovery/engine.js';
import type { DiscoveredModel, Selection } from '../discovery/model.js';
import { isLinearInIAndIQ } from '../discovery/benchmarks/law.js';
import { selectCycle, type CycleSelection } from '../extract/cycle.js';
import { extractParameters, type Extraction } from '../extract/extractParameters.js';
import { linearLeastSquares } from '../numeric/leastSquares.js';
import { formatNumber, ncmNetlist, type OpenSpace, type SlitOffset } from '../extract/ncmNetlist.js';
import { openSpace } from '../extract/openSpace.js';
import { transSlitTable } from '../extract/transSlitTable.js';
import { PLOT_FRAME } from '../io/plotFrame.js';
import { renderSvg } from '../io/plots.js';
import { runOutputFiles } from '../io/writeRun.js';
import { mpnpOutputs } from '../mpnp/outputs.js';
import { runMpnp, type MpnpConfig, type RunOptions as MpnpRunOptions, type RunResult as MpnpRun } from '../mpnp/run.js';
import { slitEquilibrium } from '../mpnp/slit.js';
import { bulkConductivity } from '../mpnp/analytic.js';
import type { SlitSeries } from '../series/slitSeries.js';
import { elaborate, parseNetlist } from '../netlist/index.js';

export interface MultiscaleOptions {
  /** Trans-slit (1-based) whose series the equation search reads (the paper used slit 2). */
  transSlit: number;
  seed: number;
  generations: number;
  /** Open-space elements of the netlist (not identifiable from slit series). */
  ropen?: number;
  copen?: number;
  /** Name used in the netlist title and comments. */
  source: string;
  mpnp?: MpnpRunOptions;
  onStage?: (stage: string) => void;
  /** Fraction done of the long stages: `mPNP` (simulated time / end) and `discovery` (generations). */
  onProgress?: (fraction: number, stage: string) => void;
  /**
   * How C_slit is referred in the netlist: 'equilibrium' (default) puts beta V(m) in series with each
   * Cslit, beta = phi_mid / phi_m of the slit cross-section in equilibrium; 'none' connects Cslit
   * to the node directly (the node then relaxes to 0 V where the mPNP mid-slit potential does not);
   * 'cv' also gives the slit its voltage-dependent equilibrium charge (a cubic from the cross-section).
   */
  offset?: 'equilibrium' | 'cv' | 'none';
  /** Also compare NCM and TLM with every way of referring C_slit (summary.json `comparisons`). */
  compareAll?: boolean;
  /** RC lumps per slit in the NCM and TLM netlists (default 1: the paper's circuit). */
  lumps?: number;
}

export interface CvAgreement {
  /** Root-mean-square (time average) difference of the NCM and mPNP currents over the compared cycle, relative to the mPNP peak. */
  rmsRelative: number;
  /** Largest difference relative to the mPNP peak. */
  maxRelative: number;
  peakMpnp: number;
  peakNcm: number;
}

export interface MultiscaleResult {
  mpnp: MpnpRun;
  /** The mPNP cycle the extraction and the comparisons use (the last complete one). */
  cycle: CycleSelection;
  extraction: Extraction;
  offset: SlitOffset | null;
  open: OpenSpace;
  netlist: string;
  ncm: CircuitRun;
  agreement: CvAgreement;
  /** The TLM (best constant trans-slit resistor, same C_slit and open space) against the mPNP. */
  tlm: { netlist: string; run: CircuitRun; agreement: CvAgreement };
  discovered: { best: DiscoveredModel; front: DiscoveredModel[]; selection: Selection; target: string; features: string[]; data: DiscoveryData };
  /** Every output file, by relative path, ready for `writeFilesAtomic`. */
  files: Map<string, string>;
}

function circuitFromText(text: string, file: string): Circuit {
  const { ast, diagnostics } = parseNetlist(text, { file });
  const el = elaborate(ast);
  const all = [...diagnostics, ...el.diagnostics].filter((d) => d.severity === 'error');
  if (!el.circuit || all.length > 0) {
    throw new NcmError(`the extracted netlist does not elaborate (a bug in the netlist writer):\n${all.map(formatDiagnostic).join('\n')}`);
  }
  return el.circuit;
}

/** Linear interpolation of y(x) at xq, x increasing. */
function interpolate(x: Float64Array, y: Float64Array, xq: number): number {
  let lo = 0;
  let hi = x.length - 1;
  if (xq <= x[0]!) return y[0]!;
  if (xq >= x[hi]!) return y[hi]!;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= xq) lo = mid;
    else hi = mid;
  }
  const f = (xq - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + f * (y[hi]! - y[lo]!);
}

function ncmCurrent(run: CircuitRun): { time: Float64Array; current: Float64Array; applied: Float64Array } {
  const r = run.results.find((x) => x.analysis.kind === 'cv');
  const w = r?.waveforms;
  if (!r || !w || !r.currentColumn || !r.appliedColumn) throw new NcmError('the NCM run produced no CV current');
  return {
    time: w.columns[0]!,
    current: w.columns[w.labels.indexOf(r.currentColumn)]!,
    applied: w.columns[w.labels.indexOf(r.appliedColumn)]!,
  };
}

/**
 * Compares over the rows of `s` (e.g. one cycle of the mPNP series), at the same absolute times.
 * The rms is a time average (trapezoid weights): the adaptive mPNP steps crowd at the vertices,
 * and an average over rows would weigh the few microseconds after each vertex many times over.
 */
export function cvAgreement(s: SlitSeries, ncm: CircuitRun): CvAgreement {
  const im = s.totalCurrent;
  if (!im) throw new NcmError('the mPNP series has no total current I_m');
  const n = ncmCurrent(ncm);
  const rows = s.time.length;
  let peakM = 0;
  let peakN = 0;
  let sum = 0;
  let worst = 0;
  for (let k = 0; k < rows; k++) {
    const a = im[k]!;
    const b = interpolate(n.time, n.current, s.time[k]!);
    peakM = Math.max(peakM, Math.abs(a));
    peakN = Math.max(peakN, Math.abs(b));
    const w = 0.5 * (s.time[Math.min(rows - 1, k + 1)]! - s.time[Math.max(0, k - 1)]!);
    sum += w * (a - b) ** 2;
    worst = Math.max(worst, Math.abs(a - b));
  }
  const span = s.time[rows - 1]! - s.time[0]!;
  return { rmsRelative: Math.sqrt(sum / span) / peakM, maxRelative: worst / peakM, peakMpnp: peakM, peakNcm: peakN };
}

export function overlaySpec(s: SlitSeries, circuits: Array<[string, CircuitRun]>, title: string): vl.TopLevelSpec {
  const rows: Array<Record<string, number | string>> = [];
  s.time.forEach((_, k) => rows.push({ E: s.phiM[k]!, I: s.totalCurrent![k]! * 1e3, order: k, model: 'mPNP' }));
  const t0 = s.time[0]!;
  const tEnd = s.time[s.time.length - 1]!;
  for (const [label, run] of circuits) {
    const n = ncmCurrent(run);
    const step = Math.max(1, Math.floor(n.time.length / 3000));
    for (let k = 0; k < n.time.length && n.time[k]! <= tEnd; k += step) if (n.time[k]! >= t0) rows.push({ E: n.applied[k]!, I: n.current[k]! * 1e3, order: k, model: label });
  }
  return {
    ...PLOT_FRAME,
    title,
    data: { values: rows },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'E', type: 'quantitative', title: 'sheet potential phi_m (V)' },
      y: { field: 'I', type: 'quantitative', title: 'current into the electrode (mA per modelled period, + = charging)' },
      color: { field: 'model', type: 'nominal', title: null },
      strokeDash: { field: 'model', type: 'nominal', title: null },
      order: { field: 'order', type: 'quantitative' },
    },
  };
}

/**
 * R_open is not in the per-slit series; the configuration gives it: the bulk electrolyte between
 * the reservoir and sheet 1, openSpace / (sigma (sheetLength + edgeGap) W), per period.
 * (Assuming R_open = R_c instead, as `ncm extract` must, put a 0.3 us lag in front of the whole
 * electrode of examples/mpnp-regime.yaml and tripled the rms difference of its CV.)
 */
export function openSpaceResistance(cfg: MpnpConfig): number {
  const g = cfg.geometry;
  if (g.kind !== 'network') throw new NcmError('R_open needs a network geometry');
  return g.openSpace / (bulkConductivity(cfg.physics) * (g.sheetLength + g.edgeGap) * g.depth);
}

/** Equilibrium samples of the slit cross-section (the mPNP slit, fine grid) spanning the CV. */
function crossSection(cfg: MpnpConfig, ex: Extraction): Array<{ v: number; phiMid: number; q: number }> {
  if (cfg.geometry.kind !== 'network') throw new NcmError('the slit offset needs a network geometry');
  const lo = Math.min(ex.cv.v0, ex.cv.vmax);
  const hi = Math.max(ex.cv.v0, ex.cv.vmax);
  const out: Array<{ v: number; phiMid: number; q: number }> = [];
  for (let j = 0; j <= 8; j++) {
    const v = lo + ((hi - lo) * j) / 8;
    if (Math.abs(v) < 1e-6 * (hi - lo)) continue;
    const e = slitEquilibrium(cfg.physics, cfg.geometry.slitWidth, v, { wall: 0.05, growth: 1.025, max: 0.075 });
    out.push({ v, phiMid: e.phiMid, q: Math.abs(e.charge) * Math.sign(v) });
  }
  return out;
}

/**
 * How C_slit is referred in the netlist, from the slit cross-section in equilibrium:
 * 'equilibrium': beta = phi_mid / phi_m (least-squares slope through 0);
 * 'cv': k(V) = Q_eq(V) / C with C the same least-squares fit of Q against V - phi_mid that the
 * extraction makes, as a cubic through 0, so that cs k(V) is the slit's equilibrium charge (the
 * netlist's nonlinear Cslit, Q={cs*k(V)}); its fit error is reported.
 */
export function slitOffset(cfg: MpnpConfig, ex: Extraction, kind: 'equilibrium' | 'cv'): SlitOffset {
  const pts = crossSection(cfg, ex);
  const d = cfg.geometry.kind === 'network' ? cfg.geometry.slitWidth : 0;
  const range = `${formatNumber(Math.min(ex.cv.v0, ex.cv.vmax))}..${formatNumber(Math.max(ex.cv.v0, ex.cv.vmax))} V`;
  let bn = 0;
  let bd = 0;
  for (const p of pts) {
    bn += p.phiMid * p.v;
    bd += p.v * p.v;
  }
  const beta = bn / bd;
  if (kind === 'equilibrium') return { kind: 'linear', beta, source: `phi_mid / phi_m of the ${formatNumber(d * 1e9)} nm slit in equilibrium (least squares over ${range})` };
  let num = 0;
  let den = 0;
  for (const p of pts) {
    const u = p.v - p.phiMid;
    num += Math.abs(p.q) * Math.abs(u);
    den += u * u;
  }
  const c = num / den;
  const fit = linearLeastSquares(
    [pts.map((p) => p.v), pts.map((p) => p.v ** 2), pts.map((p) => p.v ** 3)],
    pts.map((p) => p.q / c),
  );
  const [a1, a2, a3] = fit.coef as [number, number, number];
  let sse = 0;
  let largest = 0;
  for (const p of pts) {
    const k = p.q / c;
    sse += (k - (a1 * p.v + a2 * p.v ** 2 + a3 * p.v ** 3)) ** 2;
    largest = Math.max(largest, Math.abs(k));
  }
  return {
    kind: 'polynomial',
    coefficients: [a1, a2, a3],
    beta,
    source: `equilibrium charge of the ${formatNumber(d * 1e9)} nm slit cross-section over ${range}, per its C_slit`,
    fitError: Math.sqrt(sse / pts.length) / largest,
    points: pts.length,
  };
}

/** The mPNP's vertex rounding (`protocol.smoothing`, s), which the netlist's `.cv smooth=` repeats so both models see one potential. */
export function protocolSmoothing(cfg: MpnpConfig): number {
  return cfg.protocol.kind === 'cv' ? cfg.protocol.smoothing : 0;
}

/**
 * CV cycles the netlists run to compare cycle k: k, or k + 1 when the mPNP rounded the end of cycle
 * k (smoothing rounds every vertex but the run's last, and a run stopped at the periodic cycle k <
 * protocol.cycles was drawn on the longer triangle), so the compared cycle ends on the same curve.
 */
export function netlistCycles(cfg: MpnpConfig, k: number): number {
  return cfg.protocol.kind === 'cv' && cfg.protocol.smoothing > 0 && k < cfg.protocol.cycles ? k + 1 : k;
}

export interface ComparisonRow {
  offset: 'none' | 'equilibrium' | 'cv';
  ncm: CvAgreement;
  tlm: CvAgreement;
}

/**
 * The NCM (the extracted law) and the TLM (best constant resistor) against the mPNP cycle `series`,
 * with C_slit referred each way (none, equilibrium offset, equilibrium C(V)): six circuit runs of
 * CV cycles from rest up to cycle `cycles` (`netlistCycles`), compared at equal times over that cycle.
 */
export function comparisonTable(cfg: MpnpConfig, series: SlitSeries, extraction: Extraction, open: OpenSpace, cycles: number, lumps = 1): ComparisonRow[] {
  const c = extraction.resistance.constant;
  const tlm = { resistance: c.r, source: 'best constant resistor' };
  const smooth = protocolSmoothing(cfg);
  return (['none', 'equilibrium', 'cv'] as const).map((kind) => {
    const offset = kind === 'none' ? null : slitOffset(cfg, extraction, kind);
    const base = { ...(offset ? { offset } : {}), cycles: netlistCycles(cfg, cycles), lumps, ...(smooth > 0 ? { smooth } : {}) };
    const agree = (text: string): CvAgreement => cvAgreement(series, runCircuit(circuitFromText(text, 'comparison.cir'), { record: 'all' }));
    return { offset: kind, ncm: agree(ncmNetlist(extraction, open, 'comparison', base)), tlm: agree(ncmNetlist(extraction, open, 'comparison', { ...base, tlm })) };
  });
}

export async function runMultiscale(cfg: MpnpConfig, o: MultiscaleOptions): Promise<MultiscaleResult> {
  if (cfg.geometry.kind !== 'network') throw new NcmError('the multiscale workflow needs a nanoslit network (geometry.kind: network), not a planar half cell');
  const files = new Map<string, string>();
  o.onStage?.('mPNP');
  const report = o.onProgress;
  const mpnpOptions: MpnpRunOptions = report ? { ...o.mpnp, onProgress: (p) => { o.mpnp?.onProgress?.(p); report(p.time / p.end, 'mPNP'); } } : (o.mpnp ?? {});
  const mpnp = runMpnp(cfg, mpnpOptions);
  for (const [name, text] of await mpnpOutputs(mpnp)) files.set(`mpnp/${name}`, text);

  o.onStage?.('extraction');
  // the paper extracts from and compares the k-th cycle: the last complete one of the run
  const cycle = selectCycle(mpnp.series, 'last');
  const series = cycle.series;
  const extraction = extractParameters(series);
  const ropen = o.ropen ?? openSpaceResistance(cfg);
  const { open } = openSpace(series, extraction, ropen, o.copen);
  if (o.ropen === undefined) open.source = open.source.replace('ropen from option', 'ropen = openSpace / (sigma period depth), the bulk electrolyte in front of sheet 1');
  const kind = o.offset ?? 'equilibrium';
  const offset = kind === 'none' ? null : slitOffset(cfg, extraction, kind);
  const cycles = cycle.cycle;
  const lumps = o.lumps ?? 1;
  const smooth = protocolSmoothing(cfg);
  const drive = { cycles: netlistCycles(cfg, cycles), lumps, ...(smooth > 0 ? { smooth } : {}) };
  const netlist = ncmNetlist(extraction, open, o.source, { ...(offset ? { offset } : {}), ...drive });
  files.set('ncm.cir', netlist);
  files.set('extraction.json', JSON.stringify({ source: o.source, cycle: cycle.cycle, cycles: cycle.cycles, ...extraction, open, offset }, null, 2) + '\n');
  const table = transSlitTable(series, extraction);
  files.set('trans-slits.csv', table);

  o.onStage?.('NCM');
  const ncm = runCircuit(circuitFromText(netlist, 'ncm.cir'), { record: 'all' });
  for (const [name, text] of await runOutputFiles(ncm)) files.set(`ncm/${name}`, text);
  const agreement = cvAgreement(series, ncm);
  const c = extraction.resistance.constant;
  const tlmNetlist = ncmNetlist(extraction, open, o.source, {
    ...(offset ? { offset } : {}),
    ...drive,
    tlm: { resistance: c.r, source: `best constant resistor over the pooled trans-slit points, relative residual ${c.relativeResidual.toPrecision(3)}` },
  });
  files.set('tlm.cir', tlmNetlist);
  const tlmRun = runCircuit(circuitFromText(tlmNetlist, 'tlm.cir'), { record: 'all' });
  for (const [name, text] of await runOutputFiles(tlmRun)) files.set(`tlm/${name}`, text);
  const tlm = { netlist: tlmNetlist, run: tlmRun, agreement: cvAgreement(series, tlmRun) };
  files.set(
    'cv-mpnp-vs-ncm.svg',
    await renderSvg(overlaySpec(series, [['NCM (extracted)', ncm], ['TLM (gamma = 0)', tlmRun]], `${o.source}: mPNP cycle ${cycle.cycle}, the extracted NCM and TLM`)),
  );

  o.onStage?.('discovery');
  const k = o.transSlit;
  if (!Number.isInteger(k) || k < 1 || k > mpnp.series.current.length) {
    throw new NcmError(`--trans-slit ${k}: the electrode has trans-slits 1..${mpnp.series.current.length}`, { exitCode: 2 });
  }
  const s = series;
  const target = Float64Array.from(s.time, (_, r) => s.phi[k]![r]! - s.phi[k - 1]![r]!);
  const features = [`I_${k}`, `Q_${k}`];
  const data: DiscoveryData = { names: features, features: [s.current[k - 1]!, s.charge[k - 1]!], target };
  // The series are in SI: the dimensional check rules out exp(657 I)-type models (docs/discovery.md).
  const d = discover(data, { seed: o.seed, generations: o.generations, units: { features: ['A', 'C'], target: 'V' }, ...(report ? { onProgress: (p: DiscoveryProgress) => report(p.generation / p.generations, 'discovery') } : {}) });
  const discovered = { best: d.best, front: d.front, selection: d.selection, target: `dphi_${k}`, features, data };

  const summary = {
    source: o.source,
    mpnp: mpnp.stats,
    extraction: {
      cslit: extraction.capacitance.value,
      cslitSpreadAcrossSlits: extraction.capacitance.spreadAcrossSlits,
      rc: extraction.resistance.pooled.rc,
      gamma: extraction.resistance.pooled.gamma,
      lawRelativeResidual: extraction.resistance.pooled.relativeResidual,
      open,
    },
    cycle: { used: cycle.cycle, completed: cycle.cycles, changes: mpnp.cycles?.changes ?? [] },
    offset,
    cvAgreement: agreement,
    tlmAgreement: tlm.agreement,
    comparisons: o.compareAll ? comparisonTable(cfg, series, extraction, open, cycles, lumps) : undefined,
    lumps,
    smoothing: smooth,
    tlmResistance: extraction.resistance.constant,
    discovery: {
      target: discovered.target,
      features,
      seed: o.seed,
      generations: o.generations,
      units: { [discovered.target]: 'V', [features[0]!]: 'A', [features[1]!]: 'C' },
      best: { text: d.best.text, latex: d.best.latex, sympy: d.best.sympy, error: d.best.error, complexity: d.best.complexity, score: d.selection.score },
      // The knee rule: the largest -d ln(error)/d complexity among front models within `window` x the smallest error.
      selection: { rule: 'knee', window: d.selection.window, smallestError: d.selection.minLoss, score: d.selection.score },
      // Which models have the paper's form dphi = c0 I + c1 I Q (eq. 1), whatever their arrangement.
      bestHasPaperForm: isLinearInIAndIQ(d.best, data),
      front: d.front.map((m, i) => ({ complexity: m.complexity, error: m.error, score: d.selection.scores[i], text: m.text, paperForm: isLinearInIAndIQ(m, data) })),
    },
  };
  files.set('summary.json', JSON.stringify(summary, null, 2) + '\n');
  return { mpnp, cycle, extraction, offset, open, netlist, ncm, agreement, tlm, discovered, files };
}
