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

/** A three-slit NCM half cell (no analysis), shared by the sensitivity tests. */
export const THREE_SLIT_NCM = [
  '.param rc=5 gamma=0.5 ctot=0.08u cs={ctot/3} q={cs*0.2}',
  'Vm m 0 DC 0',
  'Ropen 0 s0 1',
  'Copen m s0 {cs/2}',
  'C1 m s1 {cs}',
  'C2 m s2 {cs}',
  'C3 m s3 {cs}',
  'RDYN1 s0 s1 RC={rc} GAMMA={gamma} Q=Copen QMAX={q/2}',
  'RDYN2 s1 s2 RC={rc} GAMMA={gamma} Q=C1 QMAX={q}',
  'RDYN3 s2 s3 RC={rc} GAMMA={gamma} Q=C2 QMAX={q}',
];
export const THREE_SLIT_PARAMS = { rc: 5, gamma: 0.5, ctot: 8e-8 };
