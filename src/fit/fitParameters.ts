/**
 * The unknowns of a fit: top-level `.param`s with bounds and a scale, from the template's `.fit`
 * lines and the `--free` list. The optimiser works in scaled coordinates u: ln p on a log scale,
 * p on a linear one, so one step means the same relative change whatever the SI magnitude.
 */
import type { FitDirectiveAst, NetlistAst } from '../netlist/ast.js';
import type { Loc } from '../netlist/ast.js';
import { InputError, UsageError } from '../diagnostics.js';

export interface FitParameter {
  name: string;
  lo: number;
  hi: number;
  scale: 'log' | 'lin';
  /** Where the bounds came from: the `.fit` line, or `--free` with bounds around the template value. */
  origin: string;
}

export const toScaled = (p: FitParameter, v: number): number => (p.scale === 'log' ? Math.log(v) : v);
export const fromScaled = (p: FitParameter, u: number): number => (p.scale === 'log' ? Math.exp(u) : u);
export const scaledBounds = (p: FitParameter): [number, number] => [toScaled(p, p.lo), toScaled(p, p.hi)];

/** Top-level `.param` names (lower case) with their location and numeric value when they are numbers. */
export function templateParams(ast: NetlistAst): Map<string, { value: number | undefined; loc: Loc }> {
  const out = new Map<string, { value: number | undefined; loc: Loc }>();
  for (const st of ast.statements) {
    if (st.kind !== 'param') continue;
    for (const a of st.assignments) out.set(a.name, { value: a.expr.kind === 'number' ? a.expr.value : undefined, loc: a.loc });
  }
  return out;
}

const where = (l: Loc): string => `${l.file}:${l.line}:${l.column}`;

/**
 * The free parameters: every `.fit` line, or, with `free`, exactly those names (each with its `.fit`
 * bounds, or log bounds of 1/100 to 100 times a positive template value).
 */
export function fitParameters(ast: NetlistAst, free?: string[]): FitParameter[] {
  const params = templateParams(ast);
  const fits = new Map<string, FitDirectiveAst>();
  for (const st of ast.statements) {
    if (st.kind !== 'fit') continue;
    const key = st.param.name.toLowerCase();
    if (!params.has(key)) {
      const known = [...params.keys()];
      throw new InputError(`.fit ${st.param.name}: no top-level .param named '${st.param.name}'${known.length ? `: expected one of ${known.join(', ')}` : ': declare it with .param first'}`, { loc: st.param.loc });
    }
    const prev = fits.get(key);
    if (prev) throw new InputError(`.fit ${st.param.name}: given twice (first at ${where(prev.loc)})`, { loc: st.loc });
    fits.set(key, st);
  }
  const names = free ? free.map((n) => n.trim().toLowerCase()).filter((n) => n.length > 0) : [...fits.keys()];
  if (names.length === 0) {
    throw new UsageError(free ? '--free: no parameter named' : `${ast.file}: nothing to fit: add .fit <param> <lo>..<hi> [log|lin] lines or --free <param,...>`);
  }
  const seen = new Set<string>();
  return names.map((name) => {
    if (seen.has(name)) throw new UsageError(`--free: '${name}' is listed twice`);
    seen.add(name);
    const f = fits.get(name);
    if (f) return { name, lo: f.lo, hi: f.hi, scale: f.scale, origin: `.fit at ${where(f.loc)}` };
    const p = params.get(name);
    if (!p) throw new UsageError(`--free ${name}: the template has no top-level .param '${name}'; its parameters: ${[...params.keys()].join(', ') || '(none)'}`);
    if (p.value === undefined || !(p.value > 0)) {
      throw new UsageError(`--free ${name}: its template value ${p.value ?? '(an expression)'} gives no bounds: add .fit ${name} <lo>..<hi> [log|lin] to the template`);
    }
    return { name, lo: p.value / 100, hi: p.value * 100, scale: 'log', origin: '--free (1/100 to 100 times the template value)' };
  });
}
