/**
 * The `.sens` requests of a netlist text (sensDirective.ts reads the line): the parameter names
 * checked against the top-level `.param`s, with their values (positioned errors otherwise).
 */
import { NcmError } from '../diagnostics.js';
import type { NameRef, SensDirectiveAst } from './ast.js';
import { DiagnosticSink, ParamScope } from './params.js';
import { parseNetlist } from './parse.js';

export interface SensRequest {
  /** Parameter values at which to differentiate, by lower-cased name, in the line's order. */
  params: Record<string, number>;
  /** Output name of the analysis to differentiate (`cv`, `cv2`, `ac`); undefined = every analysis. */
  analysis: NameRef | undefined;
  loc: SensDirectiveAst['loc'];
}

/** The `.sens` lines of a netlist text, checked against its top-level `.param`s (positioned errors). */
export function sensRequests(path: string, text: string): SensRequest[] {
  const { ast } = parseNetlist(text, { file: path });
  const sink = new DiagnosticSink();
  const scope = new ParamScope(sink);
  const names = new Map<string, NameRef['loc']>();
  for (const st of ast.statements) {
    if (st.kind === 'param') {
      for (const a of st.assignments) {
        scope.define(a.name, a.expr, a.loc);
        names.set(a.name.toLowerCase(), a.loc);
      }
    }
  }
  const out: SensRequest[] = [];
  for (const st of ast.statements) {
    if (st.kind !== 'sens') continue;
    const params: Record<string, number> = {};
    for (const p of st.params) {
      const key = p.name.toLowerCase();
      if (!names.has(key)) {
        const known = [...names.keys()];
        throw new NcmError(`.sens: no top-level .param ${p.name} to differentiate by${known.length > 0 ? ` (top-level parameters: ${known.join(', ')})` : ': define it, e.g. .param ' + p.name + '=1'}`, { loc: p.loc });
      }
      if (key in params) throw new NcmError(`.sens: ${p.name} is named twice`, { loc: p.loc });
      const v = scope.evaluate({ kind: 'param', name: key, loc: p.loc });
      if (v === undefined || !Number.isFinite(v)) throw new NcmError(`.sens: ${sink.list.at(-1)?.message ?? `the value of ${p.name} is not a finite number`}`, { loc: p.loc });
      params[key] = v;
    }
    out.push({ params, analysis: st.analysis, loc: st.loc });
  }
  return out;
}

/** True if the netlist text has a `.sens` line (cheap: no elaboration). */
export function hasSens(path: string, text: string): boolean {
  return parseNetlist(text, { file: path }).ast.statements.some((st) => st.kind === 'sens');
}
