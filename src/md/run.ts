/**
 * One MD cross-check run: configuration -> system -> LAMMPS input (written whole) -> `lmp` ->
 * trajectory -> series and Delta blocks. The CLI only parses flags and prints.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFilesAtomic } from '../io/atomicWrite.js';
import { renderSvg } from '../io/plots.js';
import { seriesToCsv } from '../io/series.js';
import { MdAnalyzer, type MdAnalysis } from './analysis.js';
import type { MdConfig } from './config.js';
import { readDump } from './dump.js';
import { DATA_FILE, DUMP_FILE, INPUT_FILE, dataFile, inputScript, planOf, type MdPlan } from './lammps.js';
import { deltasSpec, partsSpec, profileSpec } from './plots.js';
import { runLammps, type LammpsProgress, type LammpsRunStats } from './runner.js';
import { buildSystem, type MdSystem } from './system.js';
import { NcmError } from '../diagnostics.js';

export const PLAN_FILE = 'plan.json';

export interface MdPrepared {
  cfg: MdConfig;
  sys: MdSystem;
  plan: MdPlan;
  /** in.md, system.data, plan.json */
  files: Map<string, string>;
}

export function prepareMd(cfg: MdConfig): MdPrepared {
  const sys = buildSystem(cfg);
  const plan = planOf(cfg, sys);
  const files = new Map<string, string>([
    [INPUT_FILE, inputScript(cfg, sys, plan)],
    [DATA_FILE, dataFile(cfg, sys)],
    [PLAN_FILE, JSON.stringify({ plan, config: cfg }, null, 1) + '\n'],
  ]);
  return { cfg, sys, plan, files };
}

/** Reads the trajectory of a finished run in `dir` and analyses it. */
export function analyseMdRun(dir: string, cfg: MdConfig, plan: MdPlan): MdAnalysis {
  const path = join(dir, DUMP_FILE);
  if (!existsSync(path)) throw new NcmError(`md: no trajectory ${path} (did LAMMPS run?)`);
  const an = new MdAnalyzer(plan, cfg);
  const frames = readDump(path, (f) => an.frame(f));
  if (frames < 2) throw new NcmError(`md: ${path} holds ${frames} frame(s); at least 2 are needed`);
  return an.finish();
}

export interface MdRunResult {
  prepared: MdPrepared;
  lammps: LammpsRunStats;
  analysis: MdAnalysis;
}

export interface MdRunOptions {
  binary?: string;
  onProgress?: (p: LammpsProgress) => void;
}

/** Writes the inputs into `dir`, runs LAMMPS there and analyses the trajectory. */
export async function runMd(cfg: MdConfig, dir: string, opts: MdRunOptions = {}): Promise<MdRunResult> {
  const prepared = prepareMd(cfg);
  writeFilesAtomic(dir, prepared.files);
  const lammps = await runLammps({ dir, totalSteps: prepared.plan.totalSteps, ...(opts.binary ? { binary: opts.binary } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const analysis = analyseMdRun(dir, cfg, prepared.plan);
  return { prepared, lammps, analysis };
}

/** The block table: one row per electrode and time block. */
export function deltasCsv(a: MdAnalysis): string {
  const L = [
    '# nanocircuit MD: Delta x_1 = x(slit 2) - x(slit 1), block averages; currents positive toward the reservoir',
    '# migration/diffusion/steric: mPNP flux laws evaluated on the slit averages (estimates); I_1: measured ion current through sheet 2',
    '# dir_*: direction of each part between slit 1 and 2: out = toward the reservoir (positive), in = into the electrode',
    'electrode,t_start[s],t_end[s],frames,dphi_1[V],drho_1[C/m^3],dc_1[mol/m^3],I_1[A],I_mig_1_est[A],I_diff_1_est[A],I_ster_1_est[A],dir_mig_1,dir_diff_1,dir_ster_1',
  ];
  const dir = (v: number): string => (v > 0 ? 'out' : v < 0 ? 'in' : 'none');
  for (const el of a.electrodes)
    for (const b of el.blocks)
      L.push(
        [el.sign > 0 ? '+' : '-', b.tStart, b.tEnd, b.frames, b.dphi1, b.drho1, b.dc1, b.current, b.migration, b.diffusion, b.steric, dir(b.migration), dir(b.diffusion), dir(b.steric)].map(String).join(','),
      );
  return L.join('\n') + '\n';
}

/** Per frame and slit: total ion density, net charge density and the ion counts of both electrodes. */
export function slitsCsv(a: MdAnalysis, spacing: number): string {
  const vol = a.area * spacing;
  const avo = 6.02214076e23;
  const head: string[] = ['time[s]'];
  const cols: Array<(k: number) => number> = [];
  for (const el of a.electrodes) {
    const tag = el.sign > 0 ? 'pos' : 'neg';
    el.series.charge.forEach((q, i) => {
      const np = el.cations[i]!;
      const nm = el.anions[i]!;
      head.push(`c_${i + 1}_${tag}[mol/m^3]`, `rho_${i + 1}_${tag}[C/m^3]`, `n+_${i + 1}_${tag}`, `n-_${i + 1}_${tag}`);
      cols.push((k) => (np[k]! + nm[k]!) / (avo * vol), (k) => q[k]! / vol, (k) => np[k]!, (k) => nm[k]!);
    });
  }
  const t = a.electrodes[0].series.time;
  const L = [`# nanocircuit MD: per slit (slit i from sheet i to sheet i+1, volume A h = ${vol} m^3); pos = + electrode (left), neg = - electrode`, head.join(',')];
  for (let k = 0; k < t.length; k++) L.push([t[k]!, ...cols.map((c) => c(k))].map(String).join(','));
  return L.join('\n') + '\n';
}

export function mdSummary(r: MdRunResult): Record<string, unknown> {
  const { plan, sys } = r.prepared;
  const a = r.analysis;
  const l = r.lammps;
  return {
    model: plan.model,
    atoms: plan.atoms,
    counts: sys.counts,
    box_nm: { x: sys.box.lx * 1e9, y: sys.box.ly * 1e9, z: sys.box.lz * 1e9 },
    steps: plan.totalSteps,
    timestep_fs: plan.timestep * 1e15,
    frames: a.frames,
    lammps: {
      version: l.version,
      wall_s: l.wallSeconds,
      loop_s: l.loopSeconds,
      ns_per_day: l.nsPerDay,
      cpu_use_percent: l.cpuUse,
      ns_per_day_overall: l.loopSeconds > 0 ? (plan.totalSteps * plan.timestep * 1e9 * 86400) / l.loopSeconds : null,
    },
    checks: a.checks,
    same_sign: Object.fromEntries(a.electrodes.map((e) => [e.sign > 0 ? 'positive' : 'negative', e.sameSign])),
    trend_correlation: Object.fromEntries(a.electrodes.map((e) => [e.sign > 0 ? 'positive' : 'negative', e.trend])),
  };
}

/** Every output file of a run (written together by the caller). */
export async function mdOutputs(r: MdRunResult, title: string): Promise<Map<string, string>> {
  const a = r.analysis;
  const sheets = r.prepared.plan.electrodes.flatMap((e) => e.sheetZ);
  return new Map<string, string>([
    ['series.csv', seriesToCsv(a.electrodes[0].series)],
    ['series-negative.csv', seriesToCsv(a.electrodes[1].series)],
    ['deltas.csv', deltasCsv(a)],
    ['slits.csv', slitsCsv(a, r.prepared.plan.spacing)],
    ['summary.json', JSON.stringify(mdSummary(r), null, 1) + '\n'],
    ['md-deltas.svg', await renderSvg(deltasSpec(a, `${title}: Δφ₁, Δρ₁, Δc₁ after the charge step`))],
    ['md-parts.svg', await renderSvg(partsSpec(a, `${title}: transport between slit 1 and 2`))],
    ['md-profile.svg', await renderSvg(profileSpec(a, `${title}: charge density and potential`, sheets))],
  ]);
}
