/**
 * MD benchmark: LAMMPS speed (ns/day) on the default coarse-grained system (examples/md-primitive.yaml,
 * ~2100 atoms) for a short schedule: 10 ps uncharged, then 40 ps after the charge step. Prints the
 * production run's ns/day, LAMMPS's own CPU-use figure and the machine load, since the machine is shared.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMdConfig } from '../src/md/config.js';
import { lammpsVersion } from '../src/md/runner.js';
import { runMd } from '../src/md/run.js';
import { applyOverrides } from '../src/cli/configOverrides.js';

export async function runMdBench(): Promise<void> {
  const version = lammpsVersion();
  if (version === null) {
    console.log('md: skipped, `lmp` is not installed (apt-get install lammps)');
    return;
  }
  const file = 'examples/md-primitive.yaml';
  const text = applyOverrides(readFileSync(file, 'utf8'), ['run.equilibration=10 ps', 'run.before=0 ps', 'run.duration=40 ps']);
  const cfg = parseMdConfig(text, file);
  const dir = mkdtempSync(join(tmpdir(), 'ncm-md-bench-'));
  const load = loadavg()[0]!;
  try {
    const r = await runMd(cfg, dir);
    const p = r.prepared.plan;
    const l = r.lammps;
    const prod = l.nsPerDay.at(-1)!;
    const cpu = l.cpuUse.at(-1)!;
    console.log(`LAMMPS ${version}; default primitive system: ${p.atoms} atoms (${p.counts.cations + p.counts.anions} mobile ions), ${Number((p.timestep * 1e15).toPrecision(6))} fs steps`);
    console.log(`production (charged, 40 ps, ${p.durationSteps} steps): ${prod.toFixed(1)} ns/day at ${cpu}% CPU (LAMMPS), load average ${load.toFixed(1)} on ${process.env.NCM_CORES ?? '2'} cores`);
    console.log(`=> ${(prod / (cpu / 100)).toFixed(0)} ns/day per fully used core; the default 520 ps schedule takes ${((0.52 / prod) * 86400).toFixed(0)} s at this speed`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
