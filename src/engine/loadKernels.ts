/**
 * Per-kind load kernels (issue 12): the parameters, nodes and matrix handles of every device of the
 * common kinds (C, R, RDYN controlled by a linear capacitor, V, I) copied once into struct-of-arrays
 * typed arrays, and one loop that stamps them all from those arrays through one small method per
 * kind (no virtual call, no object per device; V8 inlines the methods once the loop is optimised).
 * Devices of any other kind are loaded through their own `Device.load`.
 *
 * The loop visits the devices in the netlist's order, so every floating-point sum in the matrix and
 * the right-hand side is made in the same order, with the same operations, as the devices' own
 * `load` methods: the results are bit-identical (each kernel below mirrors its device's `load`;
 * `test/engine/loadKernels.test.ts` compares them). The devices' own stamp methods stay the
 * reference, used by forward sensitivities and small-signal analysis.
 */
import type { Device, LoadContext, StepWatch } from '../circuit/device.js';
import { CapacitorDevice } from '../circuit/capacitor.js';
import { CurrentSourceDevice } from '../circuit/currentSource.js';
import { ResistorDevice } from '../circuit/resistor.js';
import { DynamicResistorDevice, FACTOR_FLOOR, floorWarning, normalisedCharge, normalisedChargeSlope } from '../circuit/rdyn.js';
import { VoltageSourceDevice } from '../circuit/voltageSource.js';

const K_OTHER = 0;
const K_C = 1;
const K_R = 2;
const K_RDYN = 3;
const K_V = 4;
const K_I = 5;

/** The state a kernel needs from the engine: the LoadContext plus the state arrays `integrate` writes. */
export interface KernelContext extends LoadContext {
  readonly q0: Float64Array;
  readonly dq0: Float64Array;
  readonly hist: Float64Array;
}

export class LoadKernels {
  /** Kind of each device (K_*) and its index among the devices of that kind. */
  private readonly kind: Uint8Array;
  private readonly slot: Int32Array;
  // C: capacitance, nodes, state, 4 handles each.
  private readonly cC: Float64Array;
  private readonly cNode: Int32Array;
  private readonly cState: Int32Array;
  private readonly cH: Int32Array;
  // R: conductance, 4 handles each.
  private readonly rG: Float64Array;
  private readonly rH: Int32Array;
  // RDYN: RC, GAMMA, QMAX (shared with the device: QMAX=peak updates it), controlling capacitance,
  // its own two nodes and the capacitor's two, 8 handles each.
  private readonly dRc: Float64Array;
  private readonly dGamma: Float64Array;
  readonly dQmax: Float64Array;
  private readonly dCap: Float64Array;
  private readonly dNode: Int32Array;
  private readonly dH: Int32Array;
  // V: branch unknown and 4 handles; the value comes from the device (its waveform may be replaced).
  private readonly vBranch: Int32Array;
  private readonly vH: Int32Array;
  private readonly vDev: VoltageSourceDevice[] = [];
  private readonly iDev: CurrentSourceDevice[] = [];
  /**
   * FACTOR_FLOOR read from a typed array: as an imported (or, bundled, module-level) constant it is
   * a tagged number to V8, and `f = FACTOR_FLOOR` below then boxes f for every RDYN and iteration
   * (32 MB per 2000 assemblies of the 1000-layer NCM, and 2-3x the time; issue 12).
   */
  private readonly floor = Float64Array.of(FACTOR_FLOOR);
  /** Number of devices loaded by a kernel (the rest go through Device.load). */
  readonly kernelled: number;

  constructor(
    private readonly devices: Device[],
    /** MNA unknown of a circuit node (ground: the trash index). */
    node: (n: number) => number,
  ) {
    const nd = devices.length;
    this.kind = new Uint8Array(nd);
    this.slot = new Int32Array(nd);
    const count = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < nd; i++) {
      const d = devices[i]!;
      const k =
        d instanceof CapacitorDevice
          ? K_C
          : d instanceof ResistorDevice
            ? K_R
            : d instanceof DynamicResistorDevice && d.control instanceof CapacitorDevice
              ? K_RDYN
              : d instanceof VoltageSourceDevice
                ? K_V
                : d instanceof CurrentSourceDevice
                  ? K_I
                  : K_OTHER;
      this.kind[i] = k;
      this.slot[i] = count[k]!++;
    }
    this.kernelled = nd - count[K_OTHER]!;
    const [, nc, nr, nrd, nv] = count as [number, number, number, number, number, number];
    this.cC = new Float64Array(nc);
    this.cNode = new Int32Array(2 * nc);
    this.cState = new Int32Array(nc);
    this.cH = new Int32Array(4 * nc);
    this.rG = new Float64Array(nr);
    this.rH = new Int32Array(4 * nr);
    this.dRc = new Float64Array(nrd);
    this.dGamma = new Float64Array(nrd);
    this.dQmax = new Float64Array(nrd);
    this.dCap = new Float64Array(nrd);
    this.dNode = new Int32Array(4 * nrd);
    this.dH = new Int32Array(8 * nrd);
    this.vBranch = new Int32Array(nv);
    this.vH = new Int32Array(4 * nv);
    for (let i = 0; i < nd; i++) {
      const d = devices[i]!;
      const j = this.slot[i]!;
      const h = d.handles;
      switch (this.kind[i]) {
        case K_C: {
          const c = d as CapacitorDevice;
          this.cC[j] = c.capacitance;
          this.cNode[2 * j] = c.p;
          this.cNode[2 * j + 1] = c.m;
          this.cState[j] = c.state;
          this.cH.set(h.subarray(0, 4), 4 * j);
          break;
        }
        case K_R:
          this.rG[j] = 1 / (d as ResistorDevice).element.resistance;
          this.rH.set(h.subarray(0, 4), 4 * j);
          break;
        case K_RDYN: {
          const r = d as DynamicResistorDevice;
          const ctl = r.control as CapacitorDevice;
          this.dRc[j] = r.element.rc;
          this.dGamma[j] = r.element.gamma;
          this.dCap[j] = ctl.capacitance;
          this.dNode[4 * j] = node(r.element.nodes[0]!);
          this.dNode[4 * j + 1] = node(r.element.nodes[1]!);
          this.dNode[4 * j + 2] = ctl.p;
          this.dNode[4 * j + 3] = ctl.m;
          this.dH.set(h.subarray(0, 8), 8 * j);
          r.shareQmax(this.dQmax, j);
          break;
        }
        case K_V: {
          const v = d as VoltageSourceDevice;
          this.vBranch[j] = v.branch;
          this.vH.set(h.subarray(0, 4), 4 * j);
          this.vDev.push(v);
          break;
        }
        case K_I:
          this.iDev.push(d as CurrentSourceDevice);
          break;
      }
    }
  }

  /**
   * Stamps every device at ctx.x into ctx.a and ctx.b (zeroed by the caller), in the devices' order.
   * Each kind is stamped by a small method of its own. V8 optimises those after a few hundred
   * devices, within the first call, while this loop waits for its own optimisation; with the
   * stamps written inline here the first assemblies of a short run ran interpreted, boxing every
   * number (issue 12). Once this loop is optimised they are inlined back.
   */
  load(ctx: KernelContext): void {
    const { x, a, b, q0, dq0, hist } = ctx;
    const ag0 = ctx.ag0;
    const { kind, slot, devices } = this;
    const nd = kind.length;
    for (let i = 0; i < nd; i++) {
      const j = slot[i]!;
      switch (kind[i]) {
        case K_C:
          this.stampCapacitor(j, x, a, b, q0, dq0, hist, ag0);
          break;
        case K_RDYN:
          this.stampRdyn(j, x, a, b);
          break;
        case K_R:
          this.stampResistor(j, a);
          break;
        case K_V:
          this.stampVoltageSource(j, a, b, ctx.srcFactor * this.vDev[j]!.value(ctx.time));
          break;
        case K_I:
          this.iDev[j]!.load(ctx);
          break;
        default:
          devices[i]!.load(ctx);
      }
    }
  }

  /** CapacitorDevice.load */
  private stampCapacitor(j: number, x: Float64Array, a: Float64Array, b: Float64Array, q0: Float64Array, dq0: Float64Array, hist: Float64Array, ag0: number): void {
    const cNode = this.cNode;
    const cH = this.cH;
    const c = this.cC[j]!;
    const p = cNode[2 * j]!;
    const m = cNode[2 * j + 1]!;
    const v = x[p]! - x[m]!;
    const s = this.cState[j]!;
    const q = c * v;
    q0[s] = q;
    const ic = ag0 * q + hist[s]!;
    dq0[s] = ic;
    const g = ag0 * c;
    const h = 4 * j;
    a[cH[h]!] += g;
    a[cH[h + 1]!] -= g;
    a[cH[h + 2]!] -= g;
    a[cH[h + 3]!] += g;
    const ieq = ic - g * v;
    b[p] -= ieq;
    b[m] += ieq;
  }

  /** DynamicResistorDevice.load */
  private stampRdyn(j: number, x: Float64Array, a: Float64Array, b: Float64Array): void {
    const dNode = this.dNode;
    const dH = this.dH;
    const p = dNode[4 * j]!;
    const m = dNode[4 * j + 1]!;
    const vd = x[p]! - x[m]!;
    const vc = x[dNode[4 * j + 2]!]! - x[dNode[4 * j + 3]!]!;
    const cap = this.dCap[j]!;
    const q = cap * vc;
    const gamma = this.dGamma[j]!;
    const qmax = this.dQmax[j]!;
    const floor = this.floor[0]!;
    let f = 1 - gamma * normalisedCharge(q, qmax);
    let dfdq = -gamma * normalisedChargeSlope(q, qmax);
    if (f < floor) {
      f = floor;
      dfdq = 0;
    }
    const rc = this.dRc[j]!;
    const r = rc * f;
    const gd = 1 / r;
    const i = vd * gd;
    const gq = -vd * rc * dfdq * gd * gd * cap;
    const h = 8 * j;
    a[dH[h]!] += gd;
    a[dH[h + 1]!] -= gd;
    a[dH[h + 2]!] -= gd;
    a[dH[h + 3]!] += gd;
    a[dH[h + 4]!] += gq;
    a[dH[h + 5]!] -= gq;
    a[dH[h + 6]!] -= gq;
    a[dH[h + 7]!] += gq;
    const ieq = i - gd * vd - gq * vc;
    b[p] -= ieq;
    b[m] += ieq;
  }

  /** ResistorDevice.load */
  private stampResistor(j: number, a: Float64Array): void {
    const rH = this.rH;
    const g = this.rG[j]!;
    const h = 4 * j;
    a[rH[h]!] += g;
    a[rH[h + 1]!] -= g;
    a[rH[h + 2]!] -= g;
    a[rH[h + 3]!] += g;
  }

  /** VoltageSourceDevice.load, with its value (srcFactor x waveform) computed by the caller. */
  private stampVoltageSource(j: number, a: Float64Array, b: Float64Array, value: number): void {
    const vH = this.vH;
    const h = 4 * j;
    a[vH[h]!] += 1;
    a[vH[h + 1]!] -= 1;
    a[vH[h + 2]!] += 1;
    a[vH[h + 3]!] -= 1;
    b[this.vBranch[j]!] += value;
  }

  /** True when `device` is an RDYN whose step watch `rdynWatch` keeps (instead of the device's own). */
  watchesRdyn(index: number): boolean {
    return this.kind[index] === K_RDYN;
  }

  /**
   * One watch for all the RDYNs of the kernels (the same test as `DynamicResistorDevice.watch`, in
   * arrays: no closure call and no boxed number per device and step); `warning(i)` is the warning
   * of device i (an RDYN of the kernels).
   */
  rdynWatch(): { accept: StepWatch['accept']; warning(device: number): string | undefined } {
    const nrd = this.dRc.length;
    const onFloor = new Float64Array(nrd);
    const qPeak = new Float64Array(nrd);
    const { dNode, dCap, dGamma, dQmax } = this;
    let t0 = NaN;
    let tPrev = NaN;
    return {
      accept: (t, x) => {
        const first = Number.isNaN(t0);
        if (first) t0 = t;
        const dt = t - tPrev;
        for (let j = 0; j < nrd; j++) {
          const q = dCap[j]! * (x[dNode[4 * j + 2]!]! - x[dNode[4 * j + 3]!]!);
          if (!first && 1 - dGamma[j]! * normalisedCharge(q, dQmax[j]!) <= FACTOR_FLOOR) onFloor[j] += dt;
          const aq = Math.abs(q);
          if (aq > qPeak[j]!) qPeak[j] = aq;
        }
        tPrev = t;
      },
      warning: (device) => {
        const j = this.slot[device]!;
        return floorWarning(this.devices[device]!.element.name, onFloor[j]!, tPrev - t0, qPeak[j]!, dQmax[j]!, dGamma[j]!);
      },
    };
  }

  /** Every device's states at x into `states`, in the devices' order (capacitors from the arrays). */
  storeStates(x: Float64Array, states: Float64Array): void {
    const { kind, slot, devices, cC, cNode, cState } = this;
    for (let i = 0; i < kind.length; i++) {
      const k = kind[i]!;
      if (k === K_C) {
        const j = slot[i]!;
        states[cState[j]!] = cC[j]! * (x[cNode[2 * j]!]! - x[cNode[2 * j + 1]!]!);
      } else if (k === K_OTHER) devices[i]!.storeStates?.(x, states);
    }
  }
}
