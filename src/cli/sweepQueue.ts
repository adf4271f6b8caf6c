/**
 * The queued branch of `ncm run --queue URL` and `ncm sweep status|collect|cancel ID --queue URL`:
 * enqueue, follow the progress, and write exactly the outputs a local sweep writes.
 */
import { basename, extname, join } from 'node:path';
import type { Redis } from 'ioredis';
import { NcmError } from '../diagnostics.js';
import { cancelSweep, collectSweep, sweepMeta, sweepStatus, waitForSweep } from '../queue/collect.js';
import { connectRedis, parseQueueUrl, probeRedis, type QueueUrl } from '../queue/connection.js';
import { isSweepId } from '../queue/keys.js';
import { runSweepOnQueue } from '../queue/runOnQueue.js';
import { planSweep } from '../sweep/plan.js';
import { preflightSweep } from '../sweep/preflight.js';
import { integerOption } from './optionValues.js';
import { reportSweep } from './sweepRun.js';
import { createProgress } from './progress.js';

export interface QueueRunOptions {
  queue: string;
  chunk?: string;
  attempts?: string;
  /** Also write report.html (as a local sweep with --html). */
  html?: boolean;
}

async function withRedis<T>(url: string, f: (q: QueueUrl, redis: Redis) => Promise<T>): Promise<T> {
  const q = parseQueueUrl(url);
  await probeRedis(q);
  const redis = connectRedis(q);
  try {
    return await f(q, redis);
  } finally {
    redis.disconnect();
  }
}

/** The sweep's progress on stderr (src/cli/progress.ts: a bar on a terminal, 10 % lines in logs). */
function progressBar(id: string): { update: (done: number, total: number) => void; stop: () => void } {
  const progress = createProgress();
  return {
    update: (done, total) => progress.update(total > 0 ? done / total : 0, `sweep ${id}`, `${done}/${total} runs`),
    stop: () => progress.stop(),
  };
}

/** Progress on a terminal, and a hint when no worker has stored anything after a while. */
function follower(q: QueueUrl, id: string): { update: (done: number, total: number) => void; stop: () => void } {
  const bar = progressBar(id);
  let started = false;
  const hint = setTimeout(() => {
    if (!started) process.stderr.write(`no results yet: are workers running? (ncm worker --queue ${q.shown})\n`);
  }, 10000);
  hint.unref();
  return {
    update: (done, total) => {
      if (done > 0) started = true;
      bar.update(done, total);
    },
    stop: () => {
      clearTimeout(hint);
      bar.stop();
    },
  };
}

async function waitAndWrite(q: QueueUrl, redis: Redis, id: string, out: string): Promise<void> {
  const f = follower(q, id);
  try {
    await waitForSweep(q, redis, id, f.update);
  } finally {
    f.stop();
  }
  const r = await collectSweep(redis, id, q.shown);
  await reportSweep(r, out, `${r.threads} worker${r.threads === 1 ? '' : 's'}`);
}

export async function runQueuedSweepCommand(file: string, out: string, specs: string[], opts: QueueRunOptions): Promise<void> {
  const plan = planSweep(file, specs);
  preflightSweep(plan);
  const chunk = opts.chunk !== undefined ? integerOption('chunk', opts.chunk, 1) : 1;
  const attempts = opts.attempts !== undefined ? integerOption('attempts', opts.attempts, 1) : 3;
  await withRedis(opts.queue, async (q, redis) => {
    let f: ReturnType<typeof follower> | undefined;
    // Leaving does not stop the sweep: the workers go on and the results wait in Redis.
    let hint = (): void => process.exit(130);
    try {
      const r = await runSweepOnQueue(q, redis, plan, {
        chunk,
        maxStarts: attempts,
        onQueued: (id, jobs) => {
          process.stdout.write(`sweep ${id}: ${plan.points.length} runs queued as ${jobs} job${jobs === 1 ? '' : 's'} on ${q.shown}\n`);
          hint = () => {
            f?.stop();
            process.stderr.write(`\nsweep ${id} goes on in the queue; its results: ncm sweep collect ${id} --queue <url> -o ${out}\n`);
            process.exit(130);
          };
          process.once('SIGINT', hint);
          f = follower(q, id);
        },
        onProgress: (done, total) => f?.update(done, total),
      });
      f?.stop();
      await reportSweep(r, out, `${r.threads} worker${r.threads === 1 ? '' : 's'}`, opts.html === true);
    } finally {
      f?.stop();
      process.removeListener('SIGINT', hint);
    }
  });
}

function sweepId(text: string): string {
  if (!isSweepId(text)) throw new NcmError(`'${text}' is not a sweep id (12 hex digits, as printed by ncm run --queue)`, { exitCode: 2 });
  return text;
}

export async function sweepStatusCommand(id: string, url: string): Promise<void> {
  await withRedis(url, async (q, redis) => {
    const s = await sweepStatus(redis, sweepId(id), q.shown);
    const state = s.cancelled ? 'cancelled' : s.done >= s.total ? 'finished' : 'running';
    process.stdout.write(
      `sweep ${s.id} (${s.netlist}): ${state}, ${s.done} of ${s.total} runs done, ${s.failed} failed, ${s.reruns} rerun${s.reruns === 1 ? '' : 's'} after lost workers, ${s.workers} worker${s.workers === 1 ? '' : 's'}, ${s.seconds.toFixed(1)} s\n`,
    );
  });
}

export async function sweepCollectCommand(id: string, url: string, outOpt: string | undefined): Promise<void> {
  await withRedis(url, async (q, redis) => {
    const meta = await sweepMeta(redis, sweepId(id), q.shown);
    const out = outOpt ?? join('out', basename(meta.plan.netlist, extname(meta.plan.netlist)));
    await waitAndWrite(q, redis, id, out);
  });
}

export async function sweepCancelCommand(id: string, url: string): Promise<void> {
  await withRedis(url, async (q, redis) => {
    const { removed, status } = await cancelSweep(redis, sweepId(id), q.shown);
    process.stdout.write(`sweep ${id} cancelled: ${removed} queued job${removed === 1 ? '' : 's'} removed; ${status.done} of ${status.total} runs done are kept (ncm sweep collect ${id} writes them)\n`);
  });
}
