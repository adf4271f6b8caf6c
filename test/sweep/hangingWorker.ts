/** A sweep point runner that never answers the point with index 1 (tests the per-point time limit). */
import { runPoint, type PointRequest, type SweepOutcome } from '../../src/sweep/runPoint.js';

export default function hangOnPointOne(req: PointRequest): SweepOutcome {
  if (req.index === 1) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // hung for good, without burning a core: only terminating the thread stops it
  return runPoint(req);
}
