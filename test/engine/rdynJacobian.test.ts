import { describe, expect, it } from 'vitest';
import { buildLadder } from '../../src/electrode/ladder.js';
import { Mna } from '../../src/engine/mna.js';
import { jacobianError } from '../helpers/mnaDense.js';

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
      expect(jacobianError(mna, x)).toBeLessThan(1e-7);
    });
  }
});
