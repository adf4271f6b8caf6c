/**
 * `runSweepOnQueue(q, plan)`: the queue's counterpart of `runSweep(plan)` (src/sweep/sweep.ts), with
 * the same `SweepResult`: enqueue, wait for the workers, collect. Anything that runs a sweep plan
 * (ncm run, and later multi-start fits) chooses one of the two and handles the result the same way.
 */
import type { Redis } from 'ioredis';
import type { SweepPlan } from '../sweep/plan.js';
import type { SweepResult } from '../sweep/sweep.js';
import { collectSweep, waitForSweep } from './collect.js';
import type { QueueUrl } from './connection.js';
import { enqueueSweep, type EnqueueOptions } from './submit.js';

export interface QueueSweepOptions extends EnqueueOptions {
  /** Told the sweep id as soon as the jobs are queued (so a user can collect later). */
  onQueued?: (id: string, jobs: number) => void;
  onProgress?: (done: number, total: number) => void;
}

export async function runSweepOnQueue(q: QueueUrl, redis: Redis, plan: SweepPlan, opts: QueueSweepOptions = {}): Promise<SweepResult> {
  const { id, jobs } = await enqueueSweep(redis, plan, opts);
  opts.onQueued?.(id, jobs);
  await waitForSweep(q, redis, id, opts.onProgress);
  return collectSweep(redis, id, q.shown);
}
