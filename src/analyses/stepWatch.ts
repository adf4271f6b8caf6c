/**
 * The devices' step watches over one reported run (Device.watch in src/circuit/device.ts): an
 * analysis feeds every accepted step and adds the watches' warnings to its result. The analysis
 * knows no device kind: an RDYN on its factor floor speaks for itself.
 */
import type { StepWatch } from '../circuit/device.js';
import type { Mna } from '../engine/mna.js';

export class StepWatches {
  private readonly watches: StepWatch[] = [];

  constructor(mna: Mna) {
    for (const d of mna.devices) {
      const w = d.watch?.();
      if (w) this.watches.push(w);
    }
  }

  accept(t: number, x: Float64Array): void {
    for (const w of this.watches) w.accept(t, x);
  }

  /** At most `cap` warnings, then one line counting the rest (a 1000-layer ladder on its floor is one problem). */
  warnings(cap = 5): string[] {
    const out: string[] = [];
    let more = 0;
    for (const w of this.watches) {
      const m = w.warning();
      if (!m) continue;
      if (out.length < cap) out.push(m);
      else more++;
    }
    if (more > 0) out.push(`... and ${more} more element${more === 1 ? '' : 's'} with the same warning`);
    return out;
  }
}
