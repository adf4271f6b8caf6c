import { describe, expect, it } from 'vitest';
import * as analytic from '../../src/mpnp/analytic.js';
import { defaultPhysics } from '../../src/mpnp/params.js';
import { defaultGeometry, networkMesh, type NetworkGeometry } from '../../src/mpnp/network.js';
import { runMpnp, type MpnpConfig } from '../../src/mpnp/run.js';
import { CycleMonitor, cycleChange } from '../../src/mpnp/periodic.js';
import { BlockSparseMatrix } from '../../src/mpnp/blockSparse.js';
import { BandMatrix } from '../../src/mpnp/bandLu.js';
import { MpnpSystem } from '../../src/mpnp/system.js';
import { modelConstants } from '../../src/mpnp/halfCell.js';
import { scalesOf } from '../../src/mpnp/params.js';

function halfCellCv(from: number, cycles: number, periodicTol: number): MpnpConfig {
  return {
    physics: defaultPhysics(),
    geometry: { kind: 'halfcell', length: 10e-9 },
    grid: { wall: 0.02, growth: 1.1, max: 0.5 },
    protocol: { kind: 'cv', from, to: 0.2, rate: 2e4, cycles, smoothing: 0, periodicTol },
    solver: { tol: 1e-3, maxStep: 0 },
    snapshots: [],
  };
}

describe('CV start and periodic steady state', () => {
  it('a CV from -200 mV starts at the equilibrium there (O2 charge), with no current spike', () => {
    const r = runMpnp(halfCellCv(-0.2, 1, 0));
    const q0 = r.series.electrodeCharge![0]!;
    // O2: lambda_S = 0.33 nm, nu = 0.346, V = 200 mV gives q = 21.0211 uC/cm^2 (grid error about -0.05%)
    expect(Math.abs(q0 / -0.210211 - 1)).toBeLessThan(1e-3);
    // the current never exceeds the largest C_diff (O2, at 0 V) times the scan rate: no start-up spike
    const cMax = analytic.sternCapacitance(defaultPhysics(), 1e-3);
    let iMax = 0;
    for (const v of r.series.totalCurrent!) iMax = Math.max(iMax, Math.abs(v));
    expect(iMax).toBeLessThan(1.02 * cMax * 2e4);
    expect(r.series.totalCurrent![0]).toBe(0);
  });

  it('stops at the first cycle whose current differs from the previous one by less than periodicTol', () => {
    const r = runMpnp(halfCellCv(0, 5, 1e-3));
    const c = r.cycles!;
    expect(c.periodic).toBe(true);
    expect(c.completed).toBeLessThan(5);
    expect(c.changes[c.changes.length - 1]).toBeLessThan(1e-3);
    // every earlier change was above the tolerance (else the run would have stopped there)
    for (const ch of c.changes.slice(0, -1)) expect(ch).toBeGreaterThanOrEqual(1e-3);
    const period = (2 * 0.2) / 2e4;
    expect(r.series.time[r.series.time.length - 1]! / period).toBeCloseTo(c.completed, 9);
  });

  it('the cycle change is the rms difference at equal phase over the max current', () => {
    const t = Array.from({ length: 101 }, (_, k) => k / 100);
    const a = t.map((x) => Math.sin(2 * Math.PI * x));
    const tb = t.map((x) => x + 1);
    const b = t.map((x) => 1.01 * Math.sin(2 * Math.PI * x));
    // |b - a| = 0.01 |sin|: rms 0.01 / sqrt 2 (sampled), over max |b| = 1.01
    expect(cycleChange(t, a, tb, b, 1)).toBeCloseTo(0.01 / Math.sqrt(2) / 1.01, 4);
    const m = new CycleMonitor(1, 0.02);
    for (const [k, x] of t.entries()) m.add(x, a[k]!);
    let stopped = false;
    for (const [k, x] of tb.entries()) stopped = m.add(x, b[k]!);
    expect(stopped).toBe(true);
    expect(m.report()).toMatchObject({ completed: 2, periodic: true });
  });
});

describe('sparse LU of the 2D network Jacobian', () => {
  it('solves the same Newton system as the banded LU (to round-off)', () => {
    const p = defaultPhysics();
    const s = scalesOf(p);
    const g: NetworkGeometry = { ...defaultGeometry(), sheets: 2, sheetLength: 4e-9, openSpace: 2e-9, layout: 'brick' };
    const net = networkMesh(g, s.lambdaD, { wall: 0.4, growth: 1.3, max: 1.2, alongWall: 1, alongMax: 4 });
    const band = new MpnpSystem(net.mesh, modelConstants(s), 'band');
    const sparse = new MpnpSystem(net.mesh, modelConstants(s), 'sparse');
    expect(band.jac).toBeInstanceOf(BandMatrix);
    expect(sparse.jac).toBeInstanceOf(BlockSparseMatrix);
    for (const sys of [band, sparse]) {
      for (let i = 0; i < sys.n; i++) {
        sys.x[3 * i] = 0.3 * Math.sin(i);
        sys.x[3 * i + 1] = 1 + 0.2 * Math.cos(i);
        sys.x[3 * i + 2] = 1 - 0.2 * Math.cos(1.7 * i);
      }
      sys.phiM = 4;
      sys.a0 = 3;
      sys.assemble(true);
      sys.jac.factor();
    }
    const x1 = Float64Array.from(band.residual);
    const x2 = Float64Array.from(sparse.residual);
    band.jac.solve(x1);
    sparse.jac.solve(x2);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < x1.length; i++) {
      worst = Math.max(worst, Math.abs(x1[i]! - x2[i]!));
      scale = Math.max(scale, Math.abs(x1[i]!));
    }
    expect(worst / scale).toBeLessThan(1e-10);
    // a second factorisation with changed values reuses the pivots (numeric refactor only)
    sparse.a0 = 5;
    sparse.assemble(true);
    sparse.jac.factor();
    const jac = sparse.jac as BlockSparseMatrix;
    expect(jac.fullFactorizations).toBe(1);
    expect(jac.refactorizations).toBeGreaterThanOrEqual(1);
  });
});

describe('network grid and probes', () => {
  it('puts at least gapCells cells across half an edge gap', () => {
    const s = scalesOf(defaultPhysics());
    for (const layout of ['aligned', 'brick'] as const) {
      const g: NetworkGeometry = { ...defaultGeometry(), sheets: 2, sheetLength: 6e-9, edgeGap: 1e-9, layout };
      const net = networkMesh(g, s.lambdaD, { wall: 0.3, growth: 1.3, max: 1, alongWall: 0.8, alongMax: 2.5, gapCells: 8 });
      const half = 0.5e-9 / s.lambdaD;
      const y = net.yNodes;
      const inGap = (a: number, b: number): boolean => (layout === 'brick' ? b <= half + 1e-9 : a >= y[y.length - 1]! - half - 1e-9);
      let cells = 0;
      for (let j = 0; j + 1 < y.length; j++) if (inGap(y[j]!, y[j + 1]!)) cells++;
      expect(cells).toBeGreaterThanOrEqual(8);
    }
  });

  it('brick layout: every trans-slit is read alike, so the extracted resistances do not alternate', () => {
    const g: NetworkGeometry = { ...defaultGeometry(), sheets: 4, sheetLength: 6e-9, openSpace: 2e-9, layout: 'brick' };
    const r = runMpnp({
      physics: defaultPhysics(),
      geometry: { kind: 'network', ...g },
      grid: { wall: 0.4, growth: 1.3, max: 1.2, alongWall: 1, alongMax: 4, gapCells: 3 },
      protocol: { kind: 'cv', from: 0, to: 0.1, rate: 2e5, cycles: 1, smoothing: 0 },
      solver: { tol: 1e-2, maxStep: 0 },
      snapshots: [],
    });
    // dphi_i / I_i at the middle of the charging sweep: the same for every trans-slit
    const s = r.series;
    let k = 0;
    while (s.phiM[k]! < 0.05) k++;
    const R = s.current.map((c, i) => (s.phi[i + 1]![k]! - s.phi[i]![k]!) / c[k]!);
    const mean = R.reduce((a, b) => a + b, 0) / R.length;
    for (const v of R) expect(Math.abs(v / mean - 1)).toBeLessThan(0.05);
  });
});
