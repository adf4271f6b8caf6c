/**
 * Independent voltage source. Its branch current (an MNA unknown) flows from n+ through the source
 * to n- as in SPICE; the probe `i(name)` reports the opposite, the current the source delivers
 * into the circuit at n+ (positive while it charges a cell with a positive voltage).
 */
import type { VoltageSourceElement, Waveform } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import { waveformBreakpoints, waveformValue } from './waveform.js';
import type { ElementDeclaration } from './element.js';

export class VoltageSourceDevice implements Device {
  readonly branchCount = 1;
  readonly stateCount = 0;
  readonly nonlinear = false;
  readonly handles = new Int32Array(4);
  p = 0;
  m = 0;
  branch = 0;
  /** The excitation (an analysis that drives this source does so through its element: src/analyses/drive.ts). */
  private waveform: Waveform;

  constructor(readonly element: VoltageSourceElement) {
    this.waveform = element.waveform;
  }

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
    this.branch = ctx.firstBranch;
    const k = this.branch;
    const h = this.handles;
    h[0] = ctx.entry(this.p, k);
    h[1] = ctx.entry(this.m, k);
    h[2] = ctx.entry(k, this.p);
    h[3] = ctx.entry(k, this.m);
  }

  value(t: number): number {
    return waveformValue(this.waveform, t);
  }

  load(ctx: LoadContext): void {
    const a = ctx.a;
    const h = this.handles;
    a[h[0]!] += 1;
    a[h[1]!] -= 1;
    a[h[2]!] += 1;
    a[h[3]!] -= 1;
    ctx.b[this.branch] += ctx.srcFactor * waveformValue(this.waveform, ctx.time);
  }

  /** A short for the small signal, driven by its `AC` phasor if it has one. */
  acLoad(ctx: AcLoadContext): void {
    const g = ctx.g;
    const h = this.handles;
    g[h[0]!] += 1;
    g[h[1]!] -= 1;
    g[h[2]!] += 1;
    g[h[3]!] -= 1;
    const ac = this.element.ac;
    if (ac) {
      const ph = (ac.phaseDeg * Math.PI) / 180;
      ctx.bRe[this.branch] += ac.magnitude * Math.cos(ph);
      ctx.bIm[this.branch] += ac.magnitude * Math.sin(ph);
    }
  }

  breakpoints(tstop: number, out: number[]): void {
    waveformBreakpoints(this.waveform, tstop, out);
  }

  setWaveform(w: Waveform): void {
    this.waveform = w;
  }

  /** Current delivered into the circuit at n+ (minus the SPICE branch current). */
  current(x: Float64Array): number {
    return -x[this.branch]!;
  }

  probes(): Probe[] {
    return [{ label: `i(${this.element.key})`, unit: 'A', read: (x) => this.current(x) }];
  }
}

/** The voltage source, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const voltageSource: ElementDeclaration<VoltageSourceElement> = {
  kind: 'V',
  letter: 'V',
  noun: 'voltage source',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'value', name: 'DC', unit: 'V', description: 'DC value (the word DC is optional), or a PULSE(...), PWL(...) or SIN(...) waveform' },
    { position: 'value', name: 'AC', unit: 'V', description: 'AC <magnitude> [<phase in degrees>]: the small-signal excitation of .ac' },
  ],
  syntax: 'source',
  form: '`V<name> n+ n- [DC] <volt> [AC <mag> [<phase_deg>]]` or `V<name> n+ n- PULSE(...)|PWL(...)|SIN(...)`',
  example: 'V1 in 0 PULSE(0 1 0 1n 1n 5u 10u)',
  conductsDc: () => true,
  fixesDcVoltage: true,
  spiceLetter: 'V',
  device: (e) => new VoltageSourceDevice(e),
};
