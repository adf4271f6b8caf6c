/**
 * The Redis behind a queued sweep, named by a URL: `redis://[[user]:password@]host:port[/db]` or
 * `rediss://...` (TLS). One checked probe first, so a wrong address or password is a clear error;
 * then connections that reconnect forever (a Redis restart must not kill a worker or a collector).
 */
import { Redis, type RedisOptions } from 'ioredis';
import { NcmError } from '../diagnostics.js';

export interface QueueUrl {
  /** The URL as given (may hold a password: never print it). */
  url: string;
  /** The URL with the password masked, for messages. */
  shown: string;
  tls: boolean;
}

const FORM = 'expected redis://[:password@]host:port[/db] or rediss://... (TLS)';

export function parseQueueUrl(text: string): QueueUrl {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new NcmError(`--queue '${text}': not a URL; ${FORM}`, { exitCode: 2 });
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new NcmError(`--queue: unknown scheme '${u.protocol}'; ${FORM}`, { exitCode: 2 });
  if (!u.hostname) throw new NcmError(`--queue: no host in the URL; ${FORM}`, { exitCode: 2 });
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new NcmError(`--queue: database '${db}' is not a number; ${FORM}`, { exitCode: 2 });
  const masked = new URL(u.href);
  if (masked.password) masked.password = '***';
  return { url: text, shown: masked.href, tls: u.protocol === 'rediss:' };
}

/** Options of a long-lived connection: commands wait (queued) while Redis is away and run after it returns. */
function lasting(): RedisOptions {
  return { maxRetriesPerRequest: null, retryStrategy: (times) => Math.min(100 * times, 2000), connectTimeout: 10000 };
}

/** Checks that Redis answers (address, password, TLS) within a few seconds; throws a clear error otherwise. */
export async function probeRedis(q: QueueUrl): Promise<void> {
  const probe = new Redis(q.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 5000, enableOfflineQueue: false });
  // The socket's own error (ECONNREFUSED, a TLS failure) says more than the rejection ('Connection is closed.').
  let cause: Error | undefined;
  probe.on('error', (e: Error) => (cause ??= e));
  try {
    await probe.connect();
    await probe.ping();
  } catch (e) {
    const why = cause ?? (e instanceof Error ? e : new Error(String(e)));
    throw new NcmError(`cannot reach Redis at ${q.shown}: ${why.message}`);
  } finally {
    probe.disconnect();
  }
}

/** A connection that survives Redis restarts; `onError` hears about lost connections (default: silent). */
export function connectRedis(q: QueueUrl, onError?: (e: Error) => void): Redis {
  const r = new Redis(q.url, lasting());
  r.on('error', (e: Error) => onError?.(e));
  return r;
}
