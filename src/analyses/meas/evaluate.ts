/**
 * Evaluates `.meas` lines on the waveforms of one analysis. A measure that finds no value (no
 * such crossing, a window outside the run) is reported as failed with the reason, as ngspice does,
 * and the run goes on; a measure naming a column the analysis does not record is an error.
 */
import { NcmError } from '../../diagnostics.js';
import type { Waveforms } from '../recorder.js';
import { findCrossing, interpolateAt } from './crossing.js';
import type { CrossingSpec, Measure, MeasurePoint, MeasureResult, MeasureSignal } from '../../circuit/measure.js';
import { statistic } from './statistics.js';

interface Axis {
  x: Float64Array;
  unit: string;
  name: string;
}

class Failed extends Error {}

export function evaluateMeasure(m: Measure, w: Waveforms): MeasureResult {
  const axis: Axis = { x: w.columns[0]!, unit: w.units[0] ?? '', name: w.labels[0] ?? 'x' };
  const column = (s: MeasureSignal): { y: Float64Array; unit: string } => {
    const i = w.labels.indexOf(s.label);
    if (i < 1) {
      throw new NcmError(`.meas ${m.name}: ${s.label} is not recorded by this ${m.analysis} analysis: expected one of ${w.labels.slice(1).join(', ')}`, { loc: s.loc });
    }
    return { y: w.columns[i]!, unit: w.units[i] ?? '' };
  };
  try {
    const { value, unit } = measureValue(m, axis, column);
    return { name: m.name, value, unit };
  } catch (e) {
    if (!(e instanceof Failed)) throw e;
    return { name: m.name, value: null, unit: '', failed: e.message };
  }
}

type ColumnOf = (s: MeasureSignal) => { y: Float64Array; unit: string };

function measureValue(m: Measure, axis: Axis, column: ColumnOf): { value: number; unit: string } {
  switch (m.kind) {
    case 'trig-targ': {
      const t0 = point(m.trig, axis, column, 'TRIG');
      const t1 = point(m.targ, axis, column, 'TARG');
      return { value: t1 - t0, unit: axis.unit };
    }
    case 'find-at': {
      const c = column(m.signal);
      return { value: at(axis, c.y, m.at, 'AT'), unit: c.unit };
    }
    case 'find-when': {
      const c = column(m.signal);
      const xc = crossing(m.when, axis, column, 'WHEN');
      return { value: at(axis, c.y, xc, 'WHEN'), unit: c.unit };
    }
    case 'when':
      return { value: crossing(m.when, axis, column, 'WHEN'), unit: axis.unit };
    case 'statistic': {
      const c = column(m.signal);
      const x = axis.x;
      const from = m.from ?? x[0]!;
      const to = m.to ?? x[x.length - 1]!;
      if (x.length === 0 || from < x[0]! || to > x[x.length - 1]! || !(to >= from)) {
        throw new Failed(`the window FROM=${from} TO=${to} ${axis.unit} is not inside the run (${x[0]} to ${x[x.length - 1]} ${axis.unit})`);
      }
      const v = statistic(m.fn, x, c.y, from, to)!;
      return { value: v, unit: m.fn === 'integ' ? integralUnit(c.unit, axis.unit) : c.unit };
    }
  }
}

function point(p: MeasurePoint<number>, axis: Axis, column: ColumnOf, what: string): number {
  return p.kind === 'at' ? p.at : crossing(p, axis, column, what);
}

function crossing(c: CrossingSpec<number>, axis: Axis, column: ColumnOf, what: string): number {
  const { y } = column(c.signal);
  const xc = findCrossing(axis.x, y, { level: c.level, edge: c.edge, n: c.n, delay: c.delay ?? -Infinity });
  if (xc === undefined) {
    const edge = c.edge === 'rise' ? 'rising ' : c.edge === 'fall' ? 'falling ' : '';
    throw new Failed(`${what}: ${c.signal.label} has no ${c.n === 'last' ? '' : `${ordinal(c.n)} `}${edge}crossing of ${c.level}${c.delay !== undefined ? ` after TD=${c.delay} ${axis.unit}` : ''}`);
  }
  return xc;
}

function at(axis: Axis, y: Float64Array, x: number, what: string): number {
  const v = interpolateAt(axis.x, y, x);
  if (v === undefined) throw new Failed(`${what}=${x} ${axis.unit} is outside the run (${axis.x[0]} to ${axis.x[axis.x.length - 1]} ${axis.unit})`);
  return v;
}

function integralUnit(y: string, x: string): string {
  if (y === 'A' && x === 's') return 'C';
  if (y === 'W' && x === 's') return 'J';
  return y && x ? `${y}*${x}` : y || x;
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}
