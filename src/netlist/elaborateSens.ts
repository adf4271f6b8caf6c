/**
 * `.sens` lines from syntax to circuit (sensDirective.ts reads the line): each parameter must be a
 * top-level `.param`, named once, with a finite value (taken from the elaborated scope, so a fit's
 * or sweep's overrides are the values differentiated at); `analysis=` must name one of the
 * netlist's analyses with waveforms (analysisNames). Errors are positioned diagnostics, so
 * `ncm check` reports them.
 */
import { analysisNames } from '../circuit/analysisNames.js';
import type { Analysis, SensitivitySpec } from '../circuit/circuit.js';
import type { SensDirectiveAst } from './ast.js';
import type { DiagnosticSink, ParamScope } from './params.js';

export function elaborateSens(lines: SensDirectiveAst[], topLevelParams: string[], scope: ParamScope, sink: DiagnosticSink, analyses: Analysis[]): SensitivitySpec[] {
  const out: SensitivitySpec[] = [];
  const names = analysisNames(analyses);
  const known = new Set(topLevelParams);
  for (const st of lines) {
    let ok = true;
    const params: Record<string, number> = {};
    for (const p of st.params) {
      const key = p.name.toLowerCase();
      if (!known.has(key)) {
        const list = topLevelParams.length > 0 ? ` (top-level parameters: ${topLevelParams.join(', ')})` : `: define it, e.g. .param ${p.name}=1`;
        sink.error(p.loc, `.sens: no top-level .param ${p.name} to differentiate by${list}`);
        ok = false;
        continue;
      }
      if (key in params) {
        sink.error(p.loc, `.sens: ${p.name} is named twice`);
        ok = false;
        continue;
      }
      // An undefined value was reported at its .param already.
      const v = scope.evaluate({ kind: 'param', name: key, loc: p.loc });
      if (v === undefined) ok = false;
      else if (!Number.isFinite(v)) {
        sink.error(p.loc, `.sens: the value of ${p.name} is ${v}, not a finite number to differentiate at`);
        ok = false;
      } else params[key] = v;
    }
    let analysis: string | undefined;
    if (st.analysis) {
      const want = st.analysis.name.toLowerCase();
      const k = names.indexOf(want);
      if (k < 0) {
        sink.error(st.analysis.loc, `.sens analysis=${st.analysis.name}: no such analysis in this netlist (analyses: ${names.length > 0 ? names.join(', ') : 'none'})`);
        ok = false;
      } else if (analyses[k]!.kind === 'op') {
        sink.error(st.analysis.loc, `.sens analysis=${st.analysis.name}: .op has no waveform to differentiate; name a .tran, .cv, .chrono, .protocol or .ac`);
        ok = false;
      } else analysis = want;
    } else if (!analyses.some((a) => a.kind !== 'op')) {
      sink.error(st.loc, `.sens: the netlist has no analysis with waveforms to differentiate (.op has none)`);
      ok = false;
    }
    if (ok) out.push({ params, ...(analysis ? { analysis } : {}), loc: st.loc });
  }
  return out;
}
