/** A sweep worker that never answers the point with index 1 (tests the per-point time limit). */
import { parentPort } from 'node:worker_threads';
import { runPoint, type PointRequest } from '../../src/sweep/runPoint.js';

parentPort!.on('message', (req: PointRequest) => {
  if (req.index === 1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // hung for good, without burning a core: only terminating the thread stops it
  parentPort!.postMessage(runPoint(req));
});
