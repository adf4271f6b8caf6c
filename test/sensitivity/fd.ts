/** Sensitivities against central finite differences of whole runs (the check of docs/sensitivities.md). */
import { runAnalysis } from '../../src/analyses/run.js';
import { runWithSensitivities, type SensitivityResult } from '../../src/analyses/sensitivity.js';
import { circuitOfParams } from '../../src/netlist/circuitOfParams.js';

/** Relative step of the finite differences (the error of a central difference is O(step^2)). */
export const FD_STEP = 1e-4;

export interface Agreement {
  result: SensitivityResult;
  /** max |dS - dFD| / max |dFD| per parameter, over the whole waveform. */
  error: Record<string, number>;
}

/** Runs the netlist's first analysis with sensitivities of `output`, and the same by central differences of two runs per parameter. */
export function agreement(lines: string[], params: Record<string, number>, output: string): Agreement {
  const build = circuitOfParams(['* sensitivity check', ...lines, '.end'].join('\n'), 'check.cir');
  const analysis = build(params).analyses[0]!;
  const result = runWithSensitivities({ build, params, analysis, outputs: [output] });
  const column = (values: Record<string, number>): Float64Array => {
    const w = runAnalysis(build(values), analysis).waveforms!;
    const i = w.labels.indexOf(output);
    if (i < 0) throw new Error(`no column ${output} in ${w.labels.join(',')}`);
    return w.columns[i]!;
  };
  const error: Record<string, number> = {};
  result.params.forEach((name, k) => {
    const p = params[name]!;
    const d = FD_STEP * (p !== 0 ? Math.abs(p) : 1);
    const up = column({ ...params, [name]: p + d });
    const down = column({ ...params, [name]: p - d });
    const s = result.derivatives[output]![k]!;
    if (up.length !== s.length || down.length !== s.length) throw new Error(`${name}: the perturbed runs have ${up.length}/${down.length} points, the sensitivity ${s.length}`);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < s.length; i++) {
      const fd = (up[i]! - down[i]!) / (2 * d);
      scale = Math.max(scale, Math.abs(fd));
      worst = Math.max(worst, Math.abs(s[i]! - fd));
    }
    if (scale === 0) throw new Error(`${name}: the output does not depend on it (nothing to check)`);
    error[name] = worst / scale;
  });
  return { result, error };
}
