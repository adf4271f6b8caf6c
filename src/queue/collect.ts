/**
 * A sweep's state and results, read back from Redis by its id: progress counts, waiting for the last
 * point (with progress from BullMQ's queue events, and a slow poll in case events are missed while
 * Redis restarts), the combined `SweepResult` a local sweep would return, and cancellation.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { NcmError } from '../diagnostics.js';
import type { SweepOutcome } from '../sweep/runPoint.js';
import type { SweepResult } from '../sweep/sweep.js';
import { decode } from './codec.js';
import { connectRedis, type QueueUrl } from './connection.js';
import { jobId, QUEUE_NAME, QUEUE_PREFIX, SWEEP_TTL_SECONDS, sweepKeys } from './keys.js';
import type { SweepMeta } from './submit.js';

export interface SweepStatus {
  id: string;
  netlist: string;
  total: number;
  done: number;
  failed: number;
  /** Point starts beyond the first (reruns after a worker was lost or a thread died). */
  reruns: number;
  workers: number;
  cancelled: boolean;
  /** Seconds from enqueueing to the last stored result (Redis clock). */
  seconds: number;
}

export async function sweepMeta(redis: Redis, id: string, shown: string): Promise<SweepMeta> {
  const bytes = await redis.getBuffer(sweepKeys(id).meta);
  if (!bytes) throw new NcmError(`no sweep '${id}' in ${shown} (wrong id or database, or it expired a week after its last result)`);
  return decode<SweepMeta>(bytes);
}

export async function sweepStatus(redis: Redis, id: string, shown: string): Promise<SweepStatus> {
  const meta = await sweepMeta(redis, id, shown);
  const k = sweepKeys(id);
  const [status, starts, workers, times, cancelled] = await Promise.all([redis.hvals(k.status), redis.hvals(k.starts), redis.scard(k.workers), redis.hgetall(k.times), redis.exists(k.cancelled)]);
  const reruns = starts.reduce((s, n) => s + Math.max(0, Number(n) - 1), 0);
  const created = Number(times['created'] ?? 0);
  const last = Number(times['last'] ?? created);
  return {
    id,
    netlist: meta.plan.netlist,
    total: meta.plan.points.length,
    done: status.length,
    failed: status.filter((s) => s === 'failed').length,
    reruns,
    workers,
    cancelled: cancelled === 1,
    seconds: Math.max(0, last - created) / 1000,
  };
}

/**
 * Waits until every point has a result (or the sweep is cancelled), reporting progress. Events
 * trigger a count; a poll every `pollMs` catches what events miss.
 */
export async function waitForSweep(q: QueueUrl, redis: Redis, id: string, onProgress?: (done: number, total: number) => void, pollMs = 1000): Promise<SweepStatus> {
  const total = (await sweepMeta(redis, id, q.shown)).plan.points.length;
  const k = sweepKeys(id);
  const connection = connectRedis(q);
  const events = new QueueEvents(QUEUE_NAME, { connection, prefix: QUEUE_PREFIX });
  events.on('error', () => undefined); // reconnects by itself
  try {
    await new Promise<void>((resolve, reject) => {
      let busy = false;
      let again = false;
      // Two O(1) reads per check (the full status is read once, at the end): a check per event stays cheap.
      const check = async (): Promise<void> => {
        if (busy) {
          again = true;
          return;
        }
        busy = true;
        try {
          do {
            again = false;
            const [done, cancelled] = await Promise.all([redis.hlen(k.results), redis.exists(k.cancelled)]);
            onProgress?.(done, total);
            if (done >= total || cancelled === 1) {
              clearInterval(timer);
              resolve();
              return;
            }
          } while (again);
        } catch (e) {
          clearInterval(timer);
          reject(e);
        } finally {
          busy = false;
        }
      };
      const mine = ({ jobId: j }: { jobId: string }): void => {
        if (j.startsWith(`${id}-`)) void check();
      };
      events.on('completed', mine);
      events.on('failed', mine);
      const timer = setInterval(() => void check(), pollMs);
      void check();
    });
  } finally {
    await events.close();
    connection.disconnect();
  }
  return sweepStatus(redis, id, q.shown);
}

/** The outcomes in point order; points without a result (cancelled sweeps) are failures saying so. */
export async function collectSweep(redis: Redis, id: string, shown: string): Promise<SweepResult> {
  const meta = await sweepMeta(redis, id, shown);
  const k = sweepKeys(id);
  const stored = await redis.hgetallBuffer(k.results);
  const s = await sweepStatus(redis, id, shown);
  const outcomes: SweepOutcome[] = meta.plan.points.map((values, index) => {
    const bytes = stored[String(index)];
    if (bytes) return decode<SweepOutcome>(bytes);
    if (!s.cancelled) throw new NcmError(`sweep ${id} is not finished: ${s.done} of ${s.total} runs done (wait with 'ncm sweep collect ${id} --queue URL', or cancel it)`);
    return { ok: false, index, values, message: 'the sweep was cancelled before this point ran' };
  });
  return { plan: meta.plan, outcomes, threads: s.workers, seconds: s.seconds };
}

/** Marks the sweep cancelled (workers stop at their next point) and removes its queued jobs. */
export async function cancelSweep(redis: Redis, id: string, shown: string): Promise<{ removed: number; status: SweepStatus }> {
  const meta = await sweepMeta(redis, id, shown);
  const k = sweepKeys(id);
  await redis.set(k.cancelled, '1', 'EX', SWEEP_TTL_SECONDS);
  const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: QUEUE_PREFIX });
  let removed = 0;
  try {
    for (let c = 0; c < meta.jobs; c++) {
      // remove() refuses a job a worker holds: that worker sees the flag before its next point.
      removed += await queue.remove(jobId(id, c));
    }
  } finally {
    await queue.close();
  }
  return { removed, status: await sweepStatus(redis, id, shown) };
}
