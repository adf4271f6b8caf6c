/**
 * A queue worker: takes sweep jobs from BullMQ and runs their points on its own threads. A point is
 * skipped when its result is already stored (the job ran before, was lost with its worker and came
 * back), run otherwise, and recorded as failed once workers have died on it `maxStarts` times; so a
 * point that kills every worker cannot stall a sweep, and one killed worker costs one retry.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SweepOutcome } from '../sweep/runPoint.js';
import { checkJobData, type SweepJobData } from './jobData.js';
import { QUEUE_NAME, QUEUE_PREFIX, sweepKeys } from './keys.js';
import { claimPoint, storeOutcome } from './store.js';
import { PointThreads } from './threadPool.js';
import { connectRedis, probeRedis, type QueueUrl } from './connection.js';

export interface QueueWorkerOptions {
  /** Jobs run at once (one thread each). Default 1. */
  concurrency?: number;
  /** BullMQ lock of an active job (ms): a worker that stops renewing it for this long is taken for dead. Default 30000. */
  lockDuration?: number;
  /** Heap limit of a point thread (MB); a point that needs more fails its thread, not the worker. */
  maxMemoryMb?: number;
  /** The point thread module (tests inject faulty ones). Default: pointThread next to this module. */
  pointModule?: URL;
  /** Lost Redis connections and other worker errors (the worker reconnects by itself). */
  onError?: (e: Error) => void;
  /** After each stored point. */
  onPoint?: (sweep: string, outcome: SweepOutcome) => void;
}

export interface QueueWorker {
  id: string;
  /** Finishes the running jobs, then disconnects. */
  close(): Promise<void>;
}

function defaultPointModule(): URL {
  const ts = import.meta.url.endsWith('.ts');
  return new URL(ts ? './pointThread.ts' : './pointThread.js', import.meta.url);
}

/** Records every point of a job that has no result as failed with `message` (a job BullMQ gave up on). */
export async function recordJobFailure(redis: Redis, data: SweepJobData, message: string, worker: string): Promise<void> {
  const k = sweepKeys(data.sweep);
  for (let j = 0; j < data.indices.length; j++) {
    await storeOutcome(redis, k, { ok: false, index: data.indices[j]!, values: data.values[j]!, message }, worker);
  }
}

async function runJob(redis: Redis, threads: PointThreads, data: SweepJobData, worker: string, onPoint?: QueueWorkerOptions['onPoint']): Promise<number> {
  const k = sweepKeys(data.sweep);
  let stored = 0;
  for (let j = 0; j < data.indices.length; j++) {
    const index = data.indices[j]!;
    const values = data.values[j]!;
    for (;;) {
      const starts = await claimPoint(redis, k, index);
      if (starts === -1) return stored; // cancelled
      if (starts === 0) break; // already stored by an earlier run of this job
      let outcome: SweepOutcome;
      if (starts > data.maxStarts) {
        const last = await redis.hget(k.errors, String(index));
        outcome = { ok: false, index, values, message: `a worker died running this point ${data.maxStarts} times; the last time: ${last ?? 'the worker process stopped (killed, out of memory, or cut off from Redis)'}` };
      } else {
        const a = await threads.run(data.sweep, data.files, { netlist: data.netlist, names: data.names, index, values });
        if (!a.ok) {
          await redis.hset(k.errors, String(index), `its thread died: ${a.died}`);
          continue; // claim again: counts the start, or records the failure past the limit
        }
        outcome = a.outcome;
      }
      if (await storeOutcome(redis, k, outcome, worker)) stored++;
      onPoint?.(data.sweep, outcome);
      break;
    }
  }
  return stored;
}

export async function startQueueWorker(q: QueueUrl, opts: QueueWorkerOptions = {}): Promise<QueueWorker> {
  await probeRedis(q);
  const id = `${hostname()}:${process.pid}`;
  const onError = opts.onError ?? (() => undefined);
  const redis = connectRedis(q, onError);
  const threads = new PointThreads(opts.pointModule ?? defaultPointModule(), opts.maxMemoryMb);
  const lockDuration = opts.lockDuration ?? 30000;
  const blocking = connectRedis(q, onError);
  const worker = new Worker<unknown, number>(
    QUEUE_NAME,
    async (job: Job<unknown, number>) => {
      const data = checkJobData(job.data);
      if (typeof data === 'string') throw new UnrecoverableError(`job ${job.id}: ${data}`);
      return runJob(redis, threads, data, id, opts.onPoint);
    },
    {
      connection: blocking,
      prefix: QUEUE_PREFIX,
      concurrency: opts.concurrency ?? 1,
      lockDuration,
      stalledInterval: lockDuration,
      // The per-point start count bounds the retries of a point that kills its worker; this only
      // guards against a job that kills workers before its first point is claimed.
      maxStalledCount: 100,
    },
  );
  worker.on('error', onError);
  worker.on('failed', (job, err) => {
    // A job BullMQ gives up on (retries spent, or unrecoverable): its points without a result become failures.
    if (!job) return;
    const final = err instanceof UnrecoverableError || err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    const data = checkJobData(job.data);
    if (final && typeof data !== 'string') void recordJobFailure(redis, data, `the queue gave up on this point: ${err.message}`, id).catch(onError);
  });
  await worker.waitUntilReady();
  return {
    id,
    close: async () => {
      await worker.close();
      await threads.close();
      redis.disconnect();
      blocking.disconnect();
    },
  };
}
