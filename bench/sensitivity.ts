/**
 * Sensitivities vs finite differences: a 20-layer NCM CV (QMAX fixed so that both differentiate
 * the same run) with N parameters, forward sensitivities (one run) against central differences
 * (2N + 1 runs). Wall time, linear solves and factorisations of each, and their agreement.
 */
import { runAnalysis } from '../src/analyses/run.js';
import { runWithSensitivities } from '../src/analyses/sensitivity.js';
import { circuitOfParams } from '../src/netlist/circuitOfParams.js';

const NETLIST = [
  '* 20-layer NCM, CV',
  '.param rc=5 gamma=0.5 ctot=0.08u ropen=1 q=2n',
  'Vm m 0 DC 0',
  '.ladder E m 0 layers=20 model=ncm rc={rc} gamma={gamma} ctotal={ctot} ropen={ropen} qmax={q}',
  '.cv Vm 0 0.2 rate=20mV/us cycles=2',
  '.end',
].join('\n');

export async function runSensitivityBench(): Promise<void> {
  const build = circuitOfParams(NETLIST, 'bench.cir');
  const all = { rc: 5, gamma: 0.5, ctot: 0.08e-6, ropen: 1 };
  console.log('params | sens wall [s] | sens solves | sens factorizations | FD runs | FD wall [s] | FD solves | FD factorizations | solves FD/sens | max rel. difference');
  for (const n of [1, 2, 4]) {
    const params = Object.fromEntries(Object.entries(all).slice(0, n));
    const analysis = build(params).analyses[0]!;
    let t = performance.now();
    const s = runWithSensitivities({ build, params, analysis });
    const sensWall = (performance.now() - t) / 1000;
    t = performance.now();
    let solves = 0;
    let facts = 0;
    const run = (v: Record<string, number>): Float64Array => {
      const r = runAnalysis(build(v), analysis);
      solves += r.stats!.newtonIterations;
      facts += r.stats!.factorizations + r.stats!.refactorizations;
      return r.waveforms!.columns[r.waveforms!.labels.indexOf('i(vm)')]!;
    };
    run(params);
    let worst = 0;
    for (const [k, name] of Object.keys(params).entries()) {
      const p = params[name]!;
      const d = 1e-4 * Math.abs(p);
      const up = run({ ...params, [name]: p + d });
      const down = run({ ...params, [name]: p - d });
      const ds = s.derivatives['i(vm)']![k]!;
      let scale = 0;
      let err = 0;
      // Adaptive steps: the perturbed runs take other steps, so compare where the grids coincide in length only.
      const m = Math.min(up.length, down.length, ds.length);
      for (let i = 0; i < m; i++) scale = Math.max(scale, Math.abs(ds[i]!));
      if (up.length === ds.length && down.length === ds.length) for (let i = 0; i < m; i++) err = Math.max(err, Math.abs(ds[i]! - (up[i]! - down[i]!) / (2 * d)));
      worst = Math.max(worst, up.length === ds.length && down.length === ds.length ? err / scale : NaN);
    }
    const fdWall = (performance.now() - t) / 1000;
    console.log(
      `${n} | ${sensWall.toFixed(3)} | ${s.stats.solves} | ${s.stats.factorizations} | ${2 * n + 1} | ${fdWall.toFixed(3)} | ${solves} | ${facts} | ${(solves / s.stats.solves).toFixed(2)} | ${Number.isNaN(worst) ? 'grids differ' : worst.toExponential(1)}`,
    );
  }
}
