/** The sweep branch of `ncm run`: a netlist with `.step` lines, or `--step` specs on the command line. */
import { formatLocation, NcmError } from '../diagnostics.js';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { PARTIAL_FILE, partialNote, writeSweepOutputs } from '../sweep/sweepOutputs.js';
import { planSweep, type SweepPlan } from '../sweep/plan.js';
import type { SweepOutcome } from '../sweep/runPoint.js';
import { preflightSweep } from '../sweep/preflight.js';
import { runSweep, type SweepResult } from '../sweep/sweep.js';
import { SweepPool } from '../sweep/sweepPool.js';
import { createProgress } from './progress.js';

export interface SweepCommandOptions {
  html?: boolean;
  /** Continue an interrupted sweep from `<out>/sweep-partial.json`. */
  resume?: boolean;
  /** Seconds a point may run before its worker is stopped (default 3600). */
  pointTimeout?: number;
}

export async function runSweepCommand(file: string, out: string, specs: string[], threads: number | undefined, opts: SweepCommandOptions = {}): Promise<void> {
  const plan = planSweep(file, specs);
  const done = opts.resume ? readPartial(plan, out) : undefined;
  const perWorkerMb = Math.max(512, Math.floor(totalmem() / 2 / 2 ** 20 / Math.max(1, threads ?? availableParallelism())));
  // The pool's threads load the point runner while this thread checks the plan: they start warm.
  const left = plan.points.length - (done?.length ?? 0);
  const pool = new SweepPool({ threads: Math.max(1, Math.min(threads ?? availableParallelism(), left)), resourceLimits: { maxOldGenerationSizeMb: perWorkerMb } });
  let r: SweepResult;
  try {
    preflightSweep(plan);
    r = await sweepOnPool(plan, pool, done, opts.pointTimeout ?? 3600);
  } finally {
    await pool.close();
  }
  if (r.interrupted) {
    await writeSweepOutputs(r, out);
    const again = ['ncm run', file, '--out', out, ...specs.map((s) => `--step ${s}`), '--resume'].join(' ');
    throw new NcmError(`${partialNote(r)}; wrote them to ${out}/ (sweep.csv and sweep.json marked partial, ${PARTIAL_FILE}); resume with: ${again}`, { exitCode: 130 });
  }
  await reportSweep(r, out, `${r.threads} thread${r.threads === 1 ? '' : 's'}`, opts.html === true);
  if (done) rmSync(join(out, PARTIAL_FILE), { force: true });
}

/** The sweep on the pool's threads, with a progress bar; SIGINT/SIGTERM stop it and keep what finished. */
async function sweepOnPool(plan: SweepPlan, pool: SweepPool, done: SweepOutcome[] | undefined, pointTimeout: number): Promise<SweepResult> {
  const progress = createProgress();
  const onProgress = (finished: number, total: number): void => progress.update(finished / total, 'sweep', `${finished}/${total} runs`);
  // Points run on the pool's threads, so this thread hears the signal.
  const stop = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => stop.abort(sig);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runSweep(plan, { onProgress, pool, signal: stop.signal, pointTimeout, ...(done ? { done } : {}) });
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    progress.stop();
  }
}

/** The finished points of an interrupted run of the same sweep, or a clear error. */
function readPartial(plan: SweepPlan, out: string): SweepOutcome[] {
  const path = join(out, PARTIAL_FILE);
  let body: { netlist?: unknown; parameters?: Array<{ name: string; values: number[] }>; outcomes?: SweepOutcome[] };
  try {
    body = JSON.parse(readFileSync(path, 'utf8')) as typeof body;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (was the sweep interrupted with this --out?)' : (e as Error).message;
    throw new NcmError(`--resume: cannot read ${path}: ${why}`, { exitCode: 2 });
  }
  const same = JSON.stringify(body.parameters) === JSON.stringify(plan.axes.map((a) => ({ name: a.name, values: a.values })));
  if (!same || !Array.isArray(body.outcomes)) throw new NcmError(`--resume: ${path} is of another sweep (other parameters or values); run without --resume, or with the same --step specs`, { exitCode: 2 });
  return body.outcomes.map((o) => (o.ok ? { ...o, measures: Object.fromEntries(Object.entries(o.measures).map(([k, v]) => [k, v ?? Number.NaN])), curves: o.curves.map((c) => ({ analysis: c.analysis, e: Float64Array.from(c.e), i: Float64Array.from(c.i) })) } : o));
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
