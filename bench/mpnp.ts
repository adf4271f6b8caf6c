/**
 * mPNP benchmark: the issue's target case (one CV cycle of a 6-sheet, d = 1.5 nm electrode at
 * 20 mV/us) with the grid of examples/mpnp-d1.5.yaml, plus the 1D half cell. Prints unknowns,
 * steps, Newton iterations, seconds per factorisation and wall time, and the grid error of C_slit.
 */
import { readFileSync } from 'node:fs';
import { parseMpnpConfig } from '../src/mpnp/config.js';
import { runMpnp, type RunResult } from '../src/mpnp/run.js';
import { slitCapacitances } from '../src/mpnp/slitCapacitance.js';
import { slitEquilibrium } from '../src/mpnp/slit.js';
import { networkMesh } from '../src/mpnp/network.js';
import { MpnpSystem, type LinearSolverKind } from '../src/mpnp/system.js';
import { modelConstants } from '../src/mpnp/halfCell.js';
import { scalesOf } from '../src/mpnp/params.js';

function line(name: string, r: RunResult): void {
  const s = r.stats;
  console.log(
    `${name}: ${s.unknowns} unknowns (${s.linearSolver === 'band' ? `band ${s.bandwidth}` : `sparse LU, ${s.factorNnz} entries in L+U`}), ${s.steps} steps (${s.rejected} rejected), ${s.newtonIterations} Newton iterations, ` +
      `${s.factorizations} factorisations x ${(s.factorSeconds / Math.max(1, s.factorizations)).toFixed(3)} s, wall ${s.wallSeconds.toFixed(1)} s`,
  );
}

/** One Jacobian factorisation (and, for the sparse LU, one refactorisation on kept pivots) of a network. */
function factorTimes(path: string, linear: LinearSolverKind): string {
  const cfg = parseMpnpConfig(readFileSync(path, 'utf8'), path);
  if (cfg.geometry.kind !== 'network') throw new Error(`${path} is not a network`);
  const s = scalesOf(cfg.physics);
  const net = networkMesh(cfg.geometry, s.lambdaD, cfg.grid);
  const sys = new MpnpSystem(net.mesh, modelConstants(s), linear);
  sys.phiM = 4;
  sys.a0 = 10;
  sys.assemble(true);
  let t = performance.now();
  sys.jac.factor();
  const first = (performance.now() - t) / 1000;
  sys.assemble(true);
  t = performance.now();
  sys.jac.factor();
  const second = (performance.now() - t) / 1000;
  return `${3 * net.mesh.nCells} unknowns, ${linear}: factorisation ${first.toFixed(3)} s, next one ${second.toFixed(3)} s`;
}

export async function runMpnpBench(): Promise<void> {
  // band against sparse LU on the example grid and on the paper-regime grid (47 nm brick sheets)
  for (const path of ['examples/mpnp-d1.5.yaml', 'examples/mpnp-regime.yaml']) {
    for (const linear of ['sparse', 'band'] as const) console.log(`${path}: ${factorTimes(path, linear)}`);
  }
  const regime = parseMpnpConfig(readFileSync('examples/mpnp-regime.yaml', 'utf8'), 'examples/mpnp-regime.yaml');
  regime.snapshots = [];
  if (regime.protocol.kind === 'cv') regime.protocol.cycles = 1;
  line('paper regime (examples/mpnp-regime.yaml), one CV cycle 0-200 mV at 20 mV/us', runMpnp(regime));

  const oneD = parseMpnpConfig(readFileSync('examples/mpnp-1d.yaml', 'utf8'), 'examples/mpnp-1d.yaml');
  line('1D half cell 10 nm, CV 0-200 mV at 20 mV/us', runMpnp(oneD));

  const cfg = parseMpnpConfig(readFileSync('examples/mpnp-d1.5.yaml', 'utf8'), 'examples/mpnp-d1.5.yaml');
  cfg.snapshots = [];
  const r = runMpnp(cfg);
  line('6 sheets, d = 1.5 nm, one CV cycle 0-200 mV at 20 mV/us', r);
  const c = slitCapacitances(r.series, r.network!);
  console.log(`C_slit per slit (uF/cm^2): ${c.map((v) => (v * 100).toFixed(2)).join(', ')}`);
  // grid error of C_slit: the slit cross-section on the example grid against a 4x finer one
  const coarse = slitEquilibrium(cfg.physics, 1.5e-9, 0.2, cfg.grid).capacitance;
  const fine = slitEquilibrium(cfg.physics, 1.5e-9, 0.2, { wall: cfg.grid.wall / 4, growth: 1 + (cfg.grid.growth - 1) / 4, max: cfg.grid.max / 4 }).capacitance;
  console.log(`C_slit grid error at 200 mV on this grid: ${(((coarse - fine) / fine) * 100).toFixed(3)}% (slit cross-section, ${(fine * 100).toFixed(2)} uF/cm^2 converged)`);
}
