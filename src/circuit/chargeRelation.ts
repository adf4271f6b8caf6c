/**
 * The charge of a capacitor as a function of the voltage across it, q(v) with v = v(n+) - v(n-),
 * and its slope dq/dv, taken from the capacitor's own definition: q = C v for a linear capacitor
 * (kind C), the compiled Q= expression for a nonlinear one (kind CQ). RDYN reads the charge of its
 * controlling capacitor through this, so that R(q) and its Newton Jacobian are exact for either.
 * Built from the element (circuit data), so it does not depend on the order devices are set up.
 */
import { NcmError } from '../diagnostics.js';
import { BehaviouralTape } from './behaviouralTape.js';
import type { CapacitorElement } from './circuit.js';
import type { ChargeCapacitorElement } from './chargeCapacitor.js';

export interface ChargeRelation {
  /** q at the voltage v across the capacitor (netlist polarity: the charge on n+); sets `slope`. */
  at(v: number): number;
  /** dq/dv at the v of the last `at` call (a linear capacitor: C, always). */
  readonly slope: number;
}

class LinearCharge implements ChargeRelation {
  constructor(readonly slope: number) {}
  at(v: number): number {
    return this.slope * v;
  }
}

/** Q(V) of a CQ element's expression, evaluated on a tape of its own (inputs v(n+) and v(n-) only). */
class ExpressionCharge implements ChargeRelation {
  slope = 0;
  private readonly tape: BehaviouralTape;
  private readonly x = new Float64Array(3);
  /** 1 for the tape input that holds v, 0 for the one that holds n- (fixed at 0). */
  private readonly isV: Float64Array;

  constructor(e: ChargeCapacitorElement) {
    const [np, nm] = e.nodes as [number, number];
    // x[0] holds v, x[1] holds 0 (so v(n+) - v(n-) = v whichever node is ground); slot 2 is ground.
    const unknown = (node: number): number => (node === np ? 0 : node === nm ? 1 : 2);
    this.tape = new BehaviouralTape(
      e.expr,
      unknown,
      () => {
        // the same message as the capacitor's own setup (whichever device is set up first says it)
        throw new NcmError(`${e.name}: Q= may read only the voltage V across the capacitor (and parameters)`, { loc: e.loc });
      },
      2,
    );
    this.isV = Float64Array.from(this.tape.inputs, (u) => (u === 0 ? 1 : 0));
  }

  at(v: number): number {
    this.x[0] = v;
    const q = this.tape.evaluate(this.x, 0);
    const g = this.tape.grad;
    let s = 0;
    for (let j = 0; j < g.length; j++) s += this.isV[j]! * g[j]!;
    this.slope = s;
    return q;
  }
}

/** The charge relation of a capacitor element: q = C v, or its Q={...} expression. */
export function chargeRelation(e: CapacitorElement | ChargeCapacitorElement): ChargeRelation {
  return e.kind === 'C' ? new LinearCharge(e.capacitance) : new ExpressionCharge(e);
}

/** The QMAX=peak starting guess: the larger |q| at +-v (C |v| for a linear capacitor). */
export function chargeScale(rel: ChargeRelation, v: number): number {
  return Math.max(Math.abs(rel.at(v)), Math.abs(rel.at(-v)));
}
