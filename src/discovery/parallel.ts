/**
 * The evolution with its islands spread over worker threads. Islands, seeds and the migration
 * schedule are fixed, and each island only ever sees its own generator, so the result is identical
 * to `discover` on one thread, to the last digit, for any number of threads.
 */
import { Worker } from 'node:worker_threads';
import { driveAsync, prepareProblem, type DiscoveryData, type DiscoveryOptions, type DiscoveryResult, type IslandGroup, type IslandReport } from './engine.js';
import type { Snapshot } from './island.js';
import type { WorkerInit, WorkerRequest } from './islandWorker.js';

/**
 * The worker next to this module: the compiled .js, or under a TypeScript runner (vitest, tsx) the .ts
 * source, loaded through a small bootstrap that registers tsx in the worker first.
 */
function startWorker(init: WorkerInit): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./islandWorker.js', import.meta.url), { workerData: init });
  const target = new URL('./islandWorker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, workerData: init });
}

class WorkerHost {
  private readonly worker: Worker;
  constructor(init: WorkerInit) {
    this.worker = startWorker(init);
  }
  request<T>(msg: WorkerRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onMessage = (v: T): void => {
        this.worker.off('error', onError);
        resolve(v);
      };
      const onError = (e: Error): void => {
        this.worker.off('message', onMessage);
        reject(e);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(msg);
    });
  }
  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export async function discoverParallel(data: DiscoveryData, options: Partial<DiscoveryOptions>, threads: number): Promise<DiscoveryResult> {
  const start = performance.now();
  const prep = prepareProblem(data, options);
  const nIslands = prep.o.islands;
  const nWorkers = Math.max(1, Math.min(threads, nIslands));
  // Island i lives in worker i mod nWorkers; the order of islands inside a worker is ascending.
  const hosted = Array.from({ length: nWorkers }, (_, w) => Array.from({ length: nIslands }, (_, i) => i).filter((i) => i % nWorkers === w));
  const { onProgress: _drop, clock: _clock, ...cloneable } = options;
  void _drop;
  void _clock;
  const hosts = hosted.map((indices) => new WorkerHost({ data, options: cloneable, indices }));
  const gather = async <T>(msg: (w: number) => WorkerRequest): Promise<T[]> => {
    const parts = await Promise.all(hosts.map((h, w) => h.request<T[]>(msg(w))));
    const out = new Array<T>(nIslands);
    parts.forEach((p, w) => p.forEach((v, j) => (out[hosted[w]![j]!] = v)));
    return out;
  };
  const group: IslandGroup = {
    epoch: (generations) => gather<number>(() => ({ type: 'epoch', generations })),
    emigrants: (k) => gather<Snapshot[]>(() => ({ type: 'emigrants', k })),
    immigrate: async (lists) => {
      await Promise.all(hosts.map((h, w) => h.request<null>({ type: 'immigrate', lists: hosted[w]!.map((i) => lists[i]!) })));
    },
    restart: async (keep) => {
      await Promise.all(hosts.map((h) => h.request<null>({ type: 'restart', keep })));
    },
    archives: () => gather<IslandReport>(() => ({ type: 'archives' })),
  };
  try {
    return await driveAsync(prep, data.names, group, start);
  } finally {
    await Promise.all(hosts.map((h) => h.terminate()));
  }
}
