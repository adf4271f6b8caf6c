/**
 * The body of a queue worker's point thread: the sweep's per-point runner (`runPoint`) over the
 * netlist files the job brought. The files of the last sweep are kept, so a thread that runs many
 * points of one sweep receives them once.
 */
import type { FileReader } from '../netlist/includes.js';
import { runPoint, type PointRequest, type SweepOutcome } from '../sweep/runPoint.js';
import { bundleReader, type NetlistFiles } from './bundle.js';

export interface PointMessage {
  sweep: string;
  /** Sent with the first point of a sweep on this thread. */
  files?: NetlistFiles;
  req: PointRequest;
}

export function pointHandler(): (m: PointMessage) => SweepOutcome {
  let sweep = '';
  let reader: FileReader | undefined;
  return (m) => {
    if (m.files) {
      sweep = m.sweep;
      reader = bundleReader(m.files);
    }
    if (!reader || sweep !== m.sweep) throw new Error(`point thread: no netlist files for sweep ${m.sweep}`);
    return runPoint(m.req, { readFile: reader });
  };
}
