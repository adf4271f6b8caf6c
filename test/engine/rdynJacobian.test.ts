import { describe, expect, it } from 'vitest';
import { buildLadder } from '../../src/electrode/ladder.js';
import { Mna } from '../../src/engine/mna.js';
import { dense, residual } from '../helpers/mnaDense.js';

describe('RDYN Newton Jacobian', () => {
  // sign -1: every capacitor charge negative (|q| in R(q): the slope changes sign with q).
  for (const [gamma, sign] of [[0.9, 1], [-0.6, 1], [0.9, -1]] as const) {
    it(`matches central finite differences (GAMMA=${gamma}, charges of sign ${sign}, transient stamps)`, () => {
      const c = buildLadder({ layers: 4, rc: 5, cTotal: 0.08e-6, gamma, qmax: 3e-9 });
      const mna = new Mna(c);
      mna.ag0 = 1e7; // a transient formula: capacitors stamp ag0 C
      mna.hist.fill(0);
      const x = new Float64Array(mna.n + 1);
      for (let i = 0; i < mna.n; i++) x[i] = sign * (0.05 + 0.1 * Math.sin(3 * i + 1));
      mna.assemble(x);
      const J = dense(mna);
      let worst = 0;
      let scale = 0;
      for (let j = 0; j < mna.n; j++) {
        const d = 1e-6;
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[j] += d;
        xm[j] -= d;
        const fp = residual(mna, xp);
        const fm = residual(mna, xm);
        for (let i = 0; i < mna.n; i++) {
          const fd = (fp[i]! - fm[i]!) / (2 * d);
          worst = Math.max(worst, Math.abs(fd - J[i]![j]!));
          scale = Math.max(scale, Math.abs(J[i]![j]!));
        }
      }
      expect(worst / scale).toBeLessThan(1e-7);
    });
  }
});
