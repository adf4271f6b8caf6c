/** Bernoulli function B(x) = x / (e^x - 1) of the Scharfetter-Gummel flux, and its derivative. */
export function bernoulli(x: number): number {
  const ax = Math.abs(x);
  if (ax < 1e-5) return 1 - 0.5 * x + (x * x) / 12;
  if (x > 40) return x * Math.exp(-x);
  if (x < -40) return -x;
  return x / Math.expm1(x);
}

export function bernoulliDerivative(x: number): number {
  const ax = Math.abs(x);
  if (ax < 1e-4) return -0.5 + x / 6 - (x * x * x) / 180;
  if (x > 40) return (1 - x) * Math.exp(-x);
  if (x < -40) return -1;
  const em = Math.expm1(x);
  return (em - x * Math.exp(x)) / (em * em);
}
