import { describe, expect, it } from 'vitest';
import { BandMatrix } from '../../src/mpnp/bandLu.js';
import { gradedNodes, mesh1d } from '../../src/mpnp/mesh.js';
import { MpnpSystem } from '../../src/mpnp/system.js';
import { bernoulli, bernoulliDerivative } from '../../src/mpnp/bernoulli.js';
import { Rng } from '../../src/numeric/random.js';

/** The project's seeded generator, as a function of no arguments. */
function rng(seed: number): () => number {
  const r = new Rng(seed);
  return () => r.next();
}

describe('banded LU with partial pivoting', () => {
  it('solves a band system that needs row swaps (zero diagonal) to round-off', () => {
    const r = rng(7);
    const n = 60;
    const kl = 4;
    const ku = 3;
    const A = new BandMatrix(n, kl, ku);
    for (let i = 0; i < n; i++) {
      for (let j = Math.max(0, i - kl); j <= Math.min(n - 1, i + ku); j++) if (i !== j) A.add(i, j, r() - 0.5);
    }
    const x = Float64Array.from({ length: n }, () => r() - 0.5);
    const b = new Float64Array(n);
    A.multiply(x, b);
    A.factor();
    A.solve(b);
    let err = 0;
    for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(b[i]! - x[i]!));
    expect(err).toBeLessThan(1e-9);
  });
});

describe('Scharfetter-Gummel kernel', () => {
  it('Bernoulli function and derivative are smooth across the series / closed-form switch', () => {
    for (const x of [-50, -41, -39, -1, -1e-4, -1e-6, 0, 1e-6, 1e-4, 1, 39, 41]) {
      const d = (bernoulli(x + 1e-6) - bernoulli(x - 1e-6)) / 2e-6;
      expect(Math.abs(bernoulliDerivative(x) - d)).toBeLessThan(1e-6);
    }
    expect(bernoulli(-3) - bernoulli(3)).toBeCloseTo(3, 12); // B(-x) - B(x) = x
  });
  it('the analytic Jacobian equals finite differences of the residual', () => {
    const r = rng(3);
    const mesh = mesh1d(gradedNodes(4, 0.1, 1.3, 1, 'left'), 'wall', 'reservoir');
    const sys = new MpnpSystem(mesh, { dPlus: 0.98, dMinus: 1.02, nu: 0.346, lambdaS: 1.08 });
    for (let i = 0; i < sys.n; i++) {
      sys.x[3 * i] = 3 * (r() - 0.5);
      sys.x[3 * i + 1] = 0.3 + 1.5 * r();
      sys.x[3 * i + 2] = 0.3 + 1.5 * r();
      sys.hist[2 * i] = r();
      sys.hist[2 * i + 1] = r();
    }
    sys.a0 = 2.5;
    sys.phiM = 4;
    sys.assemble(true);
    const n = sys.x.length;
    const base = Float64Array.from(sys.residual);
    let worst = 0;
    for (let j = 0; j < n; j++) {
      const h = 1e-6 * Math.max(1, Math.abs(sys.x[j]!));
      const keep = sys.x[j]!;
      sys.x[j] = keep + h;
      sys.assemble(false);
      const plus = Float64Array.from(sys.residual);
      sys.x[j] = keep - h;
      sys.assemble(false);
      sys.x[j] = keep;
      for (let i = 0; i < n; i++) {
        const fd = (plus[i]! - sys.residual[i]!) / (2 * h);
        worst = Math.max(worst, Math.abs(fd - sys.jac.get(i, j)) / (1 + Math.abs(fd)));
      }
    }
    expect(base.length).toBe(n);
    expect(worst).toBeLessThan(1e-6);
  });
});
