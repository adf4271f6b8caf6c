/** The sweep branch of `ncm run`: a netlist with `.step` lines, or `--step` specs on the command line. */
import { formatLocation, NcmError } from '../diagnostics.js';
import { writeSweepOutputs } from '../sweep/sweepOutputs.js';
import { planSweep } from '../sweep/plan.js';
import { preflightSweep } from '../sweep/preflight.js';
import { runSweep, type SweepResult } from '../sweep/sweep.js';

export async function runSweepCommand(file: string, out: string, specs: string[], threads: number | undefined): Promise<void> {
  const plan = planSweep(file, specs);
  preflightSweep(plan);
  const r = await runSweep(plan, threads !== undefined ? { threads } : {});
  await reportSweep(r, out, `${r.threads} thread${r.threads === 1 ? '' : 's'}`);
}

/** Writes a sweep's outputs, prints its summary and failures; throws (exit 1) when any run failed. `where`: `2 threads`, `3 workers`. */
export async function reportSweep(r: SweepResult, out: string, where: string): Promise<void> {
  const plan = r.plan;
  const failed = r.outcomes.filter((o) => !o.ok);
  const files = await writeSweepOutputs(r, out);
  const axes = plan.axes.map((a) => `${a.name} (${a.values.length} values)`).join(' x ');
  process.stdout.write(`sweep of ${axes}: ${r.outcomes.length} runs on ${where} in ${r.seconds.toFixed(2)} s, ${failed.length} failed\n`);
  for (const f of failed) {
    if (f.ok) continue;
    const params = plan.axes.map((a, k) => `${a.name}=${f.values[k]}`).join(' ');
    process.stderr.write(`run ${f.index} (${params}) failed: ${f.loc ? formatLocation(f.loc) + ': ' : ''}${f.message}\n`);
  }
  process.stdout.write(`wrote ${files.length} files to ${out}/: ${files.join(', ')}\n`);
  // The successful runs are saved; the exit code still tells a script that the sweep is incomplete.
  if (failed.length > 0) throw new NcmError(`${failed.length} of ${r.outcomes.length} runs failed (failure records in ${out}/sweep.json)`);
}
