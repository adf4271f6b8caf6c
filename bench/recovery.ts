/**
 * Recovery bench (issue 11's "Done when"): synthetic measurements of an NCM at known R_c, gamma,
 * C_total, R_open (1 % seeded noise, written in vendor layouts and imported back) fitted from the
 * default starts of `ncm fit` (the data-driven start plus the seeded Latin-hypercube screen), for
 * N = 6 and 20 layers and three data combinations: one CV, 3 CVs at 3 scan rates, one CV + EIS.
 * Prints per case true vs fitted, relative error, standard error, identifiability warnings,
 * circuit runs, LM iterations, wall and CPU time.
 *
 * NCM_RECOVERY=6-cv,20-3cv selects cases.
 */
import { loadavg } from 'node:os';
import { parseNetlist } from '../src/netlist/parse.js';
import { fitNetlist, templateBuilder } from '../src/fit/fit.js';
import { syntheticMeasurement } from '../src/fit/synthetic.js';
import { VENDOR_WRITERS, type VendorLayout } from '../src/fit/vendorLayouts.js';
import { importInstrumentFile } from '../src/io/instruments/index.js';
import { dataSetFromImport, type DataSet } from '../src/fit/dataSet.js';
import type { Analysis } from '../src/circuit/circuit.js';
import type { NetlistAst } from '../src/netlist/ast.js';

/**
 * The N-layer NCM fit template (also the fit tests'). Its .param values differ from the truth: the fit
 * starts from the data, not from them. qmax scales with the slit capacitance, so q/qmax (how far
 * RDYN moves) is the same for every N.
 */
export const recoveryTemplate = (layers: number): string => `NCM, ${layers} layers (recovery)
.param rc=2 gamma=0 ctotal=50n ropen=0.5
.fit rc 0.1..100 log
.fit gamma -0.95..0.95
.fit ctotal 1n..10u log
.fit ropen 0.01..100 log
Vm m 0 DC 0 AC 1
.ladder E m 0 layers=${layers} model=ncm rc={rc} gamma={gamma} ctotal={ctotal} ropen={ropen} qmax=${(18 / layers).toFixed(4)}n
.cv Vm 0 0.2 rate=20mV/us cycles=1
.ac dec 5 10k 100meg
.options reltol=1e-4
.end
`;

export const RECOVERY_TRUTH = { rc: 5, gamma: 0.5, ctotal: 80e-9, ropen: 1 } as const;

/** One synthetic measurement of the template's analysis at the truth, through a vendor layout. */
export function recoveryData(ast: NetlistAst, analysis: (a: Analysis[]) => Analysis, layout: VendorLayout, seed: number, points: number): DataSet {
  const c = templateBuilder(ast)({ ...RECOVERY_TRUTH });
  const w = VENDOR_WRITERS[layout];
  const text = w.write(syntheticMeasurement(c, analysis(c.analyses), { relative: 0.01, seed, points }));
  return dataSetFromImport(importInstrumentFile(text, w.file), `${seed}-${w.file}`);
}

const cvAt = (rate: number) => (as: Analysis[]): Analysis => {
  const a = as.find((x) => x.kind === 'cv')!;
  return a.kind === 'cv' ? { ...a, rate } : a;
};
const ac = (as: Analysis[]): Analysis => as.find((x) => x.kind === 'ac')!;

export type Combination = 'cv' | '3cv' | 'cv+eis' | 'cv20';
/** The matrix of the "Done when", then the single CV at the paper's rate (what it can and cannot tell). */
export const COMBINATIONS: readonly Combination[] = ['cv', '3cv', 'cv+eis', 'cv20'];

/**
 * The data of one combination. One CV: 100 mV/us (a 2 us sweep, within a factor 3 of tau =
 * (R_open + N R_c / 3) C_total for both N, where R_open still shapes the current), 4000 points;
 * 3 CVs at 20, 100 and 200 mV/us, 1000 points each; a CV at 20 mV/us (the paper's rate) of 1000
 * points and a 10 kHz-100 MHz spectrum of 21 frequencies; `cv20`: that CV alone.
 */
export function combinationData(ast: NetlistAst, combo: Combination): DataSet[] {
  if (combo === 'cv') return [recoveryData(ast, cvAt(100000), 'biologic', 11, 4000)];
  if (combo === 'cv20') return [recoveryData(ast, cvAt(20000), 'chi', 12, 1001)];
  if (combo === '3cv') return [recoveryData(ast, cvAt(20000), 'gamry', 21, 1000), recoveryData(ast, cvAt(100000), 'biologic', 22, 1000), recoveryData(ast, cvAt(200000), 'autolab', 23, 1000)];
  return [recoveryData(ast, cvAt(20000), 'par', 31, 1000), recoveryData(ast, ac, 'zplot', 32, 0)];
}

export async function runRecoveryBench(): Promise<void> {
  const only = process.env.NCM_RECOVERY?.split(',').map((s) => s.trim());
  console.log(`  load average ${loadavg()[0]!.toFixed(1)} (2 cores shared: read the CPU column); truth R_c 5 ohm, gamma 0.5, C_total 80 nF, R_open 1 ohm; 1 % noise; CVs 0 -> 0.2 V -> 0`);
  console.log('  case        param   true       fitted       rel. error  std. error  | runs  iter  wall   cpu   warnings');
  for (const layers of [6, 20]) {
    const ast = parseNetlist(recoveryTemplate(layers), { file: `ncm${layers}.cir` }).ast;
    for (const combo of COMBINATIONS) {
      const id = `${layers}-${combo}`;
      if (only && !only.includes(id)) continue;
      const data = combinationData(ast, combo);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const out = await fitNetlist(ast, data, { compareTlm: false });
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(cpu0);
      const cpu = (c.user + c.system) / 1e6;
      Object.entries(RECOVERY_TRUTH).forEach(([k, t], j) => {
        const est = out.statistics.estimates.find((e) => e.name === k)!;
        const rel = 100 * (est.value / t - 1);
        const tail = j === 0 ? `| ${String(out.count.runs).padStart(4)}  ${String(out.iterations).padStart(4)}  ${wall.toFixed(1).padStart(5)}  ${cpu.toFixed(1).padStart(5)}  ${out.warnings.map((w) => w.parameter).join(',') || '-'}` : '|';
        console.log(`  ${(j === 0 ? id : '').padEnd(10)}  ${k.padEnd(6)}  ${t.toPrecision(4).padEnd(9)}  ${est.value.toPrecision(6).padEnd(11)}  ${`${rel >= 0 ? '+' : ''}${rel.toFixed(2)} %`.padStart(9)}  ${`${(100 * est.relStdErr).toFixed(2)} %`.padStart(9)}   ${Math.abs(rel) <= 2 ? '' : 'MISSED '}${tail}`);
      });
    }
  }
}
