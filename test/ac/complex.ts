/** Minimal complex arithmetic for closed forms in tests (independent of the engine). */
export interface C {
  re: number;
  im: number;
}
export const c = (re: number, im = 0): C => ({ re, im });
export const add = (a: C, b: C): C => c(a.re + b.re, a.im + b.im);
export const sub = (a: C, b: C): C => c(a.re - b.re, a.im - b.im);
export const mul = (a: C, b: C): C => c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
export const div = (a: C, b: C): C => {
  const d = b.re * b.re + b.im * b.im;
  return c((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d);
};
export const abs = (a: C): number => Math.hypot(a.re, a.im);
export const sqrt = (a: C): C => {
  const r = abs(a);
  const re = Math.sqrt((r + a.re) / 2);
  const im = Math.sign(a.im || 1) * Math.sqrt(Math.max(0, (r - a.re) / 2));
  return c(re, im);
};
export const exp = (a: C): C => c(Math.exp(a.re) * Math.cos(a.im), Math.exp(a.re) * Math.sin(a.im));
export const sinh = (a: C): C => {
  const e = exp(a);
  const f = exp(c(-a.re, -a.im));
  return c((e.re - f.re) / 2, (e.im - f.im) / 2);
};
export const cosh = (a: C): C => {
  const e = exp(a);
  const f = exp(c(-a.re, -a.im));
  return c((e.re + f.re) / 2, (e.im + f.im) / 2);
};
/** acosh(z) = log(z + sqrt(z^2 - 1)), principal branch with Re >= 0. */
export const acosh = (z: C): C => {
  const w = add(z, sqrt(sub(mul(z, z), c(1))));
  const r = c(Math.log(abs(w)), Math.atan2(w.im, w.re));
  return r.re < 0 ? c(-r.re, -r.im) : r;
};
export const coth = (a: C): C => div(cosh(a), sinh(a));
