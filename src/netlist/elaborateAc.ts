/**
 * Elaboration of `.ac` lines: values in SI, ranges checked, and the excitation resolved (exactly one
 * source with an `AC` value: its impedance is what the analysis reports). Kept apart from
 * elaborate.ts so that the EIS feature stays in its own files.
 */
import type { AcAnalysis, Analysis, CircuitElement } from '../circuit/circuit.js';
import type { AcDirectiveAst } from './ast.js';
import { acPointCount } from '../circuit/acPointCount.js';
import { formatSi } from './describe.js';
import { formatCount, MAX_AC_POINTS } from './limits.js';
import type { DiagnosticSink, ParamScope } from './params.js';

/** The `.ac` analysis with its source still unresolved (''), or undefined after reporting. */
export function elaborateAc(scope: ParamScope, sink: DiagnosticSink, d: AcDirectiveAst): AcAnalysis | undefined {
  const points = scope.evaluate(d.points);
  const fStart = scope.evaluate(d.fStart);
  const fStop = scope.evaluate(d.fStop);
  const at = d.at ? scope.evaluate(d.at) : undefined;
  if (points === undefined || fStart === undefined || fStop === undefined || (d.at && at === undefined)) return undefined;
  let ok = true;
  if (!(Number.isInteger(points) && points >= 1)) {
    sink.error(d.points.loc, `.ac: the number of points must be a whole number of 1 or more, found ${points}`);
    ok = false;
  }
  if (!(fStart > 0)) {
    sink.error(d.fStart.loc, `.ac: fstart must be positive, found ${formatSi(fStart, 'Hz')}`);
    ok = false;
  } else if (!(fStop >= fStart)) {
    sink.error(d.fStop.loc, `.ac: fstop must not be below fstart (${formatSi(fStart, 'Hz')}), found ${formatSi(fStop, 'Hz')}`);
    ok = false;
  }
  if (at !== undefined && !(at >= 0)) {
    sink.error(d.at!.loc, `.ac: the bias time at= must not be negative, found ${formatSi(at, 's')}`);
    ok = false;
  }
  if (d.sweep === 'lin' && points === 1 && fStop !== fStart) {
    sink.error(d.points.loc, `.ac: a linear sweep from ${formatSi(fStart, 'Hz')} to ${formatSi(fStop, 'Hz')} needs 2 or more points`);
    ok = false;
  }
  if (ok) {
    const n = acPointCount({ sweep: d.sweep, points, fStart, fStop });
    if (n > MAX_AC_POINTS) {
      sink.error(d.loc, `.ac: ${formatCount(n)} frequencies from ${formatSi(fStart, 'Hz')} to ${formatSi(fStop, 'Hz')}, more than the limit of ${formatCount(MAX_AC_POINTS)}: narrow the range or take fewer points`);
      ok = false;
    }
  }
  if (!ok) return undefined;
  return {
    kind: 'ac',
    sweep: d.sweep,
    points,
    fStart,
    fStop,
    bias: at !== undefined ? { kind: 'cv', time: at } : { kind: 'op' },
    nyquistAxes: d.nyquist,
    source: '',
    loc: d.loc,
  };
}

/** Fills in the AC source of every `.ac` analysis, or reports why there is not exactly one. */
export function resolveAcSources(analyses: Analysis[], elements: CircuitElement[], sink: DiagnosticSink): void {
  const driven = elements.filter((e) => (e.kind === 'V' || e.kind === 'I') && e.ac !== undefined && e.ac.magnitude !== 0);
  for (const a of analyses) {
    if (a.kind !== 'ac') continue;
    if (driven.length === 1) a.source = driven[0]!.key;
    else if (driven.length === 0) {
      sink.error(a.loc, `.ac: no source has an AC value: add one to the source that drives the cell, e.g. 'Vm a 0 DC 0 AC 1'`);
    } else {
      sink.error(a.loc, `.ac: ${driven.length} sources have an AC value (${driven.map((e) => e.name).join(', ')}): the impedance needs exactly one; remove the others' AC values`);
    }
    if (a.bias.kind === 'cv' && !analyses.some((b) => b.kind === 'cv')) {
      sink.error(a.loc, `.ac: bias=cv takes its bias from the first .cv analysis, but the netlist has none: add a .cv line, or use bias=op`);
    }
  }
}
