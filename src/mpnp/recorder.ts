/**
 * Collects the per-slit series during a run: phi_i at the slit middles, Q_i, the trans-slit
 * currents I_i with their migration / diffusion / steric / displacement parts, the total current
 * I_m through the reservoir boundary (ions + displacement) and the electrode charge Q_el.
 * Signs follow src/io/series.ts: I_i > 0 when positive charge flows toward the reservoir.
 */
import type { SlitSeries } from '../series/slitSeries.js';
import { cutCurrent, type CutCurrent } from './cutCurrent.js';
import type { Bdf2Integrator } from './integrator.js';
import { probePotential, type SlitBookkeeping } from './network.js';
import { electrodeCharge, ionicCharge, reservoirFieldFlux, reservoirIonCurrent } from './observables.js';
import type { Scales } from './params.js';
import type { MpnpSystem } from './system.js';
import { InputError } from '../diagnostics.js';

export interface RecorderUnits {
  /** Coulomb (or C/m^2) per dimensionless charge. */
  charge: number;
  /** Ampere (or A/m^2) per dimensionless current. */
  current: number;
}

/** Growable column of doubles. */
class Column {
  data = new Float64Array(256);
  n = 0;
  push(v: number): void {
    if (this.n === this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.n++] = v;
  }
  get values(): Float64Array {
    return this.data.slice(0, this.n);
  }
}

export interface OpenSpaceParts {
  time: Float64Array;
  total: Float64Array;
  migration: Float64Array;
  diffusion: Float64Array;
  steric: Float64Array;
  displacement: Float64Array;
}

export interface RecorderState {
  columns: Float64Array[];
  f1: Float64Array;
  f2: Float64Array;
  started: boolean;
}

export class SeriesRecorder {
  private readonly sys: MpnpSystem;
  private readonly s: Scales;
  private readonly slits: SlitBookkeeping[];
  private readonly openCut: Int32Array | null;
  readonly units: RecorderUnits;
  private readonly cols: Record<string, Column> = {};
  private readonly phi: Column[];
  private readonly q: Column[];
  private readonly cur: Column[][];
  private readonly open: Column[];
  /** field fluxes of [reservoir, open cut, cut 1..N-1] at the last two records. */
  private readonly f1: Float64Array;
  private readonly f2: Float64Array;
  private readonly fNow: Float64Array;
  private readonly tmp: CutCurrent = { total: 0, migration: 0, diffusion: 0, steric: 0, fieldFlux: 0 };
  private readonly tmpOpen: CutCurrent = { total: 0, migration: 0, diffusion: 0, steric: 0, fieldFlux: 0 };
  private started = false;

  constructor(sys: MpnpSystem, scales: Scales, slits: SlitBookkeeping[], openCut: Int32Array | null, units: RecorderUnits) {
    this.sys = sys;
    this.s = scales;
    this.slits = slits;
    this.openCut = openCut;
    this.units = units;
    for (const k of ['time', 'phiM', 'iM', 'qEl']) this.cols[k] = new Column();
    this.phi = slits.map(() => new Column());
    this.q = slits.map(() => new Column());
    this.cur = slits.slice(1).map(() => [0, 1, 2, 3, 4].map(() => new Column()));
    this.open = [0, 1, 2, 3, 4].map(() => new Column());
    const nf = 2 + Math.max(0, slits.length - 1);
    this.f1 = new Float64Array(nf);
    this.f2 = new Float64Array(nf);
    this.fNow = new Float64Array(nf);
  }

  /** Records the current state; integ supplies the BDF coefficients of the step just taken (null at rest). */
  record(integ: Bdf2Integrator | null): void {
    const sys = this.sys;
    const s = this.s;
    const d = (k: number): number => (integ && this.started ? integ.derivative(this.fNow[k]!, this.f1[k]!, this.f2[k]!) : 0);
    const tRes = reservoirIonCurrent(sys);
    this.fNow[0] = reservoirFieldFlux(sys);
    const open = this.openCut && this.openCut.length > 0 ? cutCurrent(sys, this.openCut, this.tmpOpen) : null;
    this.fNow[1] = open ? open.fieldFlux : 0;
    this.cols.time!.push((integ ? integ.t : 0) * s.time);
    this.cols.phiM!.push(sys.phiM * s.thermalVoltage);
    // I_m: current into the electrode = charge leaving through the reservoir face (ions + displacement)
    this.cols.iM!.push((tRes + 2 * d(0)) * this.units.current);
    this.cols.qEl!.push(electrodeCharge(sys) * this.units.charge);
    if (open) {
      // toward the reservoir (-x) positive, as for I_i
      const disp = 2 * d(1);
      this.open[0]!.push(-(open.total + disp) * this.units.current);
      this.open[1]!.push(-open.migration * this.units.current);
      this.open[2]!.push(-open.diffusion * this.units.current);
      this.open[3]!.push(-open.steric * this.units.current);
      this.open[4]!.push(-disp * this.units.current);
    }
    this.slits.forEach((sl, i) => {
      const x = sys.x;
      this.phi[i]!.push(probePotential(sl, x) * s.thermalVoltage);
      this.q[i]!.push(ionicCharge(sys, sl.cells) * this.units.charge);
      if (i === this.slits.length - 1) return;
      const c = cutCurrent(sys, sl.cut, this.tmp);
      this.fNow[2 + i] = c.fieldFlux;
      const disp = 2 * d(2 + i);
      const cols = this.cur[i]!;
      cols[0]!.push(-(c.total + disp) * this.units.current);
      cols[1]!.push(-c.migration * this.units.current);
      cols[2]!.push(-c.diffusion * this.units.current);
      cols[3]!.push(-c.steric * this.units.current);
      cols[4]!.push(-disp * this.units.current);
    });
    this.f2.set(this.f1);
    this.f1.set(this.fNow);
    this.started = true;
  }

  /** All columns and the derivative history, for checkpoints. */
  exportState(): RecorderState {
    const all = this.allColumns();
    return { columns: all.map((c) => c.values), f1: Float64Array.from(this.f1), f2: Float64Array.from(this.f2), started: this.started };
  }

  importState(st: RecorderState): void {
    const all = this.allColumns();
    if (st.columns.length !== all.length) throw new InputError(`checkpoint has ${st.columns.length} series columns, the model ${all.length}`);
    all.forEach((c, i) => {
      const v = st.columns[i]!;
      c.data = new Float64Array(Math.max(256, v.length * 2));
      c.data.set(v);
      c.n = v.length;
    });
    this.f1.set(st.f1);
    this.f2.set(st.f2);
    this.started = st.started;
  }

  private allColumns(): Column[] {
    return [...Object.values(this.cols), ...this.phi, ...this.q, ...this.cur.flat(), ...this.open];
  }

  /** I_m of the last record, A (or A/m^2). */
  lastCurrent(): number {
    const c = this.cols.iM!;
    return c.n > 0 ? c.data[c.n - 1]! : 0;
  }

  /** Times (s) and I_m recorded so far. */
  timeAndCurrent(): { time: Float64Array; current: Float64Array } {
    return { time: this.cols.time!.values, current: this.cols.iM!.values };
  }

  get length(): number {
    return this.cols.time!.n;
  }

  toSeries(meta: Record<string, string | number>): SlitSeries {
    return {
      meta,
      time: this.cols.time!.values,
      phiM: this.cols.phiM!.values,
      phi: this.phi.map((c) => c.values),
      charge: this.q.map((c) => c.values),
      current: this.cur.map((c) => c[0]!.values),
      parts: {
        migration: this.cur.map((c) => c[1]!.values),
        diffusion: this.cur.map((c) => c[2]!.values),
        steric: this.cur.map((c) => c[3]!.values),
        displacement: this.cur.map((c) => c[4]!.values),
      },
      totalCurrent: this.cols.iM!.values,
      electrodeCharge: this.cols.qEl!.values,
    };
  }

  openSpace(): OpenSpaceParts | null {
    if (!this.openCut || this.openCut.length === 0) return null;
    return {
      time: this.cols.time!.values,
      total: this.open[0]!.values,
      migration: this.open[1]!.values,
      diffusion: this.open[2]!.values,
      steric: this.open[3]!.values,
      displacement: this.open[4]!.values,
    };
  }
}
