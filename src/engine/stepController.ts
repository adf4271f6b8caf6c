/**
 * Step-size control of the transient: the first step, the step after a breakpoint, the answer to a
 * Newton failure or to a truncation-error rejection, and the next step after an accepted one
 * (h (tol / err)^(1 / (order + 1)), at most doubling). Pure arithmetic on numbers: the integrator
 * owns the states.
 */
import type { SimOptions } from './options.js';

export class StepController {
  /** Smallest step before the run gives up (s). */
  readonly hmin: number;
  /** Largest step (s). */
  readonly tmax: number;
  /** Fixed step (s) or 0 for error control. */
  readonly fixed: number;
  /**
   * First steps after the start and after breakpoints are backward Euler, whose error goes as h^2:
   * they shrink with the tolerance so tight runs stay tight from the first step.
   */
  readonly firstFactor: number;
  /**
   * Shortest first step the retroactive check may ask for: below it roundoff, not truncation,
   * dominates (charges differ in their last digits), so the step is accepted as it is.
   */
  readonly firstFloor: number;

  constructor(opts: SimOptions, span: number, tmaxOfRun: number) {
    this.hmin = span * 1e-12;
    this.tmax = Math.min(tmaxOfRun > 0 ? tmaxOfRun : span / 50, opts.tmax > 0 ? opts.tmax : Infinity);
    this.fixed = opts.fixedstep > 0 ? opts.fixedstep : 0;
    this.firstFactor = Math.min(1, Math.sqrt(opts.reltol / 1e-3));
    this.firstFloor = span * 1e-9;
  }

  initial(hInit: number): number {
    return Math.min(this.fixed > 0 ? this.fixed : hInit * this.firstFactor, this.tmax);
  }

  afterNewtonFailure(h: number): number {
    return h / 8;
  }

  /** After a truncation-error rejection with error/tolerance `ratio` > 1. */
  afterRejection(h: number, ratio: number, order: number): number {
    return h * Math.max(0.1, 0.9 * Math.pow(ratio, -1 / (order + 1)));
  }

  /** After a first step found too long by the retroactive check (ratio r1 > 1; a BE step, error ~ h^2). */
  afterFirstStepRejection(h1: number, r1: number): number {
    return Math.max(this.firstFloor, h1 * Math.max(0.05, 0.9 * Math.pow(r1, -1 / 2)));
  }

  /** After an accepted step h; `ratio` < 0 when the error was not estimated. */
  next(h: number, ratio: number, order: number): number {
    if (this.fixed) return this.fixed;
    if (ratio >= 0) return h * Math.min(2, 0.9 * Math.pow(Math.max(ratio, 1e-10), -1 / (order + 1)));
    return 2 * h;
  }

  /** The first step after a breakpoint (derivatives jump there): a tenth of the last step or of the gap to the next breakpoint. */
  afterBreakpoint(hNext: number, h: number, following: number): number {
    if (this.fixed) return hNext;
    return 0.1 * this.firstFactor * Math.min(h, following);
  }

  /** Caps a step at tmax. */
  cap(h: number): number {
    return Math.min(h, this.tmax);
  }
}
