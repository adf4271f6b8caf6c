/**
 * Names in Redis. BullMQ keeps its queue under `ncm:sweeps:*`; each sweep's own data (plan, results,
 * per-point start counts) lives under `ncm:sweep:<id>:*` and expires a week after its last result.
 */
export const QUEUE_NAME = 'sweeps';
export const QUEUE_PREFIX = 'ncm';
export const SWEEP_TTL_SECONDS = 7 * 24 * 3600;

export interface SweepKeys {
  /** The plan and how it was split (v8-serialised `SweepMeta`). */
  meta: string;
  /** index -> v8-serialised `SweepOutcome`, written once (HSETNX). */
  results: string;
  /** index -> 'ok' | 'failed', written with the result (status without decoding results). */
  status: string;
  /** index -> how many times a worker started the point. */
  starts: string;
  /** index -> the last error of a worker that died running the point. */
  errors: string;
  /** The workers that stored results. */
  workers: string;
  /** 'created' and 'last' (ms, Redis clock). */
  times: string;
  /** Present when the sweep was cancelled. */
  cancelled: string;
}

export function sweepKeys(id: string): SweepKeys {
  const k = (s: string): string => `${QUEUE_PREFIX}:sweep:${id}:${s}`;
  return { meta: k('meta'), results: k('results'), status: k('status'), starts: k('starts'), errors: k('errors'), workers: k('workers'), times: k('times'), cancelled: k('cancelled') };
}

export function allKeys(k: SweepKeys): string[] {
  return [k.meta, k.results, k.status, k.starts, k.errors, k.workers, k.times, k.cancelled];
}

/** BullMQ job ids of a sweep: `<sweep id>-<chunk number>` (custom ids make enqueueing idempotent too). */
export function jobId(sweep: string, chunk: number): string {
  return `${sweep}-${chunk}`;
}

export function isSweepId(text: string): boolean {
  return /^[0-9a-f]{12}$/.test(text);
}
