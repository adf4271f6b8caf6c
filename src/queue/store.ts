/**
 * The two atomic steps of a point on Redis (Lua scripts, one round trip each):
 * claim (is the sweep cancelled? is the point already stored? else count one more start) and
 * store (write the outcome once: a point that ran twice, after a stall or a kill, is kept once).
 */
import type { Redis } from 'ioredis';
import { encode } from './codec.js';
import { SWEEP_TTL_SECONDS, type SweepKeys } from './keys.js';
import type { SweepOutcome } from '../sweep/runPoint.js';

const CLAIM = `
if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
return redis.call('HINCRBY', KEYS[3], ARGV[1], 1)`;

const STORE = `
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('SADD', KEYS[4], ARGV[4])
local t = redis.call('TIME')
redis.call('HSET', KEYS[5], 'last', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ARGV[5]) end
return 1`;

interface Scripts {
  ncmClaimPoint(...args: Array<string | Buffer>): Promise<number>;
  ncmStoreOutcome(...args: Array<string | Buffer>): Promise<number>;
}

/** The scripts as commands of this connection (sent once, then run by their SHA1: EVALSHA). */
function scripts(redis: Redis): Redis & Scripts {
  if (!('ncmClaimPoint' in redis)) {
    redis.defineCommand('ncmClaimPoint', { numberOfKeys: 3, lua: CLAIM });
    redis.defineCommand('ncmStoreOutcome', { numberOfKeys: 7, lua: STORE });
  }
  return redis as Redis & Scripts;
}

/** -1: the sweep was cancelled; 0: the point is already stored; n > 0: this is its n-th start. */
export async function claimPoint(redis: Redis, k: SweepKeys, index: number): Promise<number> {
  return Number(await scripts(redis).ncmClaimPoint(k.cancelled, k.results, k.starts, String(index)));
}

/** True when this call stored the outcome, false when the point already had one. */
export async function storeOutcome(redis: Redis, k: SweepKeys, outcome: SweepOutcome, worker: string): Promise<boolean> {
  // KEYS[1..5] as the script reads them, then the rest whose expiry it refreshes.
  const keys = [k.meta, k.results, k.status, k.workers, k.times, k.starts, k.errors];
  const r = await scripts(redis).ncmStoreOutcome(...keys, String(outcome.index), encode(outcome), outcome.ok ? 'ok' : 'failed', worker, String(SWEEP_TTL_SECONDS));
  return Number(r) === 1;
}
