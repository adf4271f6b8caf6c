/** A sweep worker that dies on the point with index 1 (tests that a dead worker costs one run only). */
import { parentPort } from 'node:worker_threads';
import { runPoint, type PointRequest } from '../../src/sweep/runPoint.js';

parentPort!.on('message', (req: PointRequest) => {
  if (req.index === 1) process.exit(7);
  parentPort!.postMessage(runPoint(req));
});
