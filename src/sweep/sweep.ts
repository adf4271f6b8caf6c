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
  outcomes: SweepOutcome[];
  threads: number;
  seconds: number;
}

export interface SweepOptions {
  /** Worker threads; 1 runs in this thread. Default: every core. */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
  /** The worker module (a .ts file under vitest/tsx); default: sweepWorker next to this module. Tests inject failing workers. */
  workerModule?: URL;
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
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), plan.points.length));
  if (threads === 1 && !opts.workerModule) return runSweepSerial(plan, opts);
  const started = performance.now();
  const reqs = requests(plan);
  const outcomes = new Array<SweepOutcome>(reqs.length);
  let next = 0;
  let done = 0;
  const live = new Set<Worker>();
  const record = (o: SweepOutcome): void => {
    outcomes[o.index] = o;
    opts.onProgress?.(++done, reqs.length);
  };
  // One lane per thread. A worker that dies (out of memory, a crash) costs only the run it was
  // doing, recorded as a failure; a fresh worker takes over the rest of its lane.
  const lane = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const w = startWorker(opts.workerModule);
      live.add(w);
      let current = -1;
      let over = false;
      const feed = (): void => {
        if (next >= reqs.length) {
          over = true;
          resolve();
          return;
        }
        current = next++;
        w.postMessage(reqs[current]!);
      };
      const die = (why: string): void => {
        if (over) return;
        over = true;
        live.delete(w);
        void w.terminate();
        if (current >= 0) {
          const r = reqs[current]!;
          record({ ok: false, index: r.index, values: r.values, message: `the worker thread running this point died: ${why}` });
        }
        lane().then(resolve, resolve);
      };
      w.on('message', (o: SweepOutcome) => {
        current = -1;
        record(o);
        feed();
      });
      w.on('error', (e: Error) => die(e.message));
      w.on('exit', (code) => die(`exit code ${code}`));
      feed();
    });
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    await Promise.all([...live].map((w) => w.terminate()));
  }
  return { plan, outcomes, threads, seconds: (performance.now() - started) / 1000 };
}
