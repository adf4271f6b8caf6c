/** Independent current source: the current flows from n+ through the source to n- (SPICE). */
import type { CurrentSourceElement, Waveform } from './circuit.js';
import type { AcLoadContext, Device, LoadContext, Probe, SetupContext } from './device.js';
import { waveformBreakpoints, waveformValue } from './waveform.js';
import type { ElementDeclaration } from './element.js';

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

  /** Time of the last load: the accepted point's time when a probe reads it. */
  private time = 0;

  load(ctx: LoadContext): void {
    this.time = ctx.time;
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

  /** i(I): the source's value, from n+ through the source to n- (SPICE). */
  probes(): Probe[] {
    return [{ label: `i(${this.element.key})`, unit: 'A', onRequest: true, read: () => waveformValue(this.waveform, this.time) }];
  }
}

/** The current source, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const currentSource: ElementDeclaration<CurrentSourceElement> = {
  kind: 'I',
  letter: 'I',
  noun: 'current source',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'value', name: 'DC', unit: 'A', description: 'DC value (the word DC is optional), or a PULSE(...), PWL(...) or SIN(...) waveform' },
    { position: 'value', name: 'AC', unit: 'A', description: 'AC <magnitude> [<phase in degrees>]: the small-signal excitation of .ac' },
  ],
  syntax: 'source',
  form: '`I<name> n+ n- [DC] <ampere> [AC <mag> [<phase_deg>]]` or `I<name> n+ n- PULSE(...)|PWL(...)|SIN(...)`',
  example: 'I1 0 a 1m',
  conductsDc: () => false,
  fixesDcVoltage: false,
  spiceLetter: 'I',
  device: (e) => new CurrentSourceDevice(e),
};
