/**
 * The 1D Poisson equation along the membrane normal, eps0 eps_r phi'' = -rho(z), from a charge
 * density binned on a uniform grid (the MD trajectory, averaged over the membrane plane).
 * Boundary conditions of the slab: no field below the system (E(0) = 0; the whole system is neutral,
 * so E also vanishes above it), and phi = 0 at a reference (the reservoir middle).
 *
 * Discretisation: the field at bin edges is the running integral of the bin charges (Gauss's law,
 * exact for piecewise-constant rho), the potential at bin centres the running integral of the field
 * (midpoint rule): second order in the bin width for a smooth rho.
 */
export const EPS0 = 8.8541878128e-12;

export interface PoissonResult {
  /** Potential at the bin centres, V. */
  phi: Float64Array;
  /** Field at the bin edges (length bins + 1), V/m; field[0] = 0. */
  field: Float64Array;
}

/**
 * Solves for phi at the centres z_b = (b + 1/2) dz. `ref` is the centre z of the reference region and
 * `refHalfWidth` its half width: phi averages to zero there.
 */
export function solvePoisson1d(rho: Float64Array, dz: number, epsR: number, ref: number, refHalfWidth: number, out?: PoissonResult): PoissonResult {
  const n = rho.length;
  const r = out ?? { phi: new Float64Array(n), field: new Float64Array(n + 1) };
  const eps = EPS0 * epsR;
  r.field[0] = 0;
  for (let b = 0; b < n; b++) r.field[b + 1] = r.field[b]! + (rho[b]! * dz) / eps;
  // phi at the first centre: the field grows linearly from 0 across half a bin
  r.phi[0] = -(rho[0]! * dz * dz) / (8 * eps);
  for (let b = 1; b < n; b++) r.phi[b] = r.phi[b - 1]! - r.field[b]! * dz;
  let sum = 0;
  let cnt = 0;
  for (let b = 0; b < n; b++) {
    const z = (b + 0.5) * dz;
    if (Math.abs(z - ref) <= refHalfWidth) {
      sum += r.phi[b]!;
      cnt++;
    }
  }
  if (cnt === 0) {
    // the reference region is narrower than a bin: interpolate at ref
    sum = interpolateCentres(r.phi, dz, ref);
    cnt = 1;
  }
  const shift = sum / cnt;
  for (let b = 0; b < n; b++) r.phi[b]! -= shift;
  return r;
}

/** Linear interpolation of a bin-centred profile at z (clamped to the first and last centres). */
export function interpolateCentres(v: Float64Array, dz: number, z: number): number {
  const s = z / dz - 0.5;
  if (s <= 0) return v[0]!;
  const b = Math.floor(s);
  if (b >= v.length - 1) return v[v.length - 1]!;
  const w = s - b;
  return v[b]! * (1 - w) + v[b + 1]! * w;
}
