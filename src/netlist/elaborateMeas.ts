/**
 * `.meas` lines from syntax to circuit measures: values evaluated, v()/i()/q() signals resolved
 * like `.save` targets (so `ncm check` reports a misnamed node or an element without a current
 * with its position), and every other signal checked against the columns its analysis records.
 */
import type { Analysis, SaveTarget } from '../circuit/circuit.js';
import type { CrossingSpec, Measure, MeasureBody, MeasurePoint, MeasureSignal, MeasureSpec } from '../circuit/measure.js';
import { AC_COLUMNS } from '../circuit/measure.js';
import type { Expr, SaveAst } from './ast.js';
import type { DiagnosticSink, ParamScope } from './params.js';

/** Columns an analysis records besides the circuit's v()/i()/q() probes. */
function ownColumns(kind: string, analyses: Analysis[]): string[] {
  if (kind === 'ac') return [...AC_COLUMNS];
  if (kind === 'protocol') return ['v(port)', 'i(port)', 'p(port)', 'step', 'cycle'];
  if (kind === 'cv' || kind === 'chrono') return analyses.flatMap((a) => (a.kind === kind ? [`vapp(${a.source})`, `i(${a.source})`] : []));
  return [];
}

export function elaborateMeasures(
  specs: Array<{ spec: MeasureSpec<Expr>; probes: SaveAst[] }>,
  scope: ParamScope,
  sink: DiagnosticSink,
  analyses: Analysis[],
  resolve: (targets: SaveAst[]) => SaveTarget[],
): { measures: Measure[]; signals: SaveTarget[] } {
  const measures: Measure[] = [];
  const signals: SaveTarget[] = [];
  const names = new Map<string, string>();
  for (const { spec, probes } of specs) {
    const owner = `.meas ${spec.analysis} ${spec.name}`;
    const key = `${spec.analysis}/${spec.name.toLowerCase()}`;
    if (names.has(key)) sink.error(spec.loc, `${owner}: a ${spec.analysis} measure named '${spec.name}' is already defined at ${names.get(key)}`);
    names.set(key, `line ${spec.loc.line}`);
    if (!analyses.some((a) => a.kind === spec.analysis)) {
      sink.warning(spec.loc, `${owner}: the netlist has no .${spec.analysis} analysis, so this measure is never evaluated`);
    }
    const own = ownColumns(spec.analysis, analyses);
    let ok = true;
    const needed = spec.analysis === 'ac' ? [] : probes.filter((p) => !own.includes(p.label));
    for (const s of signalsOf(spec)) {
      if (own.includes(s.label)) continue;
      if (spec.analysis === 'ac') {
        sink.error(s.loc, `${owner}: .ac records ${AC_COLUMNS.slice(1).join(', ')} against frequency: expected one of those, found ${s.label}`);
        ok = false;
      } else if (!/^[viq]\(/.test(s.label)) {
        sink.error(s.loc, `${owner}: expected v(node), v(a,b), i(element) or q(capacitor)${own.length ? ` or one of ${own.join(', ')}` : ''}, found ${s.label}`);
        ok = false;
      }
    }
    const before = sink.errorCount;
    const resolved = resolve(needed);
    if (sink.errorCount > before) ok = false;
    const evaluated = mapBody(spec, (e) => {
      const v = scope.evaluate(e);
      if (v === undefined) ok = false;
      return v ?? NaN;
    });
    if (!ok) continue;
    signals.push(...resolved);
    measures.push({ name: spec.name, analysis: spec.analysis, loc: spec.loc, ...evaluated });
  }
  return { measures, signals };
}

function signalsOf(spec: MeasureBody<unknown>): MeasureSignal[] {
  const ofPoint = (p: MeasurePoint<unknown>): MeasureSignal[] => (p.kind === 'crossing' ? [p.signal] : []);
  switch (spec.kind) {
    case 'trig-targ':
      return [...ofPoint(spec.trig), ...ofPoint(spec.targ)];
    case 'find-at':
    case 'statistic':
      return [spec.signal];
    case 'find-when':
      return [spec.signal, spec.when.signal];
    case 'when':
      return [spec.when.signal];
  }
}

function mapBody(spec: MeasureBody<Expr>, f: (e: Expr) => number): MeasureBody<number> {
  const crossing = (c: CrossingSpec<Expr>): CrossingSpec<number> => ({ ...c, level: f(c.level), delay: c.delay ? f(c.delay) : undefined });
  const point = (p: MeasurePoint<Expr>): MeasurePoint<number> => (p.kind === 'at' ? { ...p, at: f(p.at) } : { kind: 'crossing', ...crossing(p) });
  switch (spec.kind) {
    case 'trig-targ':
      return { kind: 'trig-targ', trig: point(spec.trig), targ: point(spec.targ) };
    case 'find-at':
      return { kind: 'find-at', signal: spec.signal, at: f(spec.at) };
    case 'find-when':
      return { kind: 'find-when', signal: spec.signal, when: crossing(spec.when) };
    case 'when':
      return { kind: 'when', when: crossing(spec.when) };
    case 'statistic':
      return { kind: 'statistic', fn: spec.fn, signal: spec.signal, from: spec.from ? f(spec.from) : undefined, to: spec.to ? f(spec.to) : undefined };
  }
}
