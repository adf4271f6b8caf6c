// A sweep pool thread running from source (vitest, tsx): registers tsx in the thread, then loads the
// TypeScript point runner named in workerData (src/sweep/sweepPool.ts) and hands piscina its handler.
import { workerData } from 'piscina';
import { register } from 'tsx/esm/api';

register();
const runner = await import(workerData.module);
export default runner.default;
/** Answered once the runner is loaded (the pool's warm-up task). */
export const ready = () => true;
