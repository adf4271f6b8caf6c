/** The LM driver: what a trial costs with a cheap Jacobian, and where the standard-error test stops it. */
import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { levenbergMarquardt, type LmProblem } from '../../src/fit/levenbergMarquardt.js';
import { Rng } from '../../src/numeric/random.js';

// y = a exp(-b t) + c with 1 % noise (seeded), fitted in (a, b, c) from a start far off.
const T = Float64Array.from({ length: 200 }, (_, k) => (5 * k) / 199);
const rng = new Rng(11);
const Y = T.map((t) => (2 * Math.exp(-1.3 * t) + 0.5) * (1 + 0.01 * rng.normal()));
const model = (u: Float64Array, t: number): number => u[0]! * Math.exp(-u[1]! * t) + u[2]!;

function problem(jacobianAtTrials: boolean): LmProblem {
  return {
    lower: Float64Array.of(0, 0, -10),
    upper: Float64Array.of(100, 100, 10),
    residuals: async (u) => T.map((t, k) => model(u, t) - Y[k]!),
    jacobian: async (u) => ({
      r: T.map((t, k) => model(u, t) - Y[k]!),
      J: [T.map((t) => Math.exp(-u[1]! * t)), T.map((t) => -u[0]! * t * Math.exp(-u[1]! * t)), T.map(() => 1)],
    }),
    jacobianAtTrials,
  };
}

const START = Float64Array.of(0.5, 5, 0);

describe('levenbergMarquardt', () => {
  it('with jacobianAtTrials, a trial carries the Jacobian and an accepted step costs one evaluation', async () => {
    const plain = await levenbergMarquardt(problem(false), START);
    const trials = await levenbergMarquardt(problem(true), START);
    // The same path, bit for bit; every trial (accepted or not) is one evaluation, with nothing after it.
    expect(Array.from(trials.u)).toEqual(Array.from(plain.u));
    expect(trials.iterations).toBe(plain.iterations);
    expect(trials.residualEvaluations).toBe(0);
    expect(trials.jacobianEvaluations).toBe(1 + plain.residualEvaluations);
    expect(plain.jacobianEvaluations).toBe(1 + plain.iterations);
  });

  it('stops when the Gauss-Newton step is below 1e-2 standard errors, that close to the optimum (measured 2.9e-3; 16 evaluations instead of 21)', async () => {
    const stopped = await levenbergMarquardt(problem(true), START);
    const full = await levenbergMarquardt(problem(true), START, { standardErrorTolerance: 0, relativeTolerance: 1e-15 });
    expect(stopped.reason).toBe('standard-error');
    expect(stopped.jacobianEvaluations).toBeLessThan(full.jacobianEvaluations);
    // Standard errors at the optimum: s^2 (J^T J)^-1.
    const J = new Matrix(full.J.map((c) => Array.from(c))).transpose();
    const cov = inverse(J.transpose().mmul(J)).mul(full.sse / (T.length - 3));
    for (let j = 0; j < 3; j++) {
      const se = Math.sqrt(cov.get(j, j));
      expect(Math.abs(stopped.u[j]! - full.u[j]!) / se, `parameter ${j}`).toBeLessThan(1e-2);
    }
  });
});
