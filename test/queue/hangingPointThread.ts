/** A point thread that never finishes a point (for a worker killed mid-job): it blocks for a minute. */
import { parentPort } from 'node:worker_threads';

parentPort!.on('message', () => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
});
