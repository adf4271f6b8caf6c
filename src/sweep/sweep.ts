/**
 * Runs a sweep plan: serially, or spread over worker threads (each worker takes the next point as
 * soon as it is free). Every run is independent and deterministic, so the outcomes are identical
 * either way; they are returned in point order. A failed run becomes a failure record and the
 * others go on.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
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

/** The worker next to this module: compiled .js, or the .ts source through tsx under vitest/tsx. */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./sweepWorker.js', import.meta.url));
  const target = new URL('./sweepWorker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true });
}

export async function runSweep(plan: SweepPlan, opts: SweepOptions = {}): Promise<SweepResult> {
  const threads = Math.max(1, Math.min(opts.threads ?? availableParallelism(), plan.points.length));
  if (threads === 1) return runSweepSerial(plan, opts);
  const started = performance.now();
  const reqs = requests(plan);
  const outcomes = new Array<SweepOutcome>(reqs.length);
  let next = 0;
  let done = 0;
  const workers = Array.from({ length: threads }, startWorker);
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= reqs.length) {
                w.off('error', reject);
                resolve();
                return;
              }
              w.postMessage(reqs[next++]!);
            };
            w.on('message', (o: SweepOutcome) => {
              outcomes[o.index] = o;
              opts.onProgress?.(++done, reqs.length);
              feed();
            });
            w.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { plan, outcomes, threads, seconds: (performance.now() - started) / 1000 };
}
