/**
 * The Nguyen symbolic-regression benchmarks as used in the deep symbolic regression literature
 * (Petersen et al., ICLR 2021, Table 1): 20 uniform random training points, operators
 * {+ - * / sin cos exp log}, no constants. Nguyen-7 and -8 use positive domains (log, sqrt).
 */
import { Rng } from '../../numeric/random.js';

export interface NguyenProblem {
  name: string;
  /** The target in readable form. */
  formula: string;
  variables: number;
  /** Uniform sampling range of every variable. */
  range: [number, number];
  f: (x: number, y: number) => number;
}

export const NGUYEN: readonly NguyenProblem[] = [
  { name: 'Nguyen-1', formula: 'x^3 + x^2 + x', variables: 1, range: [-1, 1], f: (x) => x ** 3 + x ** 2 + x },
  { name: 'Nguyen-2', formula: 'x^4 + x^3 + x^2 + x', variables: 1, range: [-1, 1], f: (x) => x ** 4 + x ** 3 + x ** 2 + x },
  { name: 'Nguyen-3', formula: 'x^5 + x^4 + x^3 + x^2 + x', variables: 1, range: [-1, 1], f: (x) => x ** 5 + x ** 4 + x ** 3 + x ** 2 + x },
  { name: 'Nguyen-4', formula: 'x^6 + x^5 + x^4 + x^3 + x^2 + x', variables: 1, range: [-1, 1], f: (x) => x ** 6 + x ** 5 + x ** 4 + x ** 3 + x ** 2 + x },
  { name: 'Nguyen-5', formula: 'sin(x^2) cos(x) - 1', variables: 1, range: [-1, 1], f: (x) => Math.sin(x * x) * Math.cos(x) - 1 },
  { name: 'Nguyen-6', formula: 'sin(x) + sin(x + x^2)', variables: 1, range: [-1, 1], f: (x) => Math.sin(x) + Math.sin(x + x * x) },
  { name: 'Nguyen-7', formula: 'log(x + 1) + log(x^2 + 1)', variables: 1, range: [0, 2], f: (x) => Math.log(x + 1) + Math.log(x * x + 1) },
  { name: 'Nguyen-8', formula: 'sqrt(x)', variables: 1, range: [0, 4], f: (x) => Math.sqrt(x) },
  { name: 'Nguyen-9', formula: 'sin(x) + sin(y^2)', variables: 2, range: [0, 1], f: (x, y) => Math.sin(x) + Math.sin(y * y) },
  { name: 'Nguyen-10', formula: '2 sin(x) cos(y)', variables: 2, range: [0, 1], f: (x, y) => 2 * Math.sin(x) * Math.cos(y) },
  { name: 'Nguyen-11', formula: 'x^y', variables: 2, range: [0, 1], f: (x, y) => x ** y },
  { name: 'Nguyen-12', formula: 'x^4 - x^3 + y^2/2 - y', variables: 2, range: [0, 1], f: (x, y) => x ** 4 - x ** 3 + (y * y) / 2 - y },
];

/** `count` points drawn uniformly from the problem's range with the given seed. */
export function nguyenData(p: NguyenProblem, count: number, seed: number): { features: Float64Array[]; target: Float64Array } {
  const rng = new Rng(seed);
  const features = Array.from({ length: p.variables }, () => new Float64Array(count));
  const target = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    for (const f of features) f[i] = rng.uniform(p.range[0], p.range[1]);
    target[i] = p.f(features[0]![i]!, p.variables > 1 ? features[1]![i]! : 0);
  }
  return { features, target };
}
