/** `ncm mpnp <config> [--out dir] [--set key=value ...]`: runs the mPNP solver and writes its series and plots. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { parseDocument } from 'yaml';
import { NcmError } from '../diagnostics.js';
import { writeFileAtomic, writeFilesAtomic } from '../io/atomicWrite.js';
import { checkpointToJson, readCheckpoint, type CheckpointData } from '../mpnp/checkpoint.js';
import { seriesToCsv } from '../io/series.js';
import { parseMpnpConfig } from '../mpnp/config.js';
import { runMpnp, type RunResult } from '../mpnp/run.js';
import { cvSpec, fluxSpec, phiMapSpec, renderSvg } from '../mpnp/plots.js';
import { slitCapacitances } from '../mpnp/slitCapacitance.js';

/** Applies `--set a.b=value` overrides to the configuration text (values parsed as YAML scalars). */
export function applyOverrides(text: string, sets: string[]): string {
  if (sets.length === 0) return text;
  // an empty file has no mapping to set keys in
  const doc = parseDocument(text.trim() === '' ? '{}' : text);
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new NcmError(`--set ${s}: expected key.path=value, e.g. --set geometry.slitWidth="2 nm"`, { exitCode: 2 });
    const path = s.slice(0, eq).split('.');
    const raw = s.slice(eq + 1);
    const v = parseDocument(raw).toJS() as unknown;
    doc.setIn(path, v);
  }
  return doc.toString();
}

export async function mpnpOutputs(r: RunResult): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const s = r.series;
  files.set('series.csv', seriesToCsv(s));
  const is2d = r.network !== null;
  const unit = is2d ? 'A per period' : 'A/m^2';
  files.set('cv.svg', await renderSvg(cvSpec(s, unit)));
  if (r.openSpace) {
    const o = r.openSpace;
    const lines = ['# open-space cut (geometry.openCut from sheet 1), current toward the reservoir, A (per period of the network)', 'time[s],I_total[A],I_mig[A],I_diff[A],I_ster[A],I_disp[A]'];
    for (let k = 0; k < o.time.length; k++) lines.push([o.time[k], o.total[k], o.migration[k], o.diffusion[k], o.steric[k], o.displacement[k]].join(','));
    files.set('open-space.csv', lines.join('\n') + '\n');
  }
  if (is2d) files.set('flux-components.svg', await renderSvg(fluxSpec(s, r.openSpace, 0)));
  const net = r.network;
  for (let k = 0; k < r.snapshots.length; k++) {
    const snap = r.snapshots[k]!;
    if (net) {
      const title = `phi at t = ${(snap.time * 1e6).toFixed(3)} us (phi_m = ${(snap.phiM * 1000).toFixed(1)} mV), ionic current arrows`;
      files.set(`phi-map-${k + 1}.svg`, await renderSvg(phiMapSpec(net, snap.phi, snap.jx, snap.jy, r.scales.lambdaD * 1e9, title)));
      const lines = ['x[m],y[m],phi[V],c_plus[mol/m3],c_minus[mol/m3],jx[A/m2],jy[A/m2]'];
      for (let i = 0; i < snap.phi.length; i++) {
        lines.push([net.mesh.cx[i]! * r.scales.lambdaD, net.mesh.cy[i]! * r.scales.lambdaD, snap.phi[i], snap.cPlus[i], snap.cMinus[i], snap.jx[i], snap.jy[i]].join(','));
      }
      files.set(`snapshot-${k + 1}.csv`, `# t = ${snap.time} s, phi_m = ${snap.phiM} V\n` + lines.join('\n') + '\n');
    }
  }
  const summary = {
    stats: r.stats,
    debyeLength_m: r.scales.lambdaD,
    slitCapacitance_F_m2: is2d && net ? slitCapacitances(r.series, net) : undefined,
  };
  files.set('summary.json', JSON.stringify(summary, null, 2) + '\n');
  return files;
}

export function registerMpnp(program: Command): void {
  program
    .command('mpnp')
    .description('simulate the nanoscale charging dynamics (modified Poisson-Nernst-Planck) of a half cell or a nanoslit electrode')
    .argument('<config>', 'YAML or JSON configuration (see examples/mpnp-*.yaml)')
    .option('--out <dir>', 'output folder (default: out/mpnp-<config name>)')
    .option('--set <key=value...>', 'override configuration keys, e.g. --set geometry.slitWidth="2 nm"', [])
    .option('--checkpoint-every <seconds>', 'write <out>/checkpoint.json this often (wall time)', '60')
    .option('--resume', 'continue from <out>/checkpoint.json of an interrupted run with the same configuration')
    .action(async (configPath: string, opts: { out?: string; set: string[]; checkpointEvery: string; resume?: boolean }) => {
      const text = applyOverrides(readFileSync(configPath, 'utf8'), opts.set);
      const cfg = parseMpnpConfig(text, configPath);
      const out = opts.out ?? join('out', `mpnp-${basename(configPath, extname(configPath))}`);
      const every = Number(opts.checkpointEvery);
      if (!(every > 0)) throw new NcmError(`--checkpoint-every: expected a positive number of seconds, got '${opts.checkpointEvery}'`, { exitCode: 2 });
      const cpPath = join(out, 'checkpoint.json');
      let resume: CheckpointData | undefined;
      if (opts.resume) {
        if (!existsSync(cpPath)) throw new NcmError(`--resume: no checkpoint at ${cpPath}`);
        resume = readCheckpoint(cpPath);
      }
      const tty = process.stderr.isTTY === true;
      const bar = tty
        ? new cliProgress.SingleBar({ format: 'mpnp [{bar}] {percentage}% | t = {simt} us | steps {steps} | Newton {newton}', hideCursor: true }, cliProgress.Presets.shades_classic)
        : null;
      bar?.start(100, 0, { simt: '0', steps: 0, newton: 0 });
      let r: RunResult;
      try {
        r = runMpnp(cfg, {
          onProgress: (p) => bar?.update(Math.round((100 * p.time) / p.end), { simt: (p.time * 1e6).toFixed(4), steps: p.steps, newton: p.newtonIterations }),
          onCheckpoint: (c) => writeFileAtomic(cpPath, checkpointToJson(c)),
          checkpointSeconds: every,
          ...(resume ? { resume } : {}),
        });
      } catch (e) {
        bar?.stop();
        if (e instanceof NcmError) throw e;
        throw new NcmError(`mpnp run failed: ${(e as Error).message} (try a smaller solver.tol or a finer grid${opts.resume ? '' : '; resume with --resume if a checkpoint was written'})`);
      }
      bar?.update(100);
      bar?.stop();
      writeFilesAtomic(out, await mpnpOutputs(r));
      rmSync(cpPath, { force: true });
      const st = r.stats;
      process.stdout.write(
        `mpnp: ${st.unknowns} unknowns, ${st.steps} steps (${st.rejected} rejected), ${st.newtonIterations} Newton iterations, ` +
          `${st.factorizations} factorisations (${(st.factorSeconds / Math.max(1, st.factorizations)).toFixed(3)} s each), ${st.wallSeconds.toFixed(1)} s; wrote ${out}/\n`,
      );
    });
}
