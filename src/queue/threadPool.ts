/**
 * The point threads of one queue worker process: one per concurrent job, started on demand and kept.
 * A point runs off the main thread so that BullMQ's lock renewals keep flowing however long it takes,
 * and a point that kills its thread (out of memory under `maxMemoryMb`, a native crash) costs only
 * that thread: the caller learns why and decides whether to try again.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../sweep/sweep.js';
import type { SweepOutcome } from '../sweep/runPoint.js';
import type { PointMessage } from './pointRunner.js';
import type { NetlistFiles } from './bundle.js';
import type { PointRequest } from '../sweep/runPoint.js';

interface PointThread {
  worker: Worker;
  sweep: string;
  settle?: (r: ThreadAnswer) => void;
}

export type ThreadAnswer = { ok: true; outcome: SweepOutcome } | { ok: false; died: string };

export class PointThreads {
  private idle: PointThread[] = [];
  private all = new Set<PointThread>();

  constructor(
    private readonly module: URL,
    private readonly maxMemoryMb?: number,
  ) {}

  private start(): PointThread {
    const limits = this.maxMemoryMb ? { maxOldGenerationSizeMb: this.maxMemoryMb } : undefined;
    const t: PointThread = { worker: startWorker(this.module, limits), sweep: '' };
    this.all.add(t);
    const die = (why: string): void => {
      if (!this.all.delete(t)) return;
      this.idle = this.idle.filter((x) => x !== t);
      void t.worker.terminate();
      const s = t.settle;
      t.settle = undefined;
      s?.({ ok: false, died: why });
    };
    t.worker.on('message', (o: SweepOutcome) => {
      const s = t.settle;
      t.settle = undefined;
      this.idle.push(t);
      s?.({ ok: true, outcome: o });
    });
    t.worker.on('error', (e: Error) => die(e.message));
    t.worker.on('exit', (code) => die(`exit code ${code}`));
    return t;
  }

  /** Runs one point on an idle thread (or a new one). */
  run(sweep: string, files: NetlistFiles, req: PointRequest): Promise<ThreadAnswer> {
    const t = this.idle.pop() ?? this.start();
    return new Promise<ThreadAnswer>((resolve) => {
      t.settle = resolve;
      const m: PointMessage = t.sweep === sweep ? { sweep, req } : { sweep, files, req };
      t.sweep = sweep;
      t.worker.postMessage(m);
    });
  }

  async close(): Promise<void> {
    const threads = [...this.all];
    this.all.clear();
    this.idle = [];
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }
}
