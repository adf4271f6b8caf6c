/**
 * Size estimates made at `check` time: a run whose smallest possible number of time steps exceeds
 * the step budget cannot finish, so it is refused before it starts, with the estimate. (The
 * analyses cap the step: .tran at tmax = min(tstep, span/50) as SPICE, .cv at a hundredth of a cycle.)
 */
import type { Analysis } from '../circuit/circuit.js';
import type { DiagnosticSink } from './params.js';
import { formatSi } from './describe.js';
import { formatCount } from './limits.js';

/** `.options maxsteps` when not given (the engine's default, src/engine/options.ts). */
const DEFAULT_MAXSTEPS = 1_000_000;

/** The fewest time steps an analysis can take, with the step bound that forces them; undefined if unbounded. */
// `why` is built only for the error: formatCount's toLocaleString loads ICU data (~30 ms of start-up).
function fewestSteps(a: Analysis): { steps: number; why: () => string } | undefined {
  if (a.kind === 'tran') {
    const span = a.tstop - a.tstart;
    const tmax = a.tmax ?? Math.min(a.tstep, span / 50);
    return { steps: a.tstop / tmax, why: () => `${formatSi(a.tstop, 's')} at most ${formatSi(tmax, 's')} per step, tmax = min(tstep, span/50) unless given` };
  }
  if (a.kind === 'cv') return { steps: 100 * a.cycles, why: () => `${formatCount(a.cycles)} cycles of at least 100 steps each` };
  return undefined;
}

export function checkRunSizes(analyses: readonly Analysis[], maxsteps: number | undefined, sink: DiagnosticSink): void {
  const budget = maxsteps ?? DEFAULT_MAXSTEPS;
  for (const a of analyses) {
    const f = fewestSteps(a);
    if (!f || !(f.steps > budget)) continue;
    sink.error(
      a.loc,
      `.${a.kind}: needs at least ${formatCount(f.steps)} time steps (${f.why()}), more than the budget of ${formatCount(budget)} (.options maxsteps=): shorten the run or raise the step`,
    );
  }
}
