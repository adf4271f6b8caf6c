/** The sweep branch of `ncm run`: a netlist with `.step` lines, or `--step` specs on the command line. */
import { formatLocation, NcmError } from '../diagnostics.js';
import { writeSweepOutputs } from '../sweep/sweepOutputs.js';
import { planSweep } from '../sweep/plan.js';
import { preflightSweep } from '../sweep/preflight.js';
import { runSweep, type SweepResult } from '../sweep/sweep.js';
import { createProgress } from './progress.js';

export async function runSweepCommand(file: string, out: string, specs: string[], threads: number | undefined, html = false): Promise<void> {
  const plan = planSweep(file, specs);
  preflightSweep(plan);
  const progress = createProgress();
  const onProgress = (done: number, total: number): void => progress.update(done / total, 'sweep', `${done}/${total} runs`);
  let r: SweepResult;
  try {
    r = await runSweep(plan, { onProgress, ...(threads !== undefined ? { threads } : {}) });
  } finally {
    progress.stop();
  }
  await reportSweep(r, out, `${r.threads} thread${r.threads === 1 ? '' : 's'}`, html);
}

/** Writes a sweep's outputs, prints its summary and failures; throws (exit 1) when any run failed. `where`: `2 threads`, `3 workers`. */
/** `html`: also report.html (src/io/htmlReport.ts) with the sweep line, the failures and the sweep plots. */
export async function reportSweep(r: SweepResult, out: string, where: string, html = false): Promise<void> {
  const plan = r.plan;
  const failed = r.outcomes.filter((o) => !o.ok);
  const axes = plan.axes.map((a) => `${a.name} (${a.values.length} values)`).join(' x ');
  const line = `sweep of ${axes}: ${r.outcomes.length} runs on ${where} in ${r.seconds.toFixed(2)} s, ${failed.length} failed\n`;
  const failures = failed.map((f) => (f.ok ? '' : `run ${f.index} (${plan.axes.map((a, k) => `${a.name}=${f.values[k]}`).join(' ')}) failed: ${f.loc ? formatLocation(f.loc) + ': ' : ''}${f.message}\n`));
  const files = await writeSweepOutputs(r, out, html ? { html: { title: `Sweep of ${plan.netlist}`, summary: line + failures.join('') } } : {});
  process.stdout.write(line);
  for (const f of failures) process.stderr.write(f);
  process.stdout.write(`wrote ${files.length} files to ${out}/: ${files.join(', ')}\n`);
  // The successful runs are saved; the exit code still tells a script that the sweep is incomplete.
  if (failed.length > 0) throw new NcmError(`${failed.length} of ${r.outcomes.length} runs failed (failure records in ${out}/sweep.json)`);
}
