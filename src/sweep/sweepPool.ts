/**
 * The warm worker pool of a sweep (piscina): every thread starts at once, loads the point runner
 * (the esbuild bundle dist/ncm/sweepWorker.js when it is there: a few files instead of ~1,500 ES
 * modules) before the first point arrives, and runs point after point. Create it early (before the
 * plan is checked) and the module loading overlaps the main thread's own work.
 *
 * piscina, not our own lanes of `Worker`s: it starts, reuses and replaces threads, terminates the
 * thread of an aborted task, and rejects the task of a thread that dies, whether by an error (out
 * of memory under `resourceLimits`) or by exiting (tinypool 2.2 leaves such a task pending for good).
 */
import { existsSync } from 'node:fs';
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PointRequest, SweepOutcome } from './runPoint.js';

export interface SweepPoolOptions {
  threads: number;
  /** The point runner (default export `(req) => outcome`); a .ts file runs through tsx (vitest, tsx). Tests inject failing ones. */
  workerModule?: URL;
  /** Heap limits of each thread (an out-of-memory point kills only its thread). */
  resourceLimits?: ResourceLimits;
}

/** Why a point's run did not return: its limit, the sweep's stop, or its thread died (with the reason). */
export type PoolFailure = { kind: 'timeout' } | { kind: 'stopped' } | { kind: 'died'; why: string };

/** The module a thread loads: the bundled runner when this code runs from dist/ next to the bundle. */
function workerFile(module: URL | undefined): { filename: string; workerData?: { module: string } } {
  const here = new URL(import.meta.url);
  const target = module ?? new URL(here.pathname.endsWith('.ts') ? './sweepWorker.ts' : './sweepWorker.js', here);
  // Source (.ts) modules load through tsx, registered in the thread by a small boot module.
  if (target.pathname.endsWith('.ts')) return { filename: new URL('./tsWorkerBoot.mjs', here).href, workerData: { module: target.href } };
  if (!module && !/\/ncm\/[^/]*$/.test(here.pathname)) {
    const bundled = new URL('../../ncm/sweepWorker.js', here); // dist/src/sweep/ -> dist/ncm/
    if (existsSync(bundled)) return { filename: bundled.href };
  }
  return { filename: target.href };
}

export class SweepPool {
  readonly threads: number;
  private readonly pool: Piscina<PointRequest, SweepOutcome>;
  /** Set when a thread fails while no point is on it (its module does not load): every later point fails with it. */
  private broken: Error | undefined;
  private readonly onBroken = new Set<(e: Error) => void>();

  constructor(opts: SweepPoolOptions) {
    this.threads = Math.max(1, opts.threads);
    const { filename, workerData } = workerFile(opts.workerModule);
    this.pool = new Piscina<PointRequest, SweepOutcome>({
      filename,
      ...(workerData ? { workerData } : {}),
      minThreads: this.threads,
      maxThreads: this.threads,
      // Threads stay for the whole sweep, however long a point takes.
      idleTimeout: 2 ** 31 - 1,
      ...(opts.resourceLimits ? { resourceLimits: opts.resourceLimits } : {}),
    });
    this.pool.on('error', (e: Error) => {
      this.broken = e;
      for (const f of this.onBroken) f(e);
    });
  }

  /**
   * Runs one point. `timeout` (s) counts from now, a replacement thread's start included; `signal`
   * abandons the point (its thread is terminated and replaced).
   */
  async run(req: PointRequest, timeout: number | undefined, signal: AbortSignal | undefined): Promise<SweepOutcome | PoolFailure> {
    if (signal?.aborted) return { kind: 'stopped' };
    if (this.broken) return { kind: 'died', why: this.broken.message };
    const abort = new AbortController();
    let why: PoolFailure | undefined;
    const stop = (f: PoolFailure): void => {
      why ??= f;
      abort.abort();
    };
    const timer = timeout !== undefined ? setTimeout(() => stop({ kind: 'timeout' }), timeout * 1000) : undefined;
    const onStop = (): void => stop({ kind: 'stopped' });
    signal?.addEventListener('abort', onStop);
    let fail: ((e: Error) => void) | undefined;
    const broken = new Promise<never>((_, reject) => {
      fail = reject;
      this.onBroken.add(reject);
    });
    try {
      return await Promise.race([this.pool.run(req, { signal: abort.signal }), broken]);
    } catch (e) {
      if (why) return why;
      const message = e instanceof Error ? e.message : String(e);
      const code = /^worker exited with code: (-?\d+)$/.exec(message);
      return { kind: 'died', why: code ? `exit code ${code[1]}` : message };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onStop);
      this.onBroken.delete(fail!);
    }
  }

  /**
   * Resolves when a free thread has loaded its runner (a no-op task): a point's time limit then
   * counts the point, not the thread's start. Call it once per thread before the first points,
   * and again after a thread was replaced.
   */
  async warm(signal?: AbortSignal): Promise<void> {
    if (this.broken || signal?.aborted) return;
    const stopped = new Promise<void>((resolve) => signal?.addEventListener('abort', () => resolve(), { once: true }));
    // A thread that fails to start marks the pool broken (see `run`); the warm-up then simply ends.
    await Promise.race([this.pool.run(null as unknown as PointRequest, { name: 'ready' }).then(() => undefined, () => undefined), stopped]);
  }

  /** Stops every thread (a running point is abandoned). */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** Tells a point's result from a pool failure. */
export function isPoolFailure(r: SweepOutcome | PoolFailure): r is PoolFailure {
  return 'kind' in r;
}
