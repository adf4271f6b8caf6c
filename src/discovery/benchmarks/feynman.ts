/**
 * A subset of the Feynman symbolic-regression database (Udrescu & Tegmark, AI Feynman, Sci. Adv. 2020;
 * the "Feynman" group of SRBench, La Cava et al. 2021): the 27 problems with at most 4 variables
 * listed below, with the database's formulas and sampling ranges (uniform in each variable).
 */
import { Rng } from '../../numeric/random.js';

export interface FeynmanProblem {
  name: string;
  /** The target in the database's notation. */
  formula: string;
  variables: string[];
  /** Sampling range of each variable. */
  ranges: Array<[number, number]>;
  f: (x: readonly number[]) => number;
}

const P = (name: string, formula: string, variables: string[], ranges: Array<[number, number]>, f: (x: readonly number[]) => number): FeynmanProblem => ({ name, formula, variables, ranges, f });
const r15 = (n: number): Array<[number, number]> => Array.from({ length: n }, () => [1, 5] as [number, number]);
const { PI, sqrt, exp, sin, cos } = Math;

export const FEYNMAN: readonly FeynmanProblem[] = [
  P('I.6.2a', 'exp(-theta^2/2)/sqrt(2 pi)', ['theta'], [[1, 3]], ([t]) => exp(-(t! ** 2) / 2) / sqrt(2 * PI)),
  P('I.6.2', 'exp(-(theta/sigma)^2/2)/(sqrt(2 pi) sigma)', ['sigma', 'theta'], [[1, 3], [1, 3]], ([s, t]) => exp(-((t! / s!) ** 2) / 2) / (sqrt(2 * PI) * s!)),
  P('I.8.14', 'sqrt((x2-x1)^2+(y2-y1)^2)', ['x1', 'x2', 'y1', 'y2'], r15(4), ([x1, x2, y1, y2]) => sqrt((x2! - x1!) ** 2 + (y2! - y1!) ** 2)),
  P('I.10.7', 'm_0/sqrt(1-v^2/c^2)', ['m_0', 'v', 'c'], [[1, 5], [1, 2], [3, 10]], ([m, v, c]) => m! / sqrt(1 - v! ** 2 / c! ** 2)),
  P('I.12.1', 'mu N_n', ['mu', 'N_n'], r15(2), ([a, b]) => a! * b!),
  P('I.12.4', 'q1/(4 pi epsilon r^2)', ['q1', 'epsilon', 'r'], r15(3), ([q, e, r]) => q! / (4 * PI * e! * r! ** 2)),
  P('I.14.3', 'm g z', ['m', 'g', 'z'], r15(3), ([m, g, z]) => m! * g! * z!),
  P('I.14.4', 'k x^2/2', ['k_spring', 'x'], r15(2), ([k, x]) => (k! * x! ** 2) / 2),
  P('I.15.10', 'm_0 v/sqrt(1-v^2/c^2)', ['m_0', 'v', 'c'], [[1, 5], [1, 2], [3, 10]], ([m, v, c]) => (m! * v!) / sqrt(1 - v! ** 2 / c! ** 2)),
  P('I.16.6', '(u+v)/(1+u v/c^2)', ['c', 'v', 'u'], r15(3), ([c, v, u]) => (u! + v!) / (1 + (u! * v!) / c! ** 2)),
  P('I.18.12', 'r F sin(theta)', ['r', 'F', 'theta'], [[1, 5], [1, 5], [0, 5]], ([r, F, t]) => r! * F! * sin(t!)),
  P('I.24.6', 'm (omega^2+omega_0^2) x^2/4', ['m', 'omega', 'omega_0', 'x'], [[1, 3], [1, 3], [1, 3], [1, 3]], ([m, w, w0, x]) => (m! * (w! ** 2 + w0! ** 2) * x! ** 2) / 4),
  P('I.25.13', 'q/C', ['q', 'C'], r15(2), ([q, C]) => q! / C!),
  P('I.27.6', '1/(1/d1+n/d2)', ['d1', 'd2', 'n'], r15(3), ([d1, d2, n]) => 1 / (1 / d1! + n! / d2!)),
  P('I.29.4', 'omega/c', ['omega', 'c'], [[1, 10], [1, 10]], ([w, c]) => w! / c!),
  P('I.34.1', 'omega_0/(1-v/c)', ['c', 'v', 'omega_0'], [[3, 10], [1, 2], [1, 5]], ([c, v, w]) => w! / (1 - v! / c!)),
  P('I.34.27', '(h/(2 pi)) omega', ['omega', 'h'], r15(2), ([w, h]) => (h! / (2 * PI)) * w!),
  P('I.37.4', 'I1+I2+2 sqrt(I1 I2) cos(delta)', ['I1', 'I2', 'delta'], r15(3), ([a, b, d]) => a! + b! + 2 * sqrt(a! * b!) * cos(d!)),
  P('I.39.11', 'pr V/(gamma-1)', ['gamma', 'pr', 'V'], [[2, 5], [1, 5], [1, 5]], ([g, p, V]) => (p! * V!) / (g! - 1)),
  P('I.43.31', 'mob kb T', ['mob', 'T', 'kb'], r15(3), ([a, b, c]) => a! * b! * c!),
  P('I.47.23', 'sqrt(gamma pr/rho)', ['gamma', 'pr', 'rho'], r15(3), ([g, p, r]) => sqrt((g! * p!) / r!)),
  P('I.48.2', 'm c^2/sqrt(1-v^2/c^2)', ['m', 'v', 'c'], [[1, 5], [1, 2], [3, 10]], ([m, v, c]) => (m! * c! ** 2) / sqrt(1 - v! ** 2 / c! ** 2)),
  P('II.3.24', 'Pwr/(4 pi r^2)', ['Pwr', 'r'], r15(2), ([p, r]) => p! / (4 * PI * r! ** 2)),
  P('II.11.28', '1+n alpha/(1-n alpha/3)', ['n', 'alpha'], [[0, 1], [0, 1]], ([n, a]) => 1 + (n! * a!) / (1 - (n! * a!) / 3)),
  P('II.38.14', 'Y/(2 (1+sigma))', ['Y', 'sigma'], r15(2), ([Y, s]) => Y! / (2 * (1 + s!))),
  P('III.15.14', '(h/(2 pi))^2/(2 E_n d^2)', ['h', 'E_n', 'd'], r15(3), ([h, E, d]) => (h! / (2 * PI)) ** 2 / (2 * E! * d! ** 2)),
  P('III.17.37', 'beta (1+alpha cos(theta))', ['beta', 'alpha', 'theta'], r15(3), ([b, a, t]) => b! * (1 + a! * cos(t!))),
];

/**
 * `count` points drawn uniformly from the problem's ranges, and the target with Gaussian noise of
 * standard deviation `noise` times the target's RMS (SRBench's protocol).
 */
export function feynmanData(p: FeynmanProblem, count: number, seed: number, noise = 0): { features: Float64Array[]; target: Float64Array; clean: Float64Array } {
  const rng = new Rng(seed);
  const features = p.variables.map(() => new Float64Array(count));
  const clean = new Float64Array(count);
  const x = new Array<number>(p.variables.length);
  for (let i = 0; i < count; i++) {
    p.ranges.forEach(([lo, hi], j) => (x[j] = features[j]![i] = rng.uniform(lo, hi)));
    clean[i] = p.f(x);
  }
  return { features, target: addNoise(clean, noise, rng), clean };
}

/** y + N(0, (noise rms(y))^2), SRBench's target noise. */
export function addNoise(y: Float64Array, noise: number, rng: Rng): Float64Array {
  if (noise === 0) return y.slice();
  let s = 0;
  for (const v of y) s += v * v;
  const sd = noise * Math.sqrt(s / y.length);
  return Float64Array.from(y, (v) => v + sd * rng.normal());
}
