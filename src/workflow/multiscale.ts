/**
 * The paper's whole workflow in one call: an mPNP run (nanoscale), extraction of C_slit, R_c and
 * gamma from its per-slit series, the NCM netlist of the same electrode run under the same CV
 * (macroscale), the two CVs overlaid, and an equation search on one trans-slit series.
 */
import type * as vl from 'vega-lite';
import type { Circuit } from '../circuit/circuit.js';
import { NcmError, formatDiagnostic } from '../diagnostics.js';
import { runCircuit, type RunResult as CircuitRun } from '../analyses/run.js';
import { discover, type DiscoveryData } from '../discovery/engine.js';
import type { DiscoveredModel, Selection } from '../discovery/model.js';
import { isLinearInIAndIQ } from '../discovery/benchmarks/law.js';
import { extractParameters, type Extraction } from '../extract/extractParameters.js';
import { ncmNetlist } from '../extract/ncmNetlist.js';
import { openSpace } from '../extract/openSpace.js';
import { transSlitTable } from '../extract/transSlitTable.js';
import { PLOT_FRAME } from '../io/plotFrame.js';
import { renderSvg } from '../io/plots.js';
import { runOutputFiles } from '../io/writeRun.js';
import { mpnpOutputs } from '../mpnp/outputs.js';
import { runMpnp, type MpnpConfig, type RunOptions as MpnpRunOptions, type RunResult as MpnpRun } from '../mpnp/run.js';
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
}

export interface CvAgreement {
  /** Root-mean-square difference of the NCM and mPNP currents over the mPNP run, relative to the mPNP peak. */
  rmsRelative: number;
  /** Largest difference relative to the mPNP peak. */
  maxRelative: number;
  peakMpnp: number;
  peakNcm: number;
}

export interface MultiscaleResult {
  mpnp: MpnpRun;
  extraction: Extraction;
  netlist: string;
  ncm: CircuitRun;
  agreement: CvAgreement;
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

export function cvAgreement(mpnp: MpnpRun, ncm: CircuitRun): CvAgreement {
  const s = mpnp.series;
  const im = s.totalCurrent;
  if (!im) throw new NcmError('the mPNP series has no total current I_m');
  const n = ncmCurrent(ncm);
  let peakM = 0;
  let peakN = 0;
  let sum = 0;
  let worst = 0;
  for (let k = 0; k < s.time.length; k++) {
    const a = im[k]!;
    const b = interpolate(n.time, n.current, s.time[k]!);
    peakM = Math.max(peakM, Math.abs(a));
    peakN = Math.max(peakN, Math.abs(b));
    sum += (a - b) ** 2;
    worst = Math.max(worst, Math.abs(a - b));
  }
  return { rmsRelative: Math.sqrt(sum / s.time.length) / peakM, maxRelative: worst / peakM, peakMpnp: peakM, peakNcm: peakN };
}

function overlaySpec(mpnp: MpnpRun, ncm: CircuitRun, title: string): vl.TopLevelSpec {
  const s = mpnp.series;
  const rows: Array<Record<string, number | string>> = [];
  s.time.forEach((_, k) => rows.push({ E: s.phiM[k]!, I: s.totalCurrent![k]! * 1e3, order: k, model: 'mPNP' }));
  const n = ncmCurrent(ncm);
  const tEnd = s.time[s.time.length - 1]!;
  const step = Math.max(1, Math.floor(n.time.length / 3000));
  for (let k = 0; k < n.time.length && n.time[k]! <= tEnd; k += step) rows.push({ E: n.applied[k]!, I: n.current[k]! * 1e3, order: k, model: 'NCM (extracted)' });
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

export async function runMultiscale(cfg: MpnpConfig, o: MultiscaleOptions): Promise<MultiscaleResult> {
  if (cfg.geometry.kind !== 'network') throw new NcmError('the multiscale workflow needs a nanoslit network (geometry.kind: network), not a planar half cell');
  const files = new Map<string, string>();
  o.onStage?.('mPNP');
  const mpnp = runMpnp(cfg, o.mpnp ?? {});
  for (const [name, text] of await mpnpOutputs(mpnp)) files.set(`mpnp/${name}`, text);

  o.onStage?.('extraction');
  const extraction = extractParameters(mpnp.series);
  const { open } = openSpace(mpnp.series, extraction, o.ropen, o.copen);
  const netlist = ncmNetlist(extraction, open, o.source);
  files.set('ncm.cir', netlist);
  files.set('extraction.json', JSON.stringify({ source: o.source, ...extraction, open }, null, 2) + '\n');
  const table = transSlitTable(mpnp.series, extraction);
  files.set('trans-slits.csv', table);

  o.onStage?.('NCM');
  const ncm = runCircuit(circuitFromText(netlist, 'ncm.cir'), { record: 'all' });
  for (const [name, text] of await runOutputFiles(ncm)) files.set(`ncm/${name}`, text);
  const agreement = cvAgreement(mpnp, ncm);
  files.set('cv-mpnp-vs-ncm.svg', await renderSvg(overlaySpec(mpnp, ncm, `${o.source}: mPNP and the extracted NCM`)));

  o.onStage?.('discovery');
  const k = o.transSlit;
  if (!Number.isInteger(k) || k < 1 || k > mpnp.series.current.length) {
    throw new NcmError(`--trans-slit ${k}: the electrode has trans-slits 1..${mpnp.series.current.length}`, { exitCode: 2 });
  }
  const s = mpnp.series;
  const target = Float64Array.from(s.time, (_, r) => s.phi[k]![r]! - s.phi[k - 1]![r]!);
  const features = [`I_${k}`, `Q_${k}`];
  const data: DiscoveryData = { names: features, features: [s.current[k - 1]!, s.charge[k - 1]!], target };
  // The series are in SI: the dimensional check rules out exp(657 I)-type models (docs/discovery.md).
  const d = discover(data, { seed: o.seed, generations: o.generations, units: { features: ['A', 'C'], target: 'V' } });
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
    cvAgreement: agreement,
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
  return { mpnp, extraction, netlist, ncm, agreement, discovered, files };
}
