/**
 * Runs a sweep plan: serially, or spread over the warm threads of a pool (src/sweep/sweepPool.ts;
 * each thread takes the next point as soon as it is free). Every run is independent and
 * deterministic, so the outcomes are identical either way; they are returned in point order. A
 * failed run becomes a failure record and the others go on.
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { SweepPlan } from './plan.js';
import { runPoint, type PointRequest, type SweepOutcome } from './runPoint.js';
import { isPoolFailure, SweepPool } from './sweepPool.js';

export interface SweepResult {
  plan: SweepPlan;
  /** In point order; fewer than the plan's points when the sweep was interrupted. */
  outcomes: SweepOutcome[];
  threads: number;
  seconds: number;
  /** Why the sweep stopped early (`SIGINT`, `SIGTERM`); the outcomes are then the finished points only. */
  interrupted?: string;
}

export interface SweepOptions {
  /** Worker threads; 1 runs in this thread unless `isolate`. Default: every core. */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** The worker module (a .ts file under vitest/tsx); default: sweepWorker next to this module. Tests inject failing workers. */
  workerModule?: URL;
  /** Run even one thread in a worker: a point's crash, hang or memory blow-up then costs only that point, and `signal` can stop it. */
  isolate?: boolean;
  /** Aborting stops the sweep: running points are abandoned, finished ones returned, `interrupted` set to the reason. */
  signal?: AbortSignal;
  /** Seconds a point may run in a worker before the worker is stopped and the point recorded as failed. */
  pointTimeout?: number;
  /** Heap limits of each worker (an out-of-memory point kills only its worker). */
  resourceLimits?: ResourceLimits;
  /** Points finished by an earlier, interrupted run of the same plan: not run again, returned with the new ones. */
  done?: SweepOutcome[];
  /** A pool started earlier (warm: its threads loaded while the caller worked); the caller closes it. Its threads set `threads`. */
  pool?: SweepPool;
}

function requests(plan: SweepPlan): PointRequest[] {
  const names = plan.axes.map((a) => a.name);
  return plan.points.map((values, index) => ({ netlist: plan.netlist, names, index, values }));
}

export function runSweepSerial(plan: SweepPlan, opts: SweepOptions = {}): SweepResult {
  const started = performance.now();
  const reqs = requests(plan);
  const outcomes = reqs.map((r, k) => {
    const o = runPoint(r);
    opts.onProgress?.(k + 1, reqs.length);
    return o;
  });
  return { plan, outcomes, threads: 1, seconds: (performance.now() - started) / 1000 };
}

/**
 * A plain worker thread on `module` (compiled .js, or .ts source through tsx under vitest/tsx), for
 * the queue's point threads (src/queue/threadPool.ts). `resourceLimits` caps its heap, so an
 * out-of-memory point kills only its thread. A sweep on this machine uses the warm pool instead.
 */
export function startWorker(module: URL, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!module.href.endsWith('.ts')) return new Worker(module, limits);
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(boot, { eval: true, ...limits });
}

export async function runSweep(plan: SweepPlan, opts: SweepOptions = {}): Promise<SweepResult> {
  const skip = new Set((opts.done ?? []).map((o) => o.index));
  const reqs = requests(plan).filter((r) => !skip.has(r.index));
  const threads = opts.pool?.threads ?? Math.max(1, Math.min(opts.threads ?? availableParallelism(), reqs.length));
  if (threads === 1 && !opts.pool && !opts.workerModule && !opts.isolate && !opts.done) return runSweepSerial(plan, opts);
  const started = performance.now();
  const outcomes: SweepOutcome[] = [...(opts.done ?? [])];
  const total = plan.points.length;
  const signal = opts.signal;
  const pool = opts.pool ?? new SweepPool({ threads, ...(opts.workerModule ? { workerModule: opts.workerModule } : {}), ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}) });
  let next = 0;
  // One lane per thread: at most `threads` points are in the pool, so a point's time limit starts
  // when a loaded thread is free for it. A thread that dies (out of memory, a crash) or overruns the limit
  // costs only the run it was doing, recorded as a failure; the pool replaces the thread.
  // A lane waits for a loaded thread before its first point and after its thread was replaced.
  const lane = async (): Promise<void> => {
    let fresh = true;
    while (!signal?.aborted && next < reqs.length) {
      if (fresh && opts.pointTimeout !== undefined) await pool.warm(signal);
      fresh = false;
      if (signal?.aborted || next >= reqs.length) return;
      const req = reqs[next++]!;
      const r = await pool.run(req, opts.pointTimeout, signal);
      if (!isPoolFailure(r)) outcomes.push(r);
      else if (r.kind === 'stopped') return;
      else {
        const message = r.kind === 'timeout' ? `stopped after ${opts.pointTimeout} s, the per-point time limit (--point-timeout)` : `the worker thread running this point died: ${r.why}`;
        outcomes.push({ ok: false, index: req.index, values: req.values, message });
        fresh = true;
      }
      opts.onProgress?.(outcomes.length, total);
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    if (!opts.pool) await pool.close();
  }
  outcomes.sort((a, b) => a.index - b.index);
  const interrupted = signal?.aborted ? String(signal.reason ?? 'aborted') : undefined;
  return { plan, outcomes, threads, seconds: (performance.now() - started) / 1000, ...(interrupted && outcomes.length < total ? { interrupted } : {}) };
}
