/**
 * Runs a sweep plan: serially, or spread over worker threads (each worker takes the next point as
 * soon as it is free). Every run is independent and deterministic, so the outcomes are identical
 * either way; they are returned in point order. A failed run becomes a failure record and the
 * others go on.
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { SweepPlan } from './plan.js';
import { runPoint, type PointRequest, type SweepOutcome } from './runPoint.js';

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
 * The worker next to this module (or `module`): compiled .js, or the .ts source through tsx under
 * vitest/tsx. `resourceLimits` caps its heap (the queue worker uses it so an out-of-memory point kills
 * only its thread).
 */
export function startWorker(module?: URL, resourceLimits?: ResourceLimits): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  const ts = (module ?? new URL(import.meta.url)).href.endsWith('.ts');
  if (!ts) return new Worker(module ?? new URL('./sweepWorker.js', import.meta.url), limits);
  const target = (module ?? new URL('./sweepWorker.ts', import.meta.url)).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, ...limits });
}

export async function runSweep(plan: SweepPlan, opts: SweepOptions = {}): Promise<SweepResult> {
  const skip = new Set((opts.done ?? []).map((o) => o.index));
  const reqs = requests(plan).filter((r) => !skip.has(r.index));
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), reqs.length));
  if (threads === 1 && !opts.workerModule && !opts.isolate && !opts.done) return runSweepSerial(plan, opts);
  const started = performance.now();
  const outcomes: SweepOutcome[] = [...(opts.done ?? [])];
  const total = plan.points.length;
  let next = 0;
  const live = new Set<Worker>();
  const signal = opts.signal;
  const record = (o: SweepOutcome): void => {
    outcomes.push(o);
    opts.onProgress?.(outcomes.length, total);
  };
  // One lane per thread. A worker that dies (out of memory, a crash) or overruns the time limit costs
  // only the run it was doing, recorded as a failure; a fresh worker takes over the rest of its lane.
  const lane = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || next >= reqs.length) return resolve();
      const w = startWorker(opts.workerModule, opts.resourceLimits);
      live.add(w);
      let current = -1;
      let over = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (): void => {
        over = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        live.delete(w);
        void w.terminate();
      };
      const onAbort = (): void => {
        if (over) return;
        finish();
        resolve();
      };
      signal?.addEventListener('abort', onAbort);
      const feed = (): void => {
        if (signal?.aborted || next >= reqs.length) {
          finish();
          resolve();
          return;
        }
        current = next++;
        if (opts.pointTimeout !== undefined) timer = setTimeout(() => die(`stopped after ${opts.pointTimeout} s, the per-point time limit (--point-timeout)`), opts.pointTimeout * 1000);
        w.postMessage(reqs[current]!);
      };
      const die = (why: string): void => {
        if (over) return;
        finish();
        if (current >= 0) {
          const r = reqs[current]!;
          record({ ok: false, index: r.index, values: r.values, message: why });
        }
        lane().then(resolve, resolve);
      };
      w.on('message', (o: SweepOutcome) => {
        clearTimeout(timer);
        current = -1;
        record(o);
        feed();
      });
      w.on('error', (e: Error) => die(`the worker thread running this point died: ${e.message}`));
      w.on('exit', (code) => die(`the worker thread running this point died: exit code ${code}`));
      feed();
    });
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
  outcomes.sort((a, b) => a.index - b.index);
  const interrupted = signal?.aborted ? String(signal.reason ?? 'aborted') : undefined;
  return { plan, outcomes, threads, seconds: (performance.now() - started) / 1000, ...(interrupted && outcomes.length < total ? { interrupted } : {}) };
}
