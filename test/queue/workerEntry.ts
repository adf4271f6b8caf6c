/**
 * A queue worker process for tests: `tsx test/queue/workerEntry.ts URL CONCURRENCY LOCK_MS [MAX_MB] [POINT_MODULE]`.
 * The library's worker with the point thread swapped when a faulty one is named; prints `ready`.
 */
import { parseQueueUrl } from '../../src/queue/connection.js';
import { startQueueWorker } from '../../src/queue/worker.js';

const [url, concurrency, lock, maxMb, module] = process.argv.slice(2);
const w = await startQueueWorker(parseQueueUrl(url!), {
  concurrency: Number(concurrency),
  lockDuration: Number(lock),
  ...(maxMb && maxMb !== '0' ? { maxMemoryMb: Number(maxMb) } : {}),
  ...(module ? { pointModule: new URL(module, import.meta.url) } : {}),
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => void w.close().then(() => process.exit(0)));
