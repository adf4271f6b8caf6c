/**
 * Checks that would otherwise only fail when `ncm run` reaches the analysis or builds the device,
 * made when the netlist is read so that `ncm check` reports them with their position too.
 */
import type { Analysis, BehaviouralExpr, CircuitElement } from '../circuit/circuit.js';
import { cvTriangle } from '../circuit/waveform.js';
import { formatSi } from './describe.js';
import type { DiagnosticSink } from './params.js';

/** `.ac bias=cv at=<t>` later than the end of the CV it reads its bias from. */
export function checkAcBiasTimes(analyses: Analysis[], sink: DiagnosticSink): void {
  const cv = analyses.find((a) => a.kind === 'cv');
  for (const a of analyses) {
    if (a.kind !== 'ac' || a.bias.kind !== 'cv' || !cv || cv.kind !== 'cv') continue;
    const end = cvTriangle(cv, cv.cycles).period * cv.cycles;
    if (a.bias.time > end * (1 + 1e-12)) {
      sink.error(a.loc, `.ac: bias time at=${formatSi(a.bias.time, 's')} is after the end of the first .cv (${formatSi(end, 's')}): expected a time within the CV`);
    }
  }
}

/** Element kinds with a branch current a B source may read as I(name). */
function hasBranch(e: CircuitElement): boolean {
  return e.kind === 'V' || e.kind === 'E' || e.kind === 'L' || (e.kind === 'B' && e.mode === 'V');
}

/** `B1 ... I={I(R1)}`: I() of an element without a branch current (the device would refuse it at run time). */
export function checkBehaviouralCurrents(elements: CircuitElement[], sink: DiagnosticSink): void {
  const byKey = new Map(elements.map((e) => [e.key, e]));
  for (const e of elements) {
    if (e.kind !== 'B') continue;
    const seen = new Set<string>();
    const walk = (x: BehaviouralExpr): void => {
      if (x.kind === 'i' && !seen.has(x.source)) {
        seen.add(x.source);
        const other = byKey.get(x.source);
        if (!other || !hasBranch(other)) {
          sink.error(e.loc, `${e.name}: I(${x.source}) names ${other ? 'an element without a branch current' : 'no element'}: expected a voltage source (V, E or a V= B source)`);
        }
      } else if (x.kind === 'neg') walk(x.arg);
      else if (x.kind === 'bin') {
        walk(x.left);
        walk(x.right);
      } else if (x.kind === 'fn') x.args.forEach(walk);
    };
    walk(e.expr);
  }
}
