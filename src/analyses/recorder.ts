/**
 * Records waveforms at accepted time points into growing typed arrays (capacity doubles, so the
 * per-step cost is amortised O(1) with no allocation on most steps).
 */
import type { Circuit, SaveTarget } from '../circuit/circuit.js';
import type { Probe } from '../circuit/device.js';
import { NcmError } from '../diagnostics.js';
import type { Mna } from '../engine/mna.js';

export interface Waveforms {
  labels: string[];
  units: string[];
  columns: Float64Array[];
  length: number;
}

export class Recorder {
  readonly probes: Probe[];
  private cols: Float64Array[];
  private time: Float64Array;
  length = 0;

  /** State derivatives of the accepted point (the integrator's, updated in place), for i(C) probes. */
  private readonly dq: Float64Array | undefined;

  constructor(probes: Probe[], capacity = 1024, dq?: Float64Array) {
    this.probes = probes;
    this.dq = dq;
    this.time = new Float64Array(capacity);
    this.cols = probes.map(() => new Float64Array(capacity));
  }

  push(t: number, x: Float64Array): void {
    if (this.length === this.time.length) this.grow();
    const k = this.length++;
    this.time[k] = t;
    const p = this.probes;
    for (let i = 0; i < p.length; i++) this.cols[i]![k] = p[i]!.read(x, this.dq);
  }

  /** Withdraws the points recorded after time t. */
  retract(t: number): void {
    while (this.length > 0 && this.time[this.length - 1]! > t) this.length--;
  }

  /** Drops the points recorded so far (e.g. before tstart). */
  clear(): void {
    this.length = 0;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const g = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.time = g(this.time);
    this.cols = this.cols.map(g);
  }

  column(label: string): Float64Array {
    const i = this.probes.findIndex((p) => p.label === label);
    if (i < 0) throw new Error(`no recorded column ${label}`);
    return this.cols[i]!.subarray(0, this.length);
  }

  get times(): Float64Array {
    return this.time.subarray(0, this.length);
  }

  waveforms(): Waveforms {
    return {
      labels: ['time', ...this.probes.map((p) => p.label)],
      units: ['s', ...this.probes.map((p) => p.unit)],
      columns: [this.time.slice(0, this.length), ...this.cols.map((c) => c.slice(0, this.length))],
      length: this.length,
    };
  }
}

/**
 * The probes of a run: the circuit's `.save` targets, or by default every node voltage, every
 * device probe (voltage-source and inductor currents, capacitor charges); `minimal` keeps only
 * the voltage-source currents.
 */
export function selectProbes(circuit: Circuit, mna: Mna, mode: 'all' | 'minimal' = 'all'): Probe[] {
  const out = baseProbes(circuit, mna, mode);
  // Quantities a `.meas` reads are recorded too (after the others, so the usual columns keep their places).
  const have = new Set(out.map((p) => p.label));
  for (const t of circuit.measureSignals ?? []) {
    if (have.has(t.label.toLowerCase())) continue;
    out.push(probeOf(mna, t, '.meas'));
    have.add(t.label.toLowerCase());
  }
  return out;
}

function probeOf(mna: Mna, s: SaveTarget, what: string): Probe {
  if (s.kind === 'v') {
    const a = s.node === 0 ? mna.n : s.node - 1;
    const b = s.ref === 0 ? mna.n : s.ref - 1;
    return { label: s.label.toLowerCase(), unit: 'V', read: (x) => x[a]! - x[b]! };
  }
  const label = `${s.kind}(${s.element.toLowerCase()})`;
  for (const d of mna.devices) {
    if (d.element.key !== s.element) continue;
    const p = d.probes().find((q) => q.label === label);
    if (p) return { ...p, label: s.label.toLowerCase() };
  }
  // elaborate.ts rejects these with a position; this guards library callers that build circuits by hand.
  throw new NcmError(`${what} ${s.label}: ${s.element} has no ${s.kind === 'i' ? 'current probe' : 'charge (only capacitors do)'}`);
}

function baseProbes(circuit: Circuit, mna: Mna, mode: 'all' | 'minimal'): Probe[] {
  const nodeProbe = (node: number, ref: number, label: string): Probe => {
    const a = node === 0 ? mna.n : node - 1;
    const b = ref === 0 ? mna.n : ref - 1;
    return { label, unit: 'V', read: (x) => x[a]! - x[b]! };
  };
  if (circuit.saves.length > 0 && mode === 'all') return circuit.saves.map((s) => probeOf(mna, s, '.save'));
  const out: Probe[] = [];
  if (mode === 'all') for (let i = 1; i < circuit.nodeNames.length; i++) out.push(nodeProbe(i, 0, `v(${circuit.nodeNames[i]})`));
  for (const d of mna.devices) {
    for (const p of d.probes()) {
      if (p.onRequest) continue; // RDYN resistances, resistor and capacitor currents: only on request
      if (mode === 'minimal' && !(p.label.startsWith('i(') && d.element.kind === 'V')) continue;
      out.push(p);
    }
  }
  return out;
}
