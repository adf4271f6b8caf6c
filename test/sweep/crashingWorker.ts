/** A sweep point runner whose thread exits on the point with index 1 (tests that a dead thread costs one run only). */
import { runPoint, type PointRequest, type SweepOutcome } from '../../src/sweep/runPoint.js';

export default function crashOnPointOne(req: PointRequest): SweepOutcome {
  if (req.index === 1) process.exit(7);
  return runPoint(req);
}
