/**
 * The discrete mPNP system on a finite-volume mesh: unknowns (phi, c+, c-) per cell, interleaved,
 * non-dimensional. Poisson is conservative with Robin (Stern) walls; the Nernst-Planck fluxes are
 * Scharfetter-Gummel on the effective potentials w_i = z_i phi + s_i mu, mu = -ln(1 - p+ c+ - p- c-)
 * (species.ts; w = +-phi + mu for the paper's 1:1 one-size model), which is exact in equilibrium
 * and keeps the ions' volume fraction below 1. A fully coupled Newton method with a
 * banded LU (1D) or a sparse LU under a fill-reducing order (2D) solves each (steady or implicit)
 * step.
 */
import { BandMatrix } from './bandLu.js';
import { bernoulli, bernoulliDerivative } from './bernoulli.js';
import { BlockSparseMatrix } from './blockSparse.js';
import { RESERVOIR, WALL, type FvMesh } from './mesh.js';
import { packing, symmetricSpecies, type SpeciesConstants } from './species.js';
import { InputError } from '../diagnostics.js';

/** Dimensionless constants of the model (see Scales). */
export interface ModelConstants {
  dPlus: number;
  dMinus: number;
  /** Bulk packing fraction (sum over the species). */
  nu: number;
  lambdaS: number;
  /** Valences, sizes and charge weights of the two species; absent: 1:1 with one size (symmetricSpecies(nu)). */
  species?: SpeciesConstants;
}

/** What the Newton iteration needs of a Jacobian: the banded and the sparse one both provide it. */
export interface JacobianMatrix {
  readonly n: number;
  zero(): void;
  add(i: number, j: number, v: number): void;
  get(i: number, j: number): number;
  /** LU in place; throws on a singular matrix. */
  factor(): void;
  /** Solves A x = b after factor(); b is overwritten by x. */
  solve(b: Float64Array): void;
}

/**
 * Linear solver of the Newton steps. `band`: banded LU, cost n (3 n_y)^2 per factorisation;
 * `sparse`: sparse LU (src/numeric) with a minimum-degree order of the cells, which refactors on
 * kept pivots; `auto`: band for 1D meshes (bandwidth 1), sparse otherwise.
 */
export type LinearSolverKind = 'auto' | 'band' | 'sparse';

export function makeJacobian(mesh: FvMesh, kind: LinearSolverKind = 'auto'): JacobianMatrix {
  const sparse = kind === 'sparse' || (kind === 'auto' && mesh.cellBandwidth > 1);
  if (sparse) return new BlockSparseMatrix(mesh);
  const bw = 3 * mesh.cellBandwidth + 2;
  return new BandMatrix(3 * mesh.nCells, bw, bw);
}

export interface NewtonResult {
  converged: boolean;
  iterations: number;
  /** Last max-norm update (phi in kT/e, c relative). */
  update: number;
}

export interface SolverStats {
  newtonIterations: number;
  factorizations: number;
  factorSeconds: number;
}

export class MpnpSystem {
  readonly mesh: FvMesh;
  readonly k: ModelConstants;
  readonly n: number;
  /** State (phi, c+, c-) per cell. */
  readonly x: Float64Array;
  readonly residual: Float64Array;
  readonly jac: JacobianMatrix;
  /** Storage term V (a0 c + hist): a0 and hist set by the time integrator (0 for steady state). */
  a0 = 0;
  readonly hist: Float64Array;
  /** Electrode (sheet) potential, kT/e. */
  phiM = 0;
  readonly stats: SolverStats = { newtonIterations: 0, factorizations: 0, factorSeconds: 0 };
  private readonly dx: Float64Array;
  private readonly mu: Float64Array;
  /** d mu / d c+ and d mu / d c- per cell (equal for one lattice size). */
  private readonly dmuP: Float64Array;
  private readonly dmuM: Float64Array;
  readonly muBulk: number;
  /** The two species: valences, charge weights, packings, steric exponents. */
  readonly sp: SpeciesConstants;
  /** Cells in a closed box keep their ion content: NP rows get no reservoir. */
  readonly hasReservoir: boolean;

  constructor(mesh: FvMesh, k: ModelConstants, linear: LinearSolverKind = 'auto') {
    if (!(k.nu >= 0 && k.nu < 1)) throw new InputError(`packing fraction nu = ${k.nu} must be in [0, 1)`);
    this.mesh = mesh;
    this.k = k;
    this.n = mesh.nCells;
    this.x = new Float64Array(3 * this.n);
    this.residual = new Float64Array(3 * this.n);
    this.dx = new Float64Array(3 * this.n);
    this.hist = new Float64Array(2 * this.n);
    this.mu = new Float64Array(this.n);
    this.dmuP = new Float64Array(this.n);
    this.dmuM = new Float64Array(this.n);
    this.sp = k.species ?? symmetricSpecies(k.nu);
    this.muBulk = -Math.log(1 - k.nu);
    this.jac = makeJacobian(mesh, linear);
    this.hasReservoir = Array.from(mesh.bKind).some((b) => b === RESERVOIR);
    this.setBulk();
  }

  /** phi = 0, c = c0 everywhere (equilibrium at phi_m = 0). */
  setBulk(): void {
    for (let i = 0; i < this.n; i++) {
      this.x[3 * i] = 0;
      this.x[3 * i + 1] = 1;
      this.x[3 * i + 2] = 1;
    }
  }

  private updateMu(): void {
    const sp = this.sp;
    for (let i = 0; i < this.n; i++) {
      const f = 1 - packing(sp, this.x[3 * i + 1]!, this.x[3 * i + 2]!);
      this.mu[i] = -Math.log(f);
      this.dmuP[i] = sp.packPlus / f;
      this.dmuM[i] = sp.packMinus / f;
    }
  }

  /** Effective distance of a wall face: the Stern length plus the half cell. */
  wallDistance(b: number): number {
    return this.mesh.bDist[b]! + this.k.lambdaS;
  }

  /** Residual (and Jacobian if wanted) at the current state. */
  assemble(withJacobian: boolean): void {
    const m = this.mesh;
    const x = this.x;
    const r = this.residual;
    const J = this.jac;
    const { dPlus, dMinus } = this.k;
    const sp = this.sp;
    // half the charge weights: Poisson reads lap phi = -(q+ c+ + q- c-)/2
    const hqP = 0.5 * sp.qPlus;
    const hqM = 0.5 * sp.qMinus;
    this.updateMu();
    const mu = this.mu;
    const dmuP = this.dmuP;
    const dmuM = this.dmuM;
    if (withJacobian) J.zero();
    for (let i = 0; i < this.n; i++) {
      const v = m.volume[i]!;
      const cp = x[3 * i + 1]!;
      const cm = x[3 * i + 2]!;
      r[3 * i] = v * (hqP * cp + hqM * cm);
      r[3 * i + 1] = v * (this.a0 * cp + this.hist[2 * i]!);
      r[3 * i + 2] = v * (this.a0 * cm + this.hist[2 * i + 1]!);
      if (withJacobian) {
        J.add(3 * i, 3 * i + 1, hqP * v);
        J.add(3 * i, 3 * i + 2, hqM * v);
        J.add(3 * i + 1, 3 * i + 1, v * this.a0);
        J.add(3 * i + 2, 3 * i + 2, v * this.a0);
      }
    }
    const nf = m.faceA.length;
    for (let f = 0; f < nf; f++) {
      const a = m.faceA[f]!;
      const b = m.faceB[f]!;
      const g = m.faceArea[f]! / m.faceDist[f]!;
      const pa = x[3 * a]!;
      const pb = x[3 * b]!;
      r[3 * a]! += g * (pb - pa);
      r[3 * b]! -= g * (pb - pa);
      if (withJacobian) {
        J.add(3 * a, 3 * a, -g);
        J.add(3 * a, 3 * b, g);
        J.add(3 * b, 3 * b, -g);
        J.add(3 * b, 3 * a, g);
      }
      for (let s = 1; s <= 2; s++) {
        const z = s === 1 ? sp.zPlus : sp.zMinus;
        const st = s === 1 ? sp.stericPlus : sp.stericMinus;
        const kf = g * (s === 1 ? dPlus : dMinus);
        const ca = x[3 * a + s]!;
        const cb = x[3 * b + s]!;
        const dw = z * (pb - pa) + st * mu[b]! - st * mu[a]!;
        const bp = bernoulli(dw);
        const bm = bernoulli(-dw);
        const flux = kf * (bp * ca - bm * cb);
        r[3 * a + s]! += flux;
        r[3 * b + s]! -= flux;
        if (withJacobian) {
          const G = kf * (bernoulliDerivative(dw) * ca + bernoulliDerivative(-dw) * cb);
          const ra = 3 * a + s;
          const rb = 3 * b + s;
          // d flux / d unknowns
          const dca = kf * bp;
          const dcb = -kf * bm;
          const dpa = -G * z;
          const dpb = G * z;
          const gs = G * st;
          const dmuAP = -gs * dmuP[a]!;
          const dmuAM = -gs * dmuM[a]!;
          const dmuBP = gs * dmuP[b]!;
          const dmuBM = gs * dmuM[b]!;
          J.add(ra, 3 * a + s, dca);
          J.add(ra, 3 * b + s, dcb);
          J.add(ra, 3 * a, dpa);
          J.add(ra, 3 * b, dpb);
          J.add(ra, 3 * a + 1, dmuAP);
          J.add(ra, 3 * a + 2, dmuAM);
          J.add(ra, 3 * b + 1, dmuBP);
          J.add(ra, 3 * b + 2, dmuBM);
          J.add(rb, 3 * a + s, -dca);
          J.add(rb, 3 * b + s, -dcb);
          J.add(rb, 3 * a, -dpa);
          J.add(rb, 3 * b, -dpb);
          J.add(rb, 3 * a + 1, -dmuAP);
          J.add(rb, 3 * a + 2, -dmuAM);
          J.add(rb, 3 * b + 1, -dmuBP);
          J.add(rb, 3 * b + 2, -dmuBM);
        }
      }
    }
    const nb = m.bCell.length;
    for (let f = 0; f < nb; f++) {
      const a = m.bCell[f]!;
      const pa = x[3 * a]!;
      if (m.bKind[f] === WALL) {
        const g = m.bArea[f]! / this.wallDistance(f);
        r[3 * a]! += g * (m.bSign[f]! * this.phiM - pa);
        if (withJacobian) J.add(3 * a, 3 * a, -g);
        continue;
      }
      const g = m.bArea[f]! / m.bDist[f]!;
      r[3 * a]! += g * (0 - pa);
      if (withJacobian) J.add(3 * a, 3 * a, -g);
      for (let s = 1; s <= 2; s++) {
        const z = s === 1 ? sp.zPlus : sp.zMinus;
        const st = s === 1 ? sp.stericPlus : sp.stericMinus;
        const kf = g * (s === 1 ? dPlus : dMinus);
        const ca = x[3 * a + s]!;
        const dw = z * (0 - pa) + st * this.muBulk - st * mu[a]!;
        const bp = bernoulli(dw);
        const bm = bernoulli(-dw);
        r[3 * a + s]! += kf * (bp * ca - bm * 1);
        if (withJacobian) {
          const G = kf * (bernoulliDerivative(dw) * ca + bernoulliDerivative(-dw));
          const ra = 3 * a + s;
          J.add(ra, 3 * a + s, kf * bp);
          J.add(ra, 3 * a, -G * z);
          J.add(ra, 3 * a + 1, -G * st * dmuP[a]!);
          J.add(ra, 3 * a + 2, -G * st * dmuM[a]!);
        }
      }
    }
  }

  /** Max-norm of the residual, per row kind. */
  residualNorm(): number {
    let s = 0;
    for (let i = 0; i < this.residual.length; i++) s = Math.max(s, Math.abs(this.residual[i]!));
    return s;
  }

  /** True when jac holds a factorisation that a chord iteration may reuse. */
  private factored = false;

  /** Drop a kept factorisation (e.g. after the mesh or constants changed). */
  invalidateJacobian(): void {
    this.factored = false;
  }

  /**
   * Newton's method on the current equations. Steps are damped so that 0 < c and
   * (nu/2)(c+ + c-) < 1 stay true; converged when the scaled update is below tol. With reuse,
   * the last factorisation is tried first (chord iteration) and refreshed as soon as the updates
   * stop shrinking fast.
   */
  newton(maxIterations = 30, tol = 1e-10, reuse = false): NewtonResult {
    const x = this.x;
    const dx = this.dx;
    const sp = this.sp;
    const hNu = 0.5 * this.k.nu;
    let update = Infinity;
    let prev = Infinity;
    let needFactor = !reuse || !this.factored;
    let fresh = false;
    for (let it = 1; it <= maxIterations; it++) {
      this.assemble(needFactor);
      if (needFactor) {
        const t0 = performance.now();
        try {
          this.jac.factor();
        } catch {
          this.factored = false;
          return { converged: false, iterations: it, update };
        }
        this.stats.factorSeconds += (performance.now() - t0) / 1000;
        this.stats.factorizations++;
        this.factored = true;
        needFactor = false;
        fresh = true;
      }
      this.stats.newtonIterations++;
      for (let i = 0; i < dx.length; i++) dx[i] = -this.residual[i]!;
      this.jac.solve(dx);
      let alpha = 1;
      update = 0;
      for (let i = 0; i < this.n; i++) {
        const dp = dx[3 * i]!;
        if (!Number.isFinite(dp)) {
          this.factored = false;
          return { converged: false, iterations: it, update: Infinity };
        }
        update = Math.max(update, Math.abs(dp));
        if (Math.abs(dp) * alpha > 4) alpha = 4 / Math.abs(dp);
        let dct = 0;
        let ct = 0;
        for (let s = 1; s <= 2; s++) {
          const c = x[3 * i + s]!;
          const d = dx[3 * i + s]!;
          update = Math.max(update, Math.abs(d) / c);
          if (c + alpha * d <= 0.05 * c) alpha = (0.95 * c) / -d;
          dct += d;
          ct += c;
        }
        if (sp.onePacking) {
          if (hNu > 0 && dct > 0) {
            const room = 1 - hNu * ct;
            if (hNu * alpha * dct >= 0.95 * room) alpha = (0.95 * room) / (hNu * dct);
          }
        } else {
          // unequal packings: the step may not fill the lattice (phi = p+ c+ + p- c- < 1)
          const dphi = sp.packPlus * dx[3 * i + 1]! + sp.packMinus * dx[3 * i + 2]!;
          if (dphi > 0) {
            const room = 1 - packing(sp, x[3 * i + 1]!, x[3 * i + 2]!);
            if (alpha * dphi >= 0.95 * room) alpha = (0.95 * room) / dphi;
          }
        }
      }
      if (!fresh && (update > 0.2 * prev || alpha < 1)) {
        // the old factorisation is too far off: refresh it and redo this iteration
        needFactor = true;
        prev = Infinity;
        continue;
      }
      for (let i = 0; i < x.length; i++) x[i]! += alpha * dx[i]!;
      if (alpha === 1 && update < tol) return { converged: true, iterations: it, update };
      prev = update;
    }
    return { converged: false, iterations: maxIterations, update };
  }
}
