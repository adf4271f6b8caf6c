/**
 * The element side of forward sensitivities: for one parameter, the devices whose stamps change when
 * it moves (built from the circuits elaborated at p + delta and p - delta), set up on the very
 * matrix positions of the running MNA system, and the residual F(x) = A(x) x - b(x) of a device set
 * at a given iterate, time and integration formula. dF/dp is the central difference of these
 * residuals: the element's own stamp, no circuit solve. Every element kind is covered this way,
 * including kinds added later, since only `Device.setup/load/storeStates` are called.
 */
import type { Circuit } from '../circuit/circuit.js';
import type { Device, LoadContext, PeakParameter, SetupContext } from '../circuit/device.js';
import { createDevice } from '../circuit/registry.js';
import { SwitchDevice } from '../circuit/switch.js';
import { InputError } from '../diagnostics.js';
import type { Mna } from './mna.js';

/** One parameter, elaborated both ways: the derivative is (F(plus) - F(minus)) / span. */
export interface ParameterPerturbation {
  name: string;
  plus: Circuit;
  minus: Circuit;
  /** (p + delta) - (p - delta). */
  span: number;
}

/** Where each device of the MNA system keeps its branches and states, and the matrix position of (row, col). */
export class MnaLayout {
  readonly firstBranch: number[] = [];
  readonly firstState: number[] = [];
  readonly index = new Map<string, number>();
  /** Column of each matrix position (CSC), for A x. */
  readonly colOf: Int32Array;

  constructor(readonly mna: Mna) {
    let nb = mna.nodeUnknowns;
    let ns = 0;
    mna.devices.forEach((d, i) => {
      this.firstBranch.push(nb);
      this.firstState.push(ns);
      this.index.set(d.element.key, i);
      nb += d.branchCount;
      ns += d.stateCount;
    });
    const { colPtr, n, nnz } = mna.matrix;
    this.colOf = new Int32Array(nnz);
    for (let j = 0; j < n; j++) for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) this.colOf[p] = j;
  }

  /** Position of entry (row, col) in the value array; the trash slot for ground. */
  position(row: number, col: number): number {
    const { n, nnz, colPtr, rowIdx } = this.mna.matrix;
    if (row >= n || col >= n || row < 0 || col < 0) return nnz;
    for (let p = colPtr[col]!; p < colPtr[col + 1]!; p++) if (rowIdx[p] === row) return p;
    return -1;
  }

  /** Sets `device` up as the device at `slot` of the MNA system, its entries on the existing pattern. */
  setup(device: Device, slot: number, lookup: (key: string) => Device | undefined, touched?: Set<string>): void {
    const mna = this.mna;
    const n = mna.n;
    const ctx: SetupContext = {
      node: (node) => (node === 0 ? n : node - 1),
      groundIndex: n,
      firstBranch: this.firstBranch[slot]!,
      firstState: this.firstState[slot]!,
      entry: (r, c) => {
        const p = this.position(r, c);
        if (p < 0) throw new InputError(`${device.element.name}: its stamp moves with the parameter onto a matrix entry the circuit does not have; sensitivities need the same topology at every parameter value`, { loc: device.element.loc });
        return p;
      },
      device: (key) => {
        touched?.add(key.toLowerCase());
        return lookup(key.toLowerCase());
      },
      branchOf: (key) => {
        const j = this.index.get(key.toLowerCase());
        return j !== undefined && mna.devices[j]!.branchCount > 0 ? this.firstBranch[j] : undefined;
      },
      peakVoltageGuess: 1,
    };
    device.setup(ctx);
    device.bind?.();
  }
}

/** A LoadContext of its own (values, right-hand side, states) so that evaluating residuals never touches the running system. */
export class ResidualContext implements LoadContext {
  x: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  time = 0;
  srcFactor = 1;
  ag0 = 0;
  readonly hist: Float64Array;
  readonly q: Float64Array;

  constructor(private readonly layout: MnaLayout) {
    const mna = layout.mna;
    this.x = new Float64Array(mna.n + 1);
    this.a = new Float64Array(mna.matrix.nnz + 1);
    this.b = new Float64Array(mna.n + 1);
    this.hist = new Float64Array(mna.stateCount);
    this.q = new Float64Array(mna.stateCount);
  }

  integrate(state: number, value: number): number {
    this.q[state] = value;
    return this.ag0 * value + this.hist[state]!;
  }

  /** F = A(x) x - b(x) of the devices at x (by row, length n + 1; the last slot is ground). */
  residual(devices: readonly Device[], x: Float64Array, out: Float64Array): void {
    this.x = x;
    this.a.fill(0);
    this.b.fill(0);
    for (let i = 0; i < devices.length; i++) devices[i]!.load(this);
    const { rowIdx, nnz } = this.layout.mna.matrix;
    const colOf = this.layout.colOf;
    const a = this.a;
    out.fill(0);
    for (let p = 0; p < nnz; p++) {
      const v = a[p]!;
      if (v !== 0) out[rowIdx[p]!] += v * x[colOf[p]!]!;
    }
    const b = this.b;
    for (let i = 0; i < out.length; i++) out[i] -= b[i]!;
    out[out.length - 1] = 0;
  }
}

/** Element fields that are numbers, recursively (the values a parameter can move), ignoring the source location. */
function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || typeof a !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => k !== 'loc');
  const kb = Object.keys(b as object).filter((k) => k !== 'loc');
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/**
 * The devices one parameter moves, both ways. An element is moved when its values differ between the
 * two elaborations; a device that reads a moved element in its setup (RDYN reads its capacitor's C)
 * is moved with it. Elements the analysis replaced (the driven source) are not differentiated: the
 * analysis fixes their excitation.
 */
export class PerturbedDevices {
  /** Slots (device indices of the MNA system) that move. */
  readonly slots: number[];
  readonly plus: Device[];
  readonly minus: Device[];

  constructor(
    layout: MnaLayout,
    base: Circuit,
    readonly perturbation: ParameterPerturbation,
    dependents: ReadonlyMap<string, string[]>,
  ) {
    const mna = layout.mna;
    const plusBy = new Map(perturbation.plus.elements.map((e) => [e.key, e]));
    const minusBy = new Map(perturbation.minus.elements.map((e) => [e.key, e]));
    const baseBy = new Map(base.elements.map((e) => [e.key, e]));
    const moved = new Set<string>();
    for (const d of mna.devices) {
      const key = d.element.key;
      const b = baseBy.get(key);
      const ep = plusBy.get(key);
      const em = minusBy.get(key);
      if (!ep || !em || b?.kind !== ep.kind || em.kind !== ep.kind) {
        throw new InputError(`parameter ${perturbation.name}: the circuit's elements change with it (${d.element.name}); sensitivities need the same elements at every value`);
      }
      if (b !== d.element) continue; // replaced by the analysis (driven source)
      if (!sameValues(ep, em)) moved.add(key);
    }
    // Devices that read a moved element in setup move too (to closure).
    const queue = [...moved];
    while (queue.length > 0) {
      const k = queue.pop()!;
      for (const dep of dependents.get(k) ?? []) if (!moved.has(dep)) (moved.add(dep), queue.push(dep));
    }
    this.slots = [...moved].map((k) => layout.index.get(k)!).sort((a, b) => a - b);
    const build = (by: Map<string, Circuit['elements'][number]>): Device[] => {
      const made = new Map<string, Device>();
      for (const s of this.slots) {
        const key = mna.devices[s]!.element.key;
        made.set(key, createDevice(by.get(key)!));
      }
      const lookup = (key: string): Device | undefined => made.get(key) ?? mna.byKey.get(key);
      for (const s of this.slots) layout.setup(made.get(mna.devices[s]!.element.key)!, s, lookup);
      return this.slots.map((s) => made.get(mna.devices[s]!.element.key)!);
    };
    this.plus = build(plusBy);
    this.minus = build(minusBy);
  }

  /** Pairs (base, perturbed) of QMAX=peak parameters and of hysteretic switches, found once. */
  private peaks: { base: PeakParameter; copy: PeakParameter }[] | undefined;
  private switches: { base: SwitchDevice; copy: SwitchDevice }[] = [];

  /**
   * Copies what the run resolved into the base devices and the perturbed ones must share: RDYN
   * QMAX=peak (held at the run's value) and a hysteretic switch's committed state (held between
   * toggles). Called at the start and after every accepted step; allocates only on the first call.
   */
  sync(mna: Mna): void {
    if (!this.peaks) {
      this.peaks = [];
      for (let i = 0; i < this.slots.length; i++) {
        const base = mna.devices[this.slots[i]!]!;
        const peaks = base.peakParameters?.() ?? [];
        for (const d of [this.plus[i]!, this.minus[i]!]) {
          const mine = d.peakParameters?.() ?? [];
          for (let k = 0; k < mine.length; k++) this.peaks.push({ base: peaks[k]!, copy: mine[k]! });
          if (base instanceof SwitchDevice && d instanceof SwitchDevice) this.switches.push({ base, copy: d });
        }
      }
    }
    for (const p of this.peaks) p.copy.set(p.base.get());
    for (const s of this.switches) s.copy.holdState(s.base.on);
  }
}

/** For each element key, the keys of the devices that read it during setup (RDYN -> its capacitor). */
export function setupDependents(layout: MnaLayout): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const mna = layout.mna;
  mna.devices.forEach((d, slot) => {
    const touched = new Set<string>();
    layout.setup(createDevice(d.element), slot, (key) => mna.byKey.get(key), touched);
    for (const k of touched) {
      const list = out.get(k) ?? [];
      list.push(d.element.key);
      out.set(k, list);
    }
  });
  return out;
}
