/** Worker thread of `ncm worker`: runs the points it is sent, one message per point. */
import { parentPort } from 'node:worker_threads';
import { pointHandler, type PointMessage } from './pointRunner.js';

const handle = pointHandler();
parentPort!.on('message', (m: PointMessage) => {
  parentPort!.postMessage(handle(m));
});
