/**
 * Fit bench: (1) a 20-layer NCM (QMAX=peak) fitted to 3 CVs of 1000 points at 3 scan rates
 * (1 % noise, written as EC-Lab .mpt and imported): wall time, circuit runs, factorisations, linear solves, LM
 * iterations and the recovered R_c, gamma, C_total, R_open, with the engine's sensitivities and with
 * the finite-difference Jacobian (the same `provider` slot: `runFitBenchCase(provider)`), and the
 * CPU of one plain run and of one run with sensitivities;
 * (2) NCM vs TLM selection on NCM_FIT_CASES (default 40) seeded noisy cases each way (N = 6, one CV).
 */
import { loadavg } from 'node:os';
import { parseNetlist } from '../src/netlist/parse.js';
import { fitNetlist, templateBuilder } from '../src/fit/fit.js';
import { runWithFiniteDifferences } from '../src/fit/finiteDifference.js';
import { runWithSensitivities } from '../src/analyses/sensitivity.js';
import { runAnalysis } from '../src/analyses/run.js';
import type { SensitivityProvider } from '../src/fit/sensitivityContract.js';
import { syntheticMeasurement, toBiologicMpt } from '../src/fit/synthetic.js';
import { importInstrumentFile } from '../src/io/instruments/index.js';
import { dataSetFromImport, type DataSet } from '../src/fit/dataSet.js';
import type { NetlistAst } from '../src/netlist/ast.js';
import { Rng } from '../src/numeric/random.js';

const template = (layers: number, qmax: string, rate: string): string => `NCM, ${layers} layers (fit bench)
.param rc=2 gamma=0 ctotal=50n ropen=0.5
.fit rc 0.1..100 log
.fit gamma -0.95..0.95
.fit ctotal 1n..10u log
.fit ropen 0.01..100 log
Vm m 0 DC 0
.ladder E m 0 layers=${layers} model=ncm rc={rc} gamma={gamma} ctotal={ctotal} ropen={ropen} qmax=${qmax}
.cv Vm 0 0.2 rate=${rate} cycles=1
.options reltol=1e-4
.end
`;

function cv(ast: NetlistAst, values: Record<string, number>, rate: number | undefined, seed: number, points: number): DataSet {
  const c = templateBuilder(ast)(values);
  const a = c.analyses.find((x) => x.kind === 'cv')!;
  const text = toBiologicMpt(syntheticMeasurement(c, rate && a.kind === 'cv' ? { ...a, rate } : a, { relative: 0.01, seed, points }));
  return dataSetFromImport(importInstrumentFile(text, `cv-${seed}.mpt`), `cv-${seed}.mpt`);
}

const TRUTH = { rc: 5, gamma: 0.5, ctotal: 80e-9, ropen: 1 };
const pct = (v: number, t: number): string => `${(100 * (v / t - 1)).toFixed(2)} %`;

export async function runFitBenchCase(provider: SensitivityProvider, label: string): Promise<void> {
  const ast = parseNetlist(template(20, 'peak', '20mV/us'), { file: 'ncm20.cir' }).ast;
  const data = [4000, 20000, 100000].map((rate, k) => cv(ast, TRUTH, rate, 100 + k, 1000));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const out = await fitNetlist(ast, data, { provider, starts: 0, lmRuns: 1, compareTlm: false });
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(`  ${label}: wall ${wall.toFixed(1)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ${out.count.runs} circuit runs, ${out.count.factorizations} factorisations, ${out.count.solves} linear solves, ${out.iterations} LM iterations`);
  console.log(`    recovered: ${Object.entries(TRUTH).map(([k, t]) => `${k} ${pct(out.values[k]!, t)} (se ${(100 * out.statistics.estimates.find((e) => e.name === k)!.relStdErr).toFixed(2)} %)`).join(', ')}`);
}

/** CPU of one run of the bench's template at the truth: plain, and with 4-parameter sensitivities (the fit's two kinds of run). */
function runCosts(): void {
  const ast = parseNetlist(template(20, 'peak', '20mV/us'), { file: 'ncm20.cir' }).ast;
  const build = templateBuilder(ast);
  const circuit = build(TRUTH);
  const analysis = circuit.analyses[0]!;
  const cpu = (): number => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e3;
  };
  const reps = 6;
  const plain = (): unknown => runAnalysis(build(TRUTH), analysis, { record: 'minimal' });
  const sens = (): unknown => runWithSensitivities({ build, params: TRUTH, analysis }, { record: 'minimal' });
  plain();
  sens();
  let c0 = cpu();
  for (let k = 0; k < reps; k++) plain();
  const p = (cpu() - c0) / reps;
  c0 = cpu();
  for (let k = 0; k < reps; k++) sens();
  const s = (cpu() - c0) / reps;
  console.log(`  one run at the truth (CPU, mean of ${reps}): plain ${p.toFixed(0)} ms, with 4-parameter sensitivities ${s.toFixed(0)} ms = ${(s / p).toFixed(2)} plain runs (finite differences: 5)`);
}

async function selectionRate(cases: number): Promise<void> {
  const ast = parseNetlist(template(6, '3n', '20mV/us'), { file: 'ncm6.cir' }).ast;
  const rng = new Rng(2026);
  for (const model of ['tlm', 'ncm'] as const) {
    let right = 0;
    const t0 = performance.now();
    for (let k = 0; k < cases; k++) {
      // NCM cases: |gamma| drawn in [0.2, 0.8] with either sign; both: R_c, C_total, R_open spread by 2x.
      const gamma = model === 'tlm' ? 0 : (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.2, 0.8);
      const values = { rc: 5 * 2 ** rng.uniform(-1, 1), gamma, ctotal: 80e-9 * 2 ** rng.uniform(-1, 1), ropen: 2 ** rng.uniform(-1, 1) };
      const out = await fitNetlist(ast, [cv(ast, values, undefined, 5000 + k + (model === 'ncm' ? 1000 : 0), 100)], { starts: 0, lmRuns: 1 });
      if (out.selection?.verdict === model) right++;
    }
    console.log(`  data from the ${model.toUpperCase()}: picked in ${right} of ${cases} cases (${((100 * right) / cases).toFixed(1)} %), ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}

export async function runFitBench(): Promise<void> {
  console.log(`  load average ${loadavg()[0]!.toFixed(1)} (other processes compete for the 2 cores)`);
  await runFitBenchCase(runWithSensitivities, 'engine sensitivities');
  await runFitBenchCase(runWithFiniteDifferences, 'finite differences');
  runCosts();
  const cases = Number(process.env.NCM_FIT_CASES ?? 40);
  if (cases > 0) await selectionRate(cases);
}
