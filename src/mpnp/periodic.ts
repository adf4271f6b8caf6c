/**
 * Periodic steady state of a CV: the current of each completed cycle is compared with the previous
 * cycle's at the same phase (linear interpolation in time), as the rms difference over the cycle
 * divided by the largest |I_m| of the cycle. The run stops after the first cycle whose change is
 * below the tolerance, which is how the paper's "k-th cycle" is reached.
 */
export interface CycleReport {
  /** Cycles completed. */
  completed: number;
  /** Change of cycle k+2 against cycle k+1 (rms / max), for k = 0 .. completed-2. */
  changes: number[];
  /** True when the last change is below the tolerance (false when the tolerance is 0). */
  periodic: boolean;
  tolerance: number;
}

export class CycleMonitor {
  private prevT: number[] = [];
  private prevI: number[] = [];
  private curT: number[] = [];
  private curI: number[] = [];
  private completed = 0;
  private readonly changes: number[] = [];

  /** period and times in the same unit (s). */
  constructor(
    readonly period: number,
    readonly tolerance: number,
  ) {}

  /** Adds one record; true when this record completes a cycle whose change is below the tolerance. */
  add(t: number, current: number): boolean {
    this.curT.push(t);
    this.curI.push(current);
    const k = Math.round(t / this.period);
    if (k < 1 || Math.abs(t - k * this.period) > 1e-9 * this.period || k <= this.completed) return false;
    this.completed = k;
    let stop = false;
    if (this.prevT.length > 1) {
      const change = cycleChange(this.prevT, this.prevI, this.curT, this.curI, this.period);
      this.changes.push(change);
      stop = this.tolerance > 0 && change < this.tolerance;
    }
    this.prevT = this.curT;
    this.prevI = this.curI;
    this.curT = [t];
    this.curI = [current];
    return stop;
  }

  report(): CycleReport {
    const last = this.changes[this.changes.length - 1];
    return { completed: this.completed, changes: [...this.changes], periodic: this.tolerance > 0 && last !== undefined && last < this.tolerance, tolerance: this.tolerance };
  }
}

/** rms over cycle b of I_b(t) - I_a(t - period), divided by max |I_b|. */
export function cycleChange(ta: number[], ia: number[], tb: number[], ib: number[], period: number): number {
  let j = 0;
  let ss = 0;
  let max = 0;
  for (let k = 0; k < tb.length; k++) {
    const t = tb[k]! - period;
    while (j + 2 < ta.length && ta[j + 1]! < t) j++;
    const w = ta[j + 1]! > ta[j]! ? Math.min(1, Math.max(0, (t - ta[j]!) / (ta[j + 1]! - ta[j]!))) : 0;
    const prev = (1 - w) * ia[j]! + w * ia[j + 1]!;
    ss += (ib[k]! - prev) ** 2;
    max = Math.max(max, Math.abs(ib[k]!));
  }
  return max > 0 ? Math.sqrt(ss / tb.length) / max : 0;
}
