/**
 * The modified-nodal-analysis system of one circuit: unknowns (node voltages, then branch
 * currents), devices, the fixed sparse pattern, its LU, and the assembly of the linearised
 * equations at an iterate. Built once per circuit and analysis; nothing here allocates per step.
 */
import type { Circuit, CircuitElement } from '../circuit/circuit.js';
import type { Device, LoadContext, SetupContext } from '../circuit/device.js';
import { createDevice } from '../circuit/registry.js';
import { NcmError, SingularMatrixError } from '../diagnostics.js';
import { sourcePeak } from '../circuit/waveform.js';
import { minimumDegreeOrder } from '../numeric/ordering.js';
import { SparseLu } from '../numeric/sparseLu.js';
import { LoadKernels } from './loadKernels.js';
import { PatternBuilder, type CscMatrix } from './sparsePattern.js';

export interface MnaBuildOptions {
  /** Voltage scale for RDYN QMAX=peak before any cycle ran (defaults to the largest source peak). */
  peakVoltageGuess?: number;
  /** Horizon over which source peaks are taken for that default. */
  horizon?: number;
}

export class Mna implements LoadContext {
  readonly circuit: Circuit;
  readonly devices: Device[];
  readonly byKey = new Map<string, Device>();
  /** Number of unknowns; also the index of ground in x and b. */
  readonly n: number;
  readonly nodeUnknowns: number;
  readonly stateCount: number;
  readonly nonlinear: boolean;
  readonly matrix: CscMatrix;
  readonly diag: Int32Array;
  readonly lu: SparseLu;
  /** Names of the unknowns for messages: `v(node)` or `i(source)`. */
  readonly unknownLabels: string[];
  /** Element owning a branch unknown, or connected to a node unknown (for locations). */
  readonly unknownElements: (CircuitElement | undefined)[];

  // LoadContext state. The scalars start as fractions and get their values in the constructor: a
  // field whose first value is a small integer and a later one a fraction changes the object's
  // hidden class mid-run, which throws away the load kernels' optimised code (issue 12).
  x: Float64Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  time = 0.5;
  srcFactor = 0.5;
  ag0 = 0.5;
  /** Present states (charges, fluxes), their derivatives, and the history part of the formula. */
  readonly q0: Float64Array;
  readonly dq0: Float64Array;
  readonly hist: Float64Array;
  /** Conductance to ground added on every node diagonal (gmin stepping); 0 normally. */
  gminDiag = 0.5;
  /**
   * The devices of the common kinds (C, R, RDYN, V, I) are stamped from struct-of-arrays copies of
   * their parameters in one loop, in the devices' order (bit-identical to their own `load`); any
   * other kind through `Device.load` (loadKernels.ts).
   */
  readonly kernels: LoadKernels;

  constructor(circuit: Circuit, opts: MnaBuildOptions = {}) {
    this.time = 0;
    this.srcFactor = 1;
    this.ag0 = 0;
    this.gminDiag = 0;
    this.circuit = circuit;
    this.devices = circuit.elements.map((e) => createDevice(e));
    for (const d of this.devices) this.byKey.set(d.element.key, d);
    const nodeUnknowns = circuit.nodeNames.length - 1;
    this.nodeUnknowns = nodeUnknowns;
    let nb = 0;
    let ns = 0;
    const firstBranch: number[] = [];
    const firstState: number[] = [];
    for (const d of this.devices) {
      firstBranch.push(nodeUnknowns + nb);
      firstState.push(ns);
      nb += d.branchCount;
      ns += d.stateCount;
    }
    const n = nodeUnknowns + nb;
    this.n = n;
    this.stateCount = ns;
    this.nonlinear = this.devices.some((d) => d.nonlinear);
    if (n === 0) throw new NcmError(`the circuit has no unknowns (no nodes besides ground)`);
    const labels: string[] = [];
    const owners: (CircuitElement | undefined)[] = [];
    for (let i = 1; i <= nodeUnknowns; i++) {
      labels.push(`v(${circuit.nodeNames[i]})`);
      owners.push(undefined);
    }
    for (const d of this.devices) {
      for (let k = 0; k < d.branchCount; k++) {
        labels.push(`i(${d.element.key})`);
        owners.push(d.element);
      }
      for (const node of d.element.nodes) if (node > 0 && owners[node - 1] === undefined) owners[node - 1] = d.element;
    }
    this.unknownLabels = labels;
    this.unknownElements = owners;
    for (const e of circuit.elements) {
      for (const node of e.nodes) {
        if (!Number.isInteger(node) || node < 0 || node > nodeUnknowns) {
          throw new NcmError(`${e.name}: node index ${node} is not a node of the circuit`, { loc: e.loc });
        }
      }
    }
    const peakGuess = opts.peakVoltageGuess ?? sourcePeak(circuit, opts.horizon ?? 0);
    const pattern = new PatternBuilder(n);
    const byKey = this.byKey;
    this.devices.forEach((d, idx) => {
      const ctx: SetupContext = {
        node: (node) => (node === 0 ? n : node - 1),
        groundIndex: n,
        firstBranch: firstBranch[idx]!,
        firstState: firstState[idx]!,
        entry: (r, c) => pattern.add(r === n ? -1 : r, c === n ? -1 : c),
        device: (key) => byKey.get(key.toLowerCase()),
        branchOf: (key) => {
          const j = this.devices.findIndex((o) => o.element.key === key.toLowerCase());
          return j >= 0 && this.devices[j]!.branchCount > 0 ? firstBranch[j] : undefined;
        },
        peakVoltageGuess: peakGuess,
      };
      d.setup(ctx);
    });
    const built = pattern.build();
    for (const d of this.devices) {
      const h = d.handles;
      for (let i = 0; i < h.length; i++) h[i] = built.remap(h[i]!);
      d.bind?.();
    }
    this.matrix = built.matrix;
    this.diag = built.diag;
    this.lu = new SparseLu(built.matrix, minimumDegreeOrder(built.matrix));
    this.a = new Float64Array(built.matrix.nnz + 1);
    this.b = new Float64Array(n + 1);
    this.x = new Float64Array(n + 1);
    this.q0 = new Float64Array(ns);
    this.dq0 = new Float64Array(ns);
    this.hist = new Float64Array(ns);
    this.kernels = new LoadKernels(this.devices, (node) => (node === 0 ? n : node - 1));
  }

  integrate(state: number, value: number): number {
    this.q0[state] = value;
    const d = this.ag0 * value + this.hist[state]!;
    this.dq0[state] = d;
    return d;
  }

  /** Fills matrix and right-hand side linearised at the iterate `x`. */
  /** Devices that stamped a stand-in for a non-finite linearisation during the last assembly. */
  unsettled = 0;

  markUnsettled(): void {
    this.unsettled++;
  }

  assemble(x: Float64Array): void {
    this.x = x;
    this.unsettled = 0;
    this.a.fill(0);
    this.b.fill(0);
    this.kernels.load(this);
    const g = this.gminDiag;
    if (g > 0) for (let i = 0; i < this.nodeUnknowns; i++) this.a[this.diag[i]!] += g;
  }

  /** Every device's states (charges, fluxes) at the iterate x, in the devices' order (capacitors from the kernels' arrays). */
  storeStates(x: Float64Array, states: Float64Array): void {
    this.kernels.storeStates(x, states);
  }

  /** Location-bearing element for an unknown (messages). */
  describeUnknown(i: number): { label: string; element: CircuitElement | undefined } {
    return { label: this.unknownLabels[i] ?? `unknown ${i}`, element: this.unknownElements[i] };
  }

  /** A clear error for a singular matrix at unknown `col`. */
  singularError(col: number, context: string): SingularMatrixError {
    const { label, element } = this.describeUnknown(col);
    let msg: string;
    if (col < this.nodeUnknowns) {
      const node = this.circuit.nodeNames[col + 1];
      msg =
        `singular matrix ${context}: node '${node}' is floating (no path to ground that fixes its voltage` +
        `${element ? `; it is connected to ${element.name}` : ''}). Connect it to the rest of the circuit, or add a large resistor to ground.`;
    } else {
      msg =
        `singular matrix ${context}: the current ${label} is undetermined: ${element?.name ?? 'a source'} forms a loop of voltage sources` +
        ` (and/or inductors) or is connected in parallel with another source. Remove one, or add a series resistance.`;
    }
    return new SingularMatrixError(msg, element ? { loc: element.loc, unknown: col } : { unknown: col });
  }
}
