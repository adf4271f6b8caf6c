/**
 * The devices' step watches over one reported run (Device.watch in src/circuit/device.ts): an
 * analysis feeds every accepted step and adds the watches' warnings to its result. The analysis
 * knows no device kind: an RDYN on its factor floor speaks for itself.
 */
import type { StepWatch } from '../circuit/device.js';
import type { Mna } from '../engine/mna.js';

export class StepWatches {
  /** Per watching device, in the devices' order: its own watch, or the engine's batched RDYN watch (loadKernels.ts). */
  private readonly watches: Array<{ warning(): string | undefined }> = [];
  private readonly own: StepWatch[] = [];
  private readonly batch: ReturnType<Mna['kernels']['rdynWatch']>;

  constructor(mna: Mna) {
    const batch = (this.batch = mna.kernels.rdynWatch());
    mna.devices.forEach((d, i) => {
      if (mna.kernels.watchesRdyn(i)) {
        this.watches.push({ warning: () => batch.warning(i) });
        return;
      }
      const w = d.watch?.();
      if (w) {
        this.watches.push(w);
        this.own.push(w);
      }
    });
  }

  accept(t: number, x: Float64Array): void {
    this.batch.accept(t, x);
    for (const w of this.own) w.accept(t, x);
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
