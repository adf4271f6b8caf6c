/** Independent current source: the current flows from n+ through the source to n- (SPICE). */
import type { CurrentSourceElement, Waveform } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import { waveformBreakpoints, waveformValue } from './waveform.js';

export class CurrentSourceDevice implements Device {
  readonly branchCount = 0;
  readonly stateCount = 0;
  readonly nonlinear = false;
  readonly handles = new Int32Array(0);
  private p = 0;
  private m = 0;
  waveform: Waveform;

  constructor(readonly element: CurrentSourceElement) {
    this.waveform = element.waveform;
  }

  setup(ctx: SetupContext): void {
    this.p = ctx.node(this.element.nodes[0]!);
    this.m = ctx.node(this.element.nodes[1]!);
  }

  load(ctx: LoadContext): void {
    const i = ctx.srcFactor * waveformValue(this.waveform, ctx.time);
    ctx.b[this.p] -= i;
    ctx.b[this.m] += i;
  }

  /** Open for the small signal, driven by its `AC` phasor if it has one. */
  acLoad(ctx: AcLoadContext): void {
    const ac = this.element.ac;
    if (!ac) return;
    const ph = (ac.phaseDeg * Math.PI) / 180;
    const re = ac.magnitude * Math.cos(ph);
    const im = ac.magnitude * Math.sin(ph);
    ctx.bRe[this.p] -= re;
    ctx.bRe[this.m] += re;
    ctx.bIm[this.p] -= im;
    ctx.bIm[this.m] += im;
  }

  breakpoints(tstop: number, out: number[]): void {
    waveformBreakpoints(this.waveform, tstop, out);
  }

  probes(): Probe[] {
    return [];
  }
}
