/**
 * Enqueues a sweep plan: one BullMQ job per `chunk` points, each carrying the netlist and its
 * includes, under a new sweep id. The plan is stored with the sweep so that anyone holding the id can
 * collect the results later, from any machine.
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { SweepPlan } from '../sweep/plan.js';
import { bundleNetlist } from './bundle.js';
import { encode } from './codec.js';
import type { SweepJobData } from './jobData.js';
import { jobId, QUEUE_NAME, QUEUE_PREFIX, SWEEP_TTL_SECONDS, sweepKeys } from './keys.js';

export interface SweepMeta {
  plan: SweepPlan;
  chunk: number;
  jobs: number;
  maxStarts: number;
}

export interface EnqueueOptions {
  /** Points per job (default 1); raise it when single runs take only milliseconds. */
  chunk?: number;
  /** Starts of a point after which it is recorded as failed (default 3). */
  maxStarts?: number;
}

export async function redisMillis(redis: Redis): Promise<number> {
  const [s, us] = await redis.time();
  return Number(s) * 1000 + Math.floor(Number(us) / 1000);
}

export async function enqueueSweep(redis: Redis, plan: SweepPlan, opts: EnqueueOptions = {}): Promise<{ id: string; jobs: number; meta: SweepMeta }> {
  const chunk = Math.max(1, Math.floor(opts.chunk ?? 1));
  const maxStarts = Math.max(1, Math.floor(opts.maxStarts ?? 3));
  const id = randomBytes(6).toString('hex');
  const k = sweepKeys(id);
  const { netlist, files } = bundleNetlist(plan.netlist);
  const names = plan.axes.map((a) => a.name);
  const jobs = Math.ceil(plan.points.length / chunk);
  const meta: SweepMeta = { plan, chunk, jobs, maxStarts };
  await redis.multi().set(k.meta, encode(meta), 'EX', SWEEP_TTL_SECONDS).hset(k.times, 'created', await redisMillis(redis)).expire(k.times, SWEEP_TTL_SECONDS).exec();
  const queue = new Queue<SweepJobData>(QUEUE_NAME, { connection: redis, prefix: QUEUE_PREFIX });
  try {
    const all = Array.from({ length: jobs }, (_, c) => {
      const indices = Array.from({ length: Math.min(chunk, plan.points.length - c * chunk) }, (_, j) => c * chunk + j);
      const data: SweepJobData = { sweep: id, netlist, files, names, indices, values: indices.map((i) => plan.points[i]!), maxStarts };
      // Retries of a job that throws (Redis trouble in the middle of a point); removed when done, the results live in the sweep's hash.
      return { name: 'points', data, opts: { jobId: jobId(id, c), attempts: maxStarts + 2, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: SWEEP_TTL_SECONDS } } };
    });
    for (let s = 0; s < all.length; s += 500) await queue.addBulk(all.slice(s, s + 500));
  } finally {
    await queue.close();
  }
  return { id, jobs, meta };
}
