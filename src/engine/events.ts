/**
 * Locates the crossings of root functions (`TransientEvent`, src/circuit/device.ts) between the
 * last accepted point and a trial step. The integrator asks `check` after every converged trial;
 * a positive answer is a shorter step to redo from the accepted point:
 *  - `past` events (a hysteretic switch): the step is cut at the linearly interpolated crossing
 *    plus a sliver, until the crossing lies in the last EVENT_SLACK of the step, so the accepted
 *    point lands just past it and the device flips between two accepted points;
 *  - `on` events (an analysis' limit): the crossing is bracketed between the accepted point and the
 *    trial and found by regula falsi (Illinois) on the step length, each try a full implicit step,
 *    until |value - level| <= tolerance; `accept` then reports the event and the run stops.
 * Redoing the step from the accepted point keeps the method's history (no restart, no backward
 * Euler steps at the landing).
 */
import type { StepView, TransientEvent } from '../circuit/device.js';

/** A `past` event is accepted within this last fraction of a step. */
export const EVENT_SLACK = 1e-3;

/** Tries at landing one `on` event before the closest try past it is taken as the landing. */
const MAX_LOCATE = 60;

export class EventLocator {
  private readonly past: TransientEvent[];
  private readonly on: TransientEvent[];
  /** Values of the `on` events at the accepted point and at the trial. */
  private readonly v0: Float64Array;
  private readonly v1: Float64Array;
  /** The bracket [hA, hB] of step lengths around an `on` crossing, with the signed distances gA < 0 < gB. */
  private bracketEvent = -1;
  private hA = 0;
  private gA = 0;
  private hB = 0;
  private gB = 0;
  private sideKept = 0;
  private tries = 0;
  private landing: TransientEvent | undefined;

  constructor(
    events: TransientEvent[],
    private readonly step: StepView,
  ) {
    this.past = events.filter((e) => e.landing === 'past');
    this.on = events.filter((e) => e.landing === 'on');
    this.v0 = new Float64Array(this.on.length);
    this.v1 = new Float64Array(this.on.length);
  }

  /** True while an `on` crossing is being bracketed (the step must not be reshaped meanwhile). */
  get locating(): boolean {
    return this.bracketEvent >= 0;
  }

  /** Values at the accepted point x at time t (the start of a run, or after a withdrawn step). */
  start(x: Float64Array, t: number): void {
    for (let k = 0; k < this.on.length; k++) this.v0[k] = this.on[k]!.value(x, t, undefined);
    this.forgetBracket();
  }

  forgetBracket(): void {
    this.bracketEvent = -1;
    this.tries = 0;
    this.sideKept = 0;
    this.landing = undefined;
  }

  /**
   * After a converged trial from xOld to xTry (step h ending at tNew): a shorter step to redo
   * from xOld, or 0 to go on with this trial.
   */
  check(xOld: Float64Array, xTry: Float64Array, tNew: number, h: number, fixed: boolean, hmin: number): number {
    this.landing = undefined;
    if (!fixed && this.past.length > 0) {
      let theta = 2;
      for (const e of this.past) {
        const level = e.level();
        const u0 = e.value(xOld, tNew - h, this.step);
        const u1 = e.value(xTry, tNew, this.step);
        const crossed = e.direction() < 0 ? u0 >= level && u1 < level : u0 <= level && u1 > level;
        const f = crossed ? (u0 - level) / (u0 - u1) : -1;
        if (f >= 0 && f < theta) theta = f;
      }
      if (theta < 1 - EVENT_SLACK && theta * h > 10 * hmin) return h * (theta + 0.1 * EVENT_SLACK);
    }
    if (this.on.length === 0) return 0;
    let first = -1;
    let firstTheta = 2;
    let within = -1;
    for (let k = 0; k < this.on.length; k++) {
      const e = this.on[k]!;
      const v1 = (this.v1[k] = e.value(xTry, tNew, this.step));
      const level = e.level();
      const dir = e.direction();
      const g1 = dir * (v1 - level);
      if (Math.abs(v1 - level) <= e.tolerance) {
        if (within < 0) within = k;
        continue;
      }
      if (!(g1 > 0)) continue;
      const g0 = dir * (this.v0[k]! - level);
      if (g0 > 0) continue; // already beyond at the accepted point: not a crossing of this step
      const theta = Number.isNaN(g0) ? 0.5 : g0 / (g0 - g1);
      if (theta < firstTheta) {
        firstTheta = theta;
        first = k;
      }
    }
    if (first >= 0) {
      const e = this.on[first]!;
      const g1 = e.direction() * (this.v1[first]! - e.level());
      if (this.bracketEvent !== first) {
        const g0 = e.direction() * (this.v0[first]! - e.level());
        this.bracketEvent = first;
        this.hA = 0;
        this.gA = Number.isNaN(g0) ? -g1 : g0;
        this.tries = 0;
        this.sideKept = 0;
      } else if (this.sideKept === -1) this.gA /= 2; // Illinois: A kept twice, halve its weight
      this.hB = h;
      this.gB = g1;
      this.sideKept = -1;
      return this.nextTry(first, h);
    }
    if (within >= 0) {
      this.landing = this.on[within]!;
      return 0;
    }
    if (this.bracketEvent >= 0) {
      // The retry fell short of the level: it becomes the lower end of the bracket.
      const e = this.on[this.bracketEvent]!;
      if (this.sideKept === 1) this.gB /= 2;
      this.hA = h;
      this.gA = e.direction() * (this.v1[this.bracketEvent]! - e.level());
      this.sideKept = 1;
      return this.nextTry(this.bracketEvent, h);
    }
    return 0;
  }

  private nextTry(k: number, h: number): number {
    if (++this.tries > MAX_LOCATE) {
      // Give up refining: take this trial (the closest one beyond) as the landing.
      if (this.sideKept === -1) this.landing = this.on[k]!;
      this.bracketEvent = -1;
      return 0;
    }
    let next = this.hA + ((this.hB - this.hA) * -this.gA) / (this.gB - this.gA);
    if (!(next > this.hA && next < this.hB)) next = 0.5 * (this.hA + this.hB);
    return next === h ? 0 : next;
  }

  /** The trial was accepted: its values become the accepted ones; returns the `on` event it landed on, if any. */
  accept(): TransientEvent | undefined {
    this.v0.set(this.v1);
    const landed = this.landing;
    this.forgetBracket();
    return landed;
  }
}
