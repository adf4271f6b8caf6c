/**
 * Output names of a circuit's analyses, in netlist order: the kind (`cv`, `ac`), numbered from 1
 * (`cv1`, `cv2`) when the netlist has more than one of that kind. `ncm run` names its files with
 * them and `.sens analysis=` refers to them.
 */
import type { Analysis } from './circuit.js';

export function analysisNames(analyses: readonly Analysis[]): string[] {
  const counts = new Map<string, number>();
  for (const a of analyses) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const seen = new Map<string, number>();
  return analyses.map((a) => {
    const k = (seen.get(a.kind) ?? 0) + 1;
    seen.set(a.kind, k);
    return (counts.get(a.kind) ?? 0) > 1 ? `${a.kind}${k}` : a.kind;
  });
}
