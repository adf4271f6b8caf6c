/** The point runner of a sweep's pool threads (src/sweep/sweepPool.ts): one call per point. */
import { runPoint, type PointRequest, type SweepOutcome } from './runPoint.js';

export default function runSweepPoint(req: PointRequest): SweepOutcome {
  return runPoint(req);
}

/** Answered once this module is loaded: the pool's warm-up task. */
export function ready(): boolean {
  return true;
}
