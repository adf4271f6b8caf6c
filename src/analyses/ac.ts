/**
 * `.ac`: electrochemical impedance spectroscopy of a circuit. Every device is linearised at the bias
 * point (the DC operating point, or the state of the first `.cv` at a given time), the complex MNA
 * system is solved at each frequency, and the impedance seen by the one source with an `AC` value
 * is reported:
 *   V source: Z = V_ac / I, I the current the source delivers into the circuit at n+;
 *   I source: Z = (v(n-) - v(n+)) / I_ac, the voltage across the terminals into which it drives I_ac.
 */
import type { AcAnalysis, Circuit, CvAnalysis } from '../circuit/circuit.js';
import { CurrentSourceDevice } from '../circuit/currentSource.js';
import { VoltageSourceDevice } from '../circuit/voltageSource.js';
import { NcmError } from '../diagnostics.js';
import { operatingPoint } from '../engine/dcop.js';
import { Mna } from '../engine/mna.js';
import { readOptions } from '../engine/options.js';
import { SmallSignalSystem } from '../engine/smallSignal.js';
import { acFrequencies } from './acFrequencies.js';
import type { AcResult, AnalysisOptions } from './result.js';
import { runCv } from './cv.js';

export interface ImpedanceSpectrum {
  frequency: Float64Array;
  re: Float64Array;
  im: Float64Array;
}

/** Column labels of the `.ac` CSV. */
export { AC_COLUMNS } from '../circuit/measure.js';
import { AC_COLUMNS } from '../circuit/measure.js';

/** A spectrum as the `.ac` columns (frequency, re, im, |Z|, phase in degrees), with their units. */
export function impedanceColumns(frequency: Float64Array, re: Float64Array, im: Float64Array): { labels: string[]; units: string[]; columns: Float64Array[] } {
  const m = frequency.length;
  const mag = new Float64Array(m);
  const phase = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    mag[k] = Math.hypot(re[k]!, im[k]!);
    phase[k] = (Math.atan2(im[k]!, re[k]!) * 180) / Math.PI;
  }
  return { labels: [...AC_COLUMNS], units: ['Hz', 'ohm', 'ohm', 'ohm', 'deg'], columns: [frequency, re, im, mag, phase] };
}

interface Bias {
  x: Float64Array;
  description: string;
  /** RDYN QMAX values resolved by the CV (QMAX=peak), by element name. */
  qmax?: Record<string, number>;
  warnings: string[];
}

/** The bias state: the operating point, or the CV state at the given time (node voltages interpolated). */
function biasPoint(circuit: Circuit, analysis: AcAnalysis, mna: Mna, options: AnalysisOptions): Bias {
  if (analysis.bias.kind === 'op') {
    const op = operatingPoint(mna, readOptions(circuit.options), 0);
    return { x: op.x, description: `DC operating point (${op.method})`, warnings: op.warnings };
  }
  const t = analysis.bias.time;
  const cv = circuit.analyses.find((a): a is CvAnalysis => a.kind === 'cv')!;
  const r = runCv({ ...circuit, saves: [] }, cv, { ...options, record: 'all' });
  const w = r.waveforms!;
  const time = w.columns[0]!;
  const tEnd = time[w.length - 1]!;
  if (t > tEnd) throw new NcmError(`.ac: bias time at=${t} s is after the end of the CV (${tEnd} s)`, { loc: analysis.loc });
  let k = 1;
  while (k < w.length - 1 && time[k]! < t) k++;
  const t0 = time[k - 1]!;
  const t1 = time[k]!;
  const s = t1 > t0 ? (t - t0) / (t1 - t0) : 1;
  const x = new Float64Array(mna.n + 1);
  for (let i = 1; i < circuit.nodeNames.length; i++) {
    const col = w.columns[w.labels.indexOf(`v(${circuit.nodeNames[i]})`)]!;
    x[i - 1] = col[k - 1]! + s * (col[k]! - col[k - 1]!);
  }
  const qmax = r.summary.qmaxPeak?.qmax;
  return { x, description: `state of the CV at t = ${t} s`, ...(qmax ? { qmax } : {}), warnings: r.warnings };
}

/** Z(f) of the circuit's AC source for the analysis' frequency list (library entry point). */
export function impedanceSpectrum(circuit: Circuit, analysis: AcAnalysis, options: AnalysisOptions = {}): ImpedanceSpectrum & { bias: Bias } {
  const mna = new Mna(circuit);
  const bias = biasPoint(circuit, analysis, mna, options);
  if (bias.qmax) for (const p of mna.devices.flatMap((d) => d.peakParameters?.() ?? [])) p.set(bias.qmax[p.name] ?? p.get());
  const sys = new SmallSignalSystem(mna, bias.x, analysis.bias.kind === 'cv' ? analysis.bias.time : 0);
  const { src, sRe, sIm } = acSourcePhasor(mna, analysis);
  const node = (k: number): number => (k === 0 ? mna.n : k - 1);
  const frequency = acFrequencies(analysis);
  const m = frequency.length;
  const re = new Float64Array(m);
  const im = new Float64Array(m);
  const xr = new Float64Array(mna.n + 1);
  const xi = new Float64Array(mna.n + 1);
  for (let k = 0; k < m; k++) {
    sys.solve(2 * Math.PI * frequency[k]!, xr, xi);
    let nRe: number;
    let nIm: number;
    let dRe: number;
    let dIm: number;
    if (src instanceof VoltageSourceDevice) {
      nRe = sRe;
      nIm = sIm;
      dRe = -xr[src.branch]!;
      dIm = -xi[src.branch]!;
    } else {
      const p = node(src.element.nodes[0]!);
      const q = node(src.element.nodes[1]!);
      nRe = xr[q]! - xr[p]!;
      nIm = xi[q]! - xi[p]!;
      dRe = sRe;
      dIm = sIm;
    }
    const den = dRe * dRe + dIm * dIm;
    if (den === 0) throw new NcmError(`.ac: no small-signal current flows through ${src.element.name} at f = ${frequency[k]} Hz (the impedance is infinite)`, { loc: analysis.loc });
    re[k] = (nRe * dRe + nIm * dIm) / den;
    im[k] = (nIm * dRe - nRe * dIm) / den;
  }
  return { frequency, re, im, bias };
}

export function runAc(circuit: Circuit, analysis: AcAnalysis, options: AnalysisOptions = {}): AcResult {
  const started = performance.now();
  const z = impedanceSpectrum(circuit, analysis, options);
  const m = z.frequency.length;
  const f0 = z.frequency[0]!;
  const srcName = circuit.elements.find((e) => e.key === analysis.source)?.name ?? analysis.source;
  return {
    kind: 'ac',
    name: 'ac',
    analysis,
    waveforms: { ...impedanceColumns(z.frequency, z.re, z.im), length: m },
    summary: {
      analysis: 'ac',
      source: srcName,
      bias: z.bias.description,
      ...(z.bias.qmax ? { qmax: z.bias.qmax } : {}),
      impedance: 'Z = V_ac / I for a voltage source (I delivered into the circuit at n+); Z = (v(n-) - v(n+)) / I_ac for a current source',
      points: m,
      // Series capacitance of the lowest frequency, C = -1 / (omega Im Z): the capacitance an EIS fit reads there.
      lowFrequencyCapacitance: -1 / (2 * Math.PI * f0 * z.im[0]!),
      highFrequencyResistance: z.re[m - 1],
    },
    stats: undefined,
    warnings: z.bias.warnings,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The excitation of an `.ac` analysis: its source and phasor; a positioned error when the source has no AC value. */
export function acSourcePhasor(mna: Mna, analysis: AcAnalysis): { src: VoltageSourceDevice | CurrentSourceDevice; sRe: number; sIm: number } {
  const src = mna.byKey.get(analysis.source);
  if (!(src instanceof VoltageSourceDevice || src instanceof CurrentSourceDevice) || !src.element.ac) {
    throw new NcmError(`.ac: '${analysis.source}' is not a source with an AC value`, { loc: analysis.loc });
  }
  const ac = src.element.ac;
  const ph = (ac.phaseDeg * Math.PI) / 180;
  return { src, sRe: ac.magnitude * Math.cos(ph), sIm: ac.magnitude * Math.sin(ph) };
}
