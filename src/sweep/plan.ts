/**
 * The plan of a parameter sweep: the swept parameters and the list of points (one value per
 * parameter), from the netlist's `.step param` lines or from CLI `--step` specs (which replace them).
 * Several steps make the Cartesian product, the first one varying slowest (LTspice order).
 */
import { formatCount, MAX_SWEEP_POINTS } from '../netlist/limits.js';
import { readFileSync } from 'node:fs';
import type { SourceLocation } from '../diagnostics.js';
import { NcmError } from '../diagnostics.js';
import type { StepDirectiveAst } from '../netlist/ast.js';
import { parseSpiceNumber } from '../netlist/numbers.js';
import { DiagnosticSink, ParamScope } from '../netlist/params.js';
import { parseNetlist } from '../netlist/parse.js';
import { paramUnit } from './sweepUnits.js';

export interface SweepAxis {
  /** Lower-cased parameter name. */
  name: string;
  values: number[];
  loc: SourceLocation;
  /** Unit from the parameter's use in the netlist (src/sweep/sweepUnits.ts); '' when unknown. */
  unit?: string;
}

export interface SweepPlan {
  netlist: string;
  axes: SweepAxis[];
  /** Every point: values in axis order. */
  points: number[][];
}

/** Values of a range start..stop by step, inclusive of stop within rounding (LTspice semantics). */
export function rangeValues(start: number, stop: number, step: number, what: string, loc?: SourceLocation): number[] {
  if (!(step !== 0 && Number.isFinite(step)) || Math.sign(stop - start) * Math.sign(step) < 0) {
    throw new NcmError(`${what}: the step ${step} does not lead from ${start} to ${stop}`, loc ? { loc } : {});
  }
  const n = Math.floor((stop - start) / step + 1e-9) + 1;
  if (n > 100000) throw new NcmError(`${what}: ${n} points is more than 100000`, loc ? { loc } : {});
  // start + k step (not repeated addition), rounded to 15 digits: 0.7, not 0.7000000000000001.
  return Array.from({ length: n }, (_, k) => Number((start + k * step).toPrecision(15)));
}

/** `.step param` lines of the top-level netlist file, values evaluated with its top-level `.param`s. */
export function netlistAxes(path: string, text: string): SweepAxis[] {
  const { ast } = parseNetlist(text, { file: path });
  const sink = new DiagnosticSink();
  const scope = new ParamScope(sink);
  const params = new Set<string>();
  for (const st of ast.statements) {
    if (st.kind === 'param') {
      for (const a of st.assignments) {
        scope.define(a.name, a.expr, a.loc);
        params.add(a.name);
      }
    }
  }
  const axes: SweepAxis[] = [];
  for (const st of ast.statements) {
    if (st.kind !== 'step') continue;
    const s = st as StepDirectiveAst;
    const name = s.param.name.toLowerCase();
    const what = `.step param ${s.param.name}`;
    if (!params.has(name)) throw new NcmError(`${what}: no top-level .param ${s.param.name} to sweep: define it, e.g. .param ${s.param.name}=0`, { loc: s.param.loc });
    if (axes.some((a) => a.name === name)) throw new NcmError(`${what}: ${s.param.name} is already swept by another .step line`, { loc: s.loc });
    const ev = (e: Parameters<ParamScope['evaluate']>[0]): number => {
      const v = scope.evaluate(e);
      if (v === undefined) throw new NcmError(`${what}: ${sink.list.at(-1)?.message ?? 'cannot evaluate a value'}`, { loc: e.loc });
      return v;
    };
    const values = s.values.kind === 'list' ? s.values.items.map(ev) : rangeValues(ev(s.values.start), ev(s.values.stop), ev(s.values.step), what, s.loc);
    axes.push({ name, values, loc: s.loc });
  }
  return axes;
}

/** A CLI spec `name=start:stop:step` or `name=v1,v2,...` (values with engineering suffixes). */
export function cliAxis(spec: string): SweepAxis {
  const loc: SourceLocation = { file: '--step', line: 1, column: 1 };
  const m = /^([A-Za-z_][\w.]*)=(.+)$/.exec(spec.trim());
  const form = `expected --step name=start:stop:step or --step name=v1,v2,... (e.g. --step gamma=0:0.9:0.1)`;
  if (!m) throw new NcmError(`--step '${spec}': ${form}`);
  const num = (t: string): number => {
    const v = parseSpiceNumber(t.trim());
    if (v === undefined) throw new NcmError(`--step '${spec}': '${t}' is not a number; ${form}`);
    return v;
  };
  const body = m[2]!;
  const name = m[1]!.toLowerCase();
  if (body.includes(':')) {
    const parts = body.split(':');
    if (parts.length !== 3) throw new NcmError(`--step '${spec}': ${form}`);
    return { name, values: rangeValues(num(parts[0]!), num(parts[1]!), num(parts[2]!), `--step ${name}`), loc };
  }
  return { name, values: body.split(',').map(num), loc };
}

export function planSweep(path: string, cliSpecs: string[] = []): SweepPlan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new NcmError(`cannot read netlist '${path}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e)}`);
  }
  const axes = cliSpecs.length > 0 ? cliSpecs.map(cliAxis) : netlistAxes(path, text);
  if (cliSpecs.length > 0) {
    const { ast } = parseNetlist(text, { file: path });
    const params = new Set(ast.statements.flatMap((st) => (st.kind === 'param' ? st.assignments.map((a) => a.name) : [])));
    for (const a of axes) {
      if (!params.has(a.name)) throw new NcmError(`--step ${a.name}: ${path} has no top-level .param ${a.name} to sweep (its parameters: ${[...params].join(', ') || 'none'})`);
    }
  }
  for (const a of axes) a.unit = paramUnit(text, a.name);
  const count = axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_SWEEP_POINTS) {
    const sizes = axes.map((a) => `${a.name}: ${a.values.length}`).join(' x ');
    throw new NcmError(`the sweep has ${formatCount(count)} points (${sizes}), more than the limit of ${formatCount(MAX_SWEEP_POINTS)}: take fewer values`, axes[0]?.loc ? { loc: axes[0].loc } : {});
  }
  let points: number[][] = [[]];
  for (const a of axes) points = points.flatMap((p) => a.values.map((v) => [...p, v]));
  return { netlist: path, axes, points: axes.length ? points : [] };
}

/** True when the top level of the netlist file has `.step` lines (then `ncm run` sweeps). */
export function hasStep(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return false; // the normal run reports the unreadable file
  }
  if (!/^\s*\.step\b/im.test(text)) return false;
  return parseNetlist(text, { file: path }).ast.statements.some((st) => st.kind === 'step');
}

/** One line for `ncm check`: `gamma: 200 values from 0 to 0.995 (200 runs)`. */
export function describeSweep(plan: SweepPlan): string {
  const axes = plan.axes.map((a) => (a.values.length === 1 ? `${a.name} = ${a.values[0]}` : `${a.name}: ${a.values.length} values from ${a.values[0]} to ${a.values[a.values.length - 1]}`));
  return `${axes.join(' x ')} (${plan.points.length} run${plan.points.length === 1 ? '' : 's'})`;
}
