/** Worker thread of a parallel sweep: runs the points it is sent, one message per point. */
import { parentPort } from 'node:worker_threads';
import { runPoint, type PointRequest } from './runPoint.js';

parentPort!.on('message', (req: PointRequest) => {
  parentPort!.postMessage(runPoint(req));
});
