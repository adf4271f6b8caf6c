/**
 * Before a sweep starts: elaborate every point (cheap next to running it). When every point fails
 * with the same first error, the sweep would only produce N copies of it, so it stops up front
 * with that error and its position instead.
 */
import type { Diagnostic } from '../diagnostics.js';
import { formatLocation, NcmError } from '../diagnostics.js';
import { loadNetlist } from '../io/loadNetlist.js';
import type { FileReader } from '../netlist/includes.js';
import type { SweepPlan } from './plan.js';

/** The same error at the same place; the values in the message (the swept ones) may differ. */
function reason(d: Diagnostic): string {
  return `${formatLocation(d.loc)}|${d.message.split(/[-+]?\d/)[0]}`;
}

/** Throws an NcmError (exit 1) when all points of the plan fail to elaborate for one reason. */
export function preflightSweep(plan: SweepPlan, opts: { readFile?: FileReader } = {}): void {
  const names = plan.axes.map((a) => a.name);
  let common: Diagnostic | undefined;
  for (const values of plan.points) {
    const overrides = names.map((name, k) => ({ name, value: values[k]!, loc: { file: '.step', line: 1, column: 1 } }));
    const { diagnostics } = loadNetlist(plan.netlist, { paramOverrides: overrides, ...(opts.readFile ? { readFile: opts.readFile } : {}) });
    const first = diagnostics.find((d) => d.severity === 'error');
    if (!first) return;
    if (common && reason(first) !== reason(common)) return;
    common ??= first;
  }
  if (!common) return;
  const first = plan.axes.map((a, k) => `${a.name}=${plan.points[0]![k]}`).join(' ');
  throw new NcmError(`every one of the ${plan.points.length} sweep points fails at this place (shown for ${first}), so the sweep did not start`, {
    diagnostics: [common],
  });
}
