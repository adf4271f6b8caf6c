/**
 * One mPNP run from a validated configuration: builds the model (1D half cell or 2D network),
 * drives phi_m with the protocol and records the series. Pure computation: files are written by
 * the caller (CLI).
 */
import type { SlitSeries } from '../series/slitSeries.js';
import type { IntegratorState } from './integrator.js';
import type { RecorderState } from './recorder.js';
import type { SolverStats } from './system.js';
import { cellCurrentDensity } from './fieldCurrent.js';
import { halfCell, modelConstants, type GridSpec } from './halfCell.js';
import { Bdf2Integrator, StallError } from './integrator.js';
import { MpnpStallError } from './stall.js';
import { checkMpnpSize } from './size.js';
import { networkMesh, type NetworkGeometry, type NetworkMesh } from './network.js';
import { scalesOf, type MpnpPhysics, type Scales } from './params.js';
import { SeriesRecorder, type OpenSpaceParts } from './recorder.js';
import { solveSteady } from './steady.js';
import { MpnpSystem, type LinearSolverKind } from './system.js';
import { BandMatrix } from './bandLu.js';
import { BlockSparseMatrix } from './blockSparse.js';
import { CycleMonitor, type CycleReport } from './periodic.js';
import { integrateWaveform } from './transient.js';
import { stepWave, triangleWave, type Waveform } from './waveform.js';
import { InputError } from '../diagnostics.js';

export type GeometryConfig = ({ kind: 'halfcell'; length: number }) | ({ kind: 'network' } & NetworkGeometry);

export type ProtocolConfig =
  | {
      kind: 'cv';
      from: number;
      to: number;
      rate: number;
      /** Cycles to run (the most, when periodicTol > 0). */
      cycles: number;
      smoothing: number;
      /** Stop after the first cycle whose current differs from the previous one's by less than this (rms / max); 0: run all. */
      periodicTol?: number;
    }
  | { kind: 'step'; value: number; duration: number };

export interface SolverConfig {
  /** Local error tolerance per step (relative to the potential amplitude). */
  tol: number;
  /** Largest time step, s (0: no limit beyond 1/50 of a segment). */
  maxStep: number;
  /** Linear solver of the Newton steps (default auto: band in 1D, sparse LU in 2D). */
  linear?: LinearSolverKind;
}

export interface MpnpConfig {
  physics: MpnpPhysics;
  geometry: GeometryConfig;
  grid: GridSpec;
  protocol: ProtocolConfig;
  solver: SolverConfig;
  /** Fractions of the run time at which to keep field snapshots. */
  snapshots: number[];
}

export interface Snapshot {
  time: number;
  phiM: number;
  /** State (phi in V, c+ and c- in mol/m^3) per cell. */
  phi: Float64Array;
  cPlus: Float64Array;
  cMinus: Float64Array;
  /** Ionic current density at the cell centres, A/m^2. */
  jx: Float64Array;
  jy: Float64Array;
}

/** The state a run saves to resume from (src/mpnp/checkpoint.ts writes and reads it as JSON). */
export interface CheckpointData {
  config: string;
  integrator: IntegratorState;
  recorder: RecorderState;
  phiM: number;
  stats: SolverStats;
  snapshots: Snapshot[];
  nextSnapshot: number;
  wallSeconds: number;
}

/**
 * Ties a checkpoint to the model it was taken under. The solver settings are left out: the state is
 * the same for any tolerance or step limit, so a run the watchdog stopped can resume with a smaller
 * solver.maxStep.
 */
export function configKey(cfg: MpnpConfig): string {
  const { solver: _solver, ...model } = cfg;
  return JSON.stringify(model);
}

export interface RunProgress {
  time: number;
  end: number;
  steps: number;
  rejected: number;
  newtonIterations: number;
}

export interface RunResult {
  series: SlitSeries;
  openSpace: OpenSpaceParts | null;
  snapshots: Snapshot[];
  network: NetworkMesh | null;
  scales: Scales;
  stats: {
    unknowns: number;
    steps: number;
    rejected: number;
    newtonIterations: number;
    factorizations: number;
    factorSeconds: number;
    wallSeconds: number;
    /** Half bandwidth of the banded LU (0 with the sparse LU). */
    bandwidth: number;
    linearSolver: 'band' | 'sparse';
    /** Entries of the sparse L + U (0 with the band). */
    factorNnz: number;
  };
  /** Cycle-to-cycle changes of I_m (CV only): completed cycles and rms change of each against the previous. */
  cycles: CycleReport | null;
}

export function waveformOf(p: ProtocolConfig): Waveform {
  return p.kind === 'cv' ? triangleWave(p) : stepWave(p.value, p.duration);
}

/** A model ready to run: the discrete system, its scales and (2D) the network bookkeeping. */
export interface BuiltModel {
  sys: MpnpSystem;
  scales: Scales;
  network: NetworkMesh | null;
}

export function buildModel(cfg: MpnpConfig): BuiltModel {
  const scales = scalesOf(cfg.physics);
  if (cfg.geometry.kind === 'halfcell') {
    const m = halfCell(cfg.physics, cfg.geometry.length, cfg.grid);
    return { sys: m.sys, scales, network: null };
  }
  const net = networkMesh(cfg.geometry, scales.lambdaD, cfg.grid);
  return { sys: new MpnpSystem(net.mesh, modelConstants(scales), cfg.solver.linear ?? 'auto'), scales, network: net };
}

export interface RunOptions {
  onProgress?: (p: RunProgress) => void;
  /** Called with a checkpoint every `checkpointSeconds` of wall time (and never otherwise). */
  onCheckpoint?: (c: CheckpointData) => void;
  checkpointSeconds?: number;
  /** Continue from this checkpoint (it must belong to the same configuration). */
  resume?: CheckpointData;
  /** Refuse a model whose estimated memory exceeds this many bytes (default DEFAULT_MEMORY_BUDGET). */
  memoryBudget?: number;
  /** Watchdog limits (IntegratorOptions.maxRejections, stallSeconds): a run that stops making progress throws MpnpStallError. */
  maxRejections?: number;
  stallSeconds?: number;
}

export function runMpnp(cfg: MpnpConfig, opts: RunOptions = {}): RunResult {
  const onProgress = opts.onProgress;
  const t0 = performance.now();
  checkMpnpSize(cfg, opts.memoryBudget);
  const { sys, scales: s, network } = buildModel(cfg);
  const wave = waveformOf(cfg.protocol);
  const is2dModel = network !== null;
  const amp = cfg.protocol.kind === 'cv' ? Math.max(Math.abs(cfg.protocol.from), Math.abs(cfg.protocol.to)) : Math.abs(cfg.protocol.value);
  // longest segment between vertices (a step waveform starts with a very short one)
  let seg = 0;
  for (let j = 1; j < wave.vertices.length; j++) seg = Math.max(seg, (wave.vertices[j]! - wave.vertices[j - 1]!) / s.time);
  const hMax = cfg.solver.maxStep > 0 ? cfg.solver.maxStep / s.time : Math.max(seg / 50, 1e-6);
  const integ = new Bdf2Integrator(sys, {
    tol: cfg.solver.tol,
    hMax,
    hStart: Math.min(1e-3, hMax),
    hMin: 1e-12,
    signal: Math.max(amp / s.thermalVoltage, 1e-3),
    reuseJacobian: is2dModel,
    ...(opts.maxRejections !== undefined ? { maxRejections: opts.maxRejections } : {}),
    ...(opts.stallSeconds !== undefined ? { stallSeconds: opts.stallSeconds } : {}),
  });
  const is2d = network !== null;
  const W = is2d && cfg.geometry.kind === 'network' ? cfg.geometry.depth : 1;
  // the half domain 0..L stands for the whole period -L..L
  const period = is2d && cfg.geometry.kind === 'network' && !cfg.geometry.fullPeriod ? 2 : 1;
  const units = is2d
    ? { charge: s.surfaceCharge * s.lambdaD * W * period, current: s.currentDensity * s.lambdaD * W * period }
    : { charge: s.surfaceCharge, current: s.currentDensity };
  const rec = new SeriesRecorder(sys, s, network ? network.slits : [], network ? network.openCut : null, units);
  const snapshots: Snapshot[] = [];
  const snapTimes = cfg.snapshots.map((f) => f * wave.end).sort((a, b) => a - b);
  let nextSnap = 0;
  let wallBefore = 0;
  if (opts.resume) {
    const c = opts.resume;
    if (c.config !== configKey(cfg)) throw new InputError('the checkpoint belongs to a different configuration (only solver settings may change on --resume)');
    integ.importState(c.integrator);
    rec.importState(c.recorder);
    sys.phiM = c.phiM;
    Object.assign(sys.stats, c.stats);
    snapshots.push(...c.snapshots);
    nextSnap = c.nextSnapshot;
    wallBefore = c.wallSeconds;
  } else {
    // start from the equilibrium at the initial potential (the cell has rested there), not from the 0 V state
    const phi0 = wave.at(0) / s.thermalVoltage;
    if (phi0 !== 0 && sys.hasReservoir) solveSteady(sys, phi0);
    sys.phiM = phi0;
    rec.record(null);
  }
  const monitor = cfg.protocol.kind === 'cv' ? new CycleMonitor((2 * Math.abs(cfg.protocol.to - cfg.protocol.from)) / cfg.protocol.rate, cfg.protocol.periodicTol ?? 0) : null;
  if (monitor) {
    // a resumed run replays the records it already has
    const { time, current } = rec.timeAndCurrent();
    for (let k = 0; k < time.length; k++) monitor.add(time[k]!, current[k]!);
  }
  let lastCheckpoint = performance.now();
  const checkpoint = (it: Bdf2Integrator, now: number): CheckpointData => ({
    config: configKey(cfg),
    integrator: it.exportState(),
    recorder: rec.exportState(),
    phiM: sys.phiM,
    stats: { ...sys.stats },
    snapshots,
    nextSnapshot: nextSnap,
    wallSeconds: wallBefore + (now - t0) / 1000,
  });
  const take = (): void => {
    const n = sys.n;
    const j = cellCurrentDensity(sys);
    for (let i = 0; i < n; i++) {
      j.jx[i]! *= s.currentDensity;
      j.jy[i]! *= s.currentDensity;
    }
    const snap: Snapshot = { time: integ.t * s.time, phiM: sys.phiM * s.thermalVoltage, phi: new Float64Array(n), cPlus: new Float64Array(n), cMinus: new Float64Array(n), jx: j.jx, jy: j.jy };
    // the unknowns are c_i / c_i^bulk (c0 each for a 1:1 salt)
    const cpBulk = s.speciesSi.cPlus;
    const cmBulk = s.speciesSi.cMinus;
    for (let i = 0; i < n; i++) {
      snap.phi[i] = sys.x[3 * i]! * s.thermalVoltage;
      snap.cPlus[i] = sys.x[3 * i + 1]! * cpBulk;
      snap.cMinus[i] = sys.x[3 * i + 2]! * cmBulk;
    }
    snapshots.push(snap);
  };
  let last = 0;
  const cycleEnds = monitor ? Array.from({ length: cfg.protocol.kind === 'cv' ? cfg.protocol.cycles : 0 }, (_, k) => ((k + 1) * monitor.period) / s.time) : [];
  try {
    integrateWaveform(integ, { at: (t) => wave.at(t * s.time) / s.thermalVoltage, vertices: wave.vertices.map((v) => v / s.time), landings: cycleEnds }, (it) => {
      rec.record(it);
      const stop = monitor ? monitor.add(it.t * s.time, rec.lastCurrent()) : false;
      while (nextSnap < snapTimes.length && it.t * s.time >= snapTimes[nextSnap]! * (1 - 1e-12)) {
        take();
        nextSnap++;
      }
      const now = performance.now();
      if (opts.onCheckpoint && now - lastCheckpoint > 1000 * (opts.checkpointSeconds ?? 60)) {
        lastCheckpoint = now;
        opts.onCheckpoint(checkpoint(it, now));
      }
      if (onProgress && now - last > 200) {
        last = now;
        onProgress({ time: it.t * s.time, end: wave.end, steps: it.steps, rejected: it.rejected, newtonIterations: sys.stats.newtonIterations });
      }
      return stop;
    });
  } catch (e) {
    if (!(e instanceof StallError)) throw e;
    // the integrator stands at its last accepted step: save it, then say what happened in physical units
    let saved = false;
    if (opts.onCheckpoint) {
      opts.onCheckpoint(checkpoint(integ, performance.now()));
      saved = true;
    }
    throw new MpnpStallError(e.report, s.time, wave.end, cfg.solver.tol, saved);
  }
  const meta: Record<string, string | number> = {
    source: 'ncm mpnp',
    geometry: cfg.geometry.kind,
    units: is2d ? (W === 1 ? 'per unit depth (W = 1 m)' : `depth W = ${W} m`) : 'per unit electrode area (1 m^2)',
    depth: is2d ? W : 1,
    c0_mol_m3: cfg.physics.electrolyte.concentration,
    debye_length_m: s.lambdaD,
    stern_length_m: s.lambdaS * s.lambdaD,
    nu: s.nu,
    ...(s.species.symmetric ? {} : asymmetricMeta(s)),
    current_sign: 'I_m > 0 into the electrode while charging; I_i > 0 toward the reservoir',
  };
  if (cfg.geometry.kind === 'network') {
    meta.sheets = cfg.geometry.sheets;
    meta.slit_width_m = cfg.geometry.slitWidth;
    meta.layout = cfg.geometry.layout;
  }
  if (cfg.protocol.kind === 'cv') meta.scan_rate_V_s = cfg.protocol.rate;
  return {
    series: rec.toSeries(meta),
    openSpace: rec.openSpace(),
    snapshots,
    network,
    scales: s,
    stats: {
      unknowns: 3 * sys.n,
      steps: integ.steps,
      rejected: integ.rejected,
      newtonIterations: sys.stats.newtonIterations,
      factorizations: sys.stats.factorizations,
      factorSeconds: sys.stats.factorSeconds,
      wallSeconds: wallBefore + (performance.now() - t0) / 1000,
      bandwidth: sys.jac instanceof BandMatrix ? sys.jac.kl : 0,
      linearSolver: sys.jac instanceof BlockSparseMatrix ? 'sparse' : 'band',
      factorNnz: sys.jac instanceof BlockSparseMatrix ? sys.jac.factorNnz : 0,
    },
    cycles: monitor ? monitor.report() : null,
  };
}

/** Metadata of an asymmetric salt (a 1:1 one-size run writes none, so its files stay as they were). */
function asymmetricMeta(s: Scales): Record<string, number> {
  const si = s.speciesSi;
  return {
    valence_plus: si.zPlus,
    valence_minus: si.zMinus,
    c_plus_mol_m3: si.cPlus,
    c_minus_mol_m3: si.cMinus,
    ion_size_plus_m: Math.cbrt(si.vPlus),
    ion_size_minus_m: Math.cbrt(si.vMinus),
    solvent_size_m: Math.cbrt(si.vSolvent),
  };
}
