/**
 * Behavioural source (ngspice `B`): `I=` f(x, t) flowing from n+ through the source to n-, or
 * `V=` f(x, t) = v(n+) - v(n-) with a branch current. f is linearised with its exact gradient
 * (reverse sweep of the compiled tape): i ~ f0 + sum_j g_j (x_j - x0_j).
 */
import { NcmError } from '../diagnostics.js';
import { BehaviouralTape } from './behaviouralTape.js';
import type { BehaviouralElement, BehaviouralExpr } from './circuit.js';
import type { Device, LoadContext, Probe, SetupContext } from './device.js';
import type { ElementDeclaration } from './element.js';

export class BehaviouralSourceDevice implements Device {
  readonly branchCount: number;
  readonly stateCount = 0;
  readonly nonlinear = true;
  handles = new Int32Array(0);
  private p = 0;
  private m = 0;
  private branch = 0;
  private tape: BehaviouralTape | undefined;
  /** Time of the last load (the probe of an I= source evaluates the expression at it). */
  private lastTime = 0;

  constructor(readonly element: BehaviouralElement) {
    this.branchCount = element.mode === 'V' ? 1 : 0;
  }

  setup(ctx: SetupContext): void {
    const e = this.element;
    this.p = ctx.node(e.nodes[0]!);
    this.m = ctx.node(e.nodes[1]!);
    this.branch = ctx.firstBranch;
    const tape = new BehaviouralTape(
      e.expr,
      (n) => ctx.node(n),
      (source) => {
        const other = ctx.device(source);
        const k = ctx.branchOf?.(source);
        if (!other || k === undefined) {
          throw new NcmError(`${e.name}: I(${source}) names ${other ? 'an element without a branch current' : 'no element'}: expected a voltage source (V, E or a V= B source)`, { loc: e.loc });
        }
        return k;
      },
      ctx.groundIndex,
    );
    this.tape = tape;
    const n = tape.inputs.length;
    const h = new Int32Array(e.mode === 'I' ? 2 * n : 4 + n);
    if (e.mode === 'I') {
      tape.inputs.forEach((u, j) => {
        h[2 * j] = ctx.entry(this.p, u);
        h[2 * j + 1] = ctx.entry(this.m, u);
      });
    } else {
      const k = this.branch;
      h[0] = ctx.entry(this.p, k);
      h[1] = ctx.entry(this.m, k);
      h[2] = ctx.entry(k, this.p);
      h[3] = ctx.entry(k, this.m);
      tape.inputs.forEach((u, j) => (h[4 + j] = ctx.entry(k, u)));
    }
    this.handles = h;
  }

  load(ctx: LoadContext): void {
    this.lastTime = ctx.time;
    const tape = this.tape!;
    const x = ctx.x;
    let f = tape.evaluate(x, ctx.time);
    const g = tape.grad;
    const inputs = tape.inputs;
    if (!Number.isFinite(f) || !g.every(Number.isFinite)) {
      // No tangent here (sqrt(v) at v = 0, 1/v at v = 0, the first iterate of an operating
      // point): stamp the finite part, let the linear circuit move the iterate, then linearise
      // again. Stamping the infinity would make the matrix look singular ("node is floating").
      if (!Number.isFinite(f)) f = 0;
      for (let j = 0; j < g.length; j++) if (!Number.isFinite(g[j]!)) g[j] = 0;
      ctx.markUnsettled?.();
    }
    const a = ctx.a;
    const b = ctx.b;
    const h = this.handles;
    let lin = f;
    if (this.element.mode === 'I') {
      for (let j = 0; j < inputs.length; j++) {
        const gj = g[j]!;
        a[h[2 * j]!] += gj;
        a[h[2 * j + 1]!] -= gj;
        lin -= gj * x[inputs[j]!]!;
      }
      b[this.p] -= lin;
      b[this.m] += lin;
    } else {
      a[h[0]!] += 1;
      a[h[1]!] -= 1;
      a[h[2]!] += 1;
      a[h[3]!] -= 1;
      for (let j = 0; j < inputs.length; j++) {
        const gj = g[j]!;
        a[h[4 + j]!] -= gj;
        lin -= gj * x[inputs[j]!]!;
      }
      b[this.branch] += lin;
    }
  }

  /** Present value of the expression at the iterate x (the current for I=, the voltage for V=). */
  value(x: Float64Array, t: number): number {
    return this.tape!.evaluate(x, t);
  }

  probes(): Probe[] {
    // As for voltage sources: the current delivered into the circuit at n+.
    if (this.element.mode === 'V') return [{ label: `i(${this.element.key})`, unit: 'A', read: (x) => -x[this.branch]! }];
    return [{ label: `i(${this.element.key})`, unit: 'A', read: (x) => -this.tape!.evaluate(x, this.lastTime) }];
  }
}

/**
 * A B source ties its two nodes together in DC when it is a voltage (V=) or when its current reads
 * the voltage of its own terminals (a nonlinear conductance such as RDYN exported as I=V(a,b)/R).
 */
export function behaviouralConductsDc(el: BehaviouralElement): boolean {
  if (el.mode === 'V') return true;
  const [p, m] = el.nodes as [number, number];
  const reads = (e: BehaviouralExpr): boolean => {
    switch (e.kind) {
      case 'v':
        return (e.node === p && e.ref === m) || (e.node === m && e.ref === p) || (m === 0 && e.node === p) || (p === 0 && e.node === m);
      case 'neg':
        return reads(e.arg);
      case 'bin':
        return reads(e.left) || reads(e.right);
      case 'fn':
        return e.args.some(reads);
      default:
        return false;
    }
  };
  return reads(el.expr);
}

/** The behavioural source, declared once for the netlist, checks, docs and export (element.ts; listed in registry.ts). */
export const behaviouralSource: ElementDeclaration<BehaviouralElement> = {
  kind: 'B',
  letter: 'B',
  noun: 'behavioural source',
  nodes: ['n+', 'n-'],
  params: [
    { position: 'keyed', name: 'I', unit: 'A', description: 'current from n+ through it to n-, an expression of v(), i() and time (or V=)' },
    { position: 'keyed', name: 'V', unit: 'V', description: 'voltage v(n+) - v(n-), an expression of v(), i() and time (or I=)' },
  ],
  syntax: 'behavioural',
  form: '`B<name> n+ n- I={expression}` or `V={expression}` (see [loads.md](loads.md))',
  example: 'B1 a 0 I={P/max(V(a),1m)}',
  conductsDc: behaviouralConductsDc,
  fixesDcVoltage: false,
  spiceLetter: 'B',
  device: (e) => new BehaviouralSourceDevice(e),
};
