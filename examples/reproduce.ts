/**
 * Regenerates the validation figures of the paper's macroscale claims (docs/validation.md) into
 * docs/img/validation/, with the numbers in numbers.json. Run: npm run reproduce (about a minute).
 */
import type * as vl from 'vega-lite';
import type { ModelRun } from '../src/electrode/compare.js';
import { cvSpec, heatmapSpec, resistanceSpec, slitChargeSpec } from '../src/electrode/compareReport.js';
import * as paper from '../src/electrode/paperFigures.js';
import { writeFilesAtomic } from '../src/io/atomicWrite.js';
import { renderSvg } from '../src/io/plots.js';

const files = new Map<string, string>();
const numbers: Record<string, unknown> = {};
const svg = async (name: string, spec: vl.TopLevelSpec) => files.set(name, await renderSvg(spec));
const r4 = (v: number) => Number(v.toPrecision(4));
const log = (s: string) => process.stdout.write(s + '\n');

/** CVs with the current divided by the scan rate (F), so different rates share one scale. */
function normalisedCv(runs: ModelRun[], title: string): vl.TopLevelSpec {
  const spec = cvSpec(runs, title) as { data: { values: Array<Record<string, number | string>> } } & vl.TopLevelSpec;
  for (const row of spec.data.values) {
    const run = runs.find((r) => r.label === row['model'])!;
    row['I'] = ((row['I'] as number) * 1e-3 / (run.result.analysis as { rate: number }).rate) * 1e9;
  }
  (spec as unknown as { encoding: { y: { title: string } } }).encoding.y.title = 'I / scan rate (nF, + = charging)';
  return spec;
}

const LAYERS = 20;
log('1: TLM symmetry for R_c = 5, 2, 1, 0.5 ohm');
const f1 = paper.tlmSymmetry(LAYERS, [5, 2, 1, 0.5], true);
numbers['1_tlm_asymmetry'] = Object.fromEntries(f1.asymmetry.map((a, i) => [f1.cmp.runs[i]!.label, a]));
numbers['1_ncm_reference_asymmetry'] = f1.reference;
// As the paper's Ext. Data Fig. 13a: the TLMs with the NCM (gamma = 0.9, R_c = 5 ohm) as the reference curve.
await svg('fig1-tlm-symmetry.svg', cvSpec(f1.cmp.runs, `TLM, ${LAYERS} layers, 20 mV/us: symmetric for every R_c (NCM reference asymmetric)`));

log('2: gamma sweep');
const f2 = paper.gammaSweep(LAYERS);
numbers['2_area_vs_gamma_W'] = Object.fromEntries(f2.gammas.map((g, i) => [`gamma = ${g}`, f2.area[i]]));
numbers['2_discharge_flatness_vs_gamma'] = Object.fromEntries(f2.gammas.map((g, i) => [`gamma = ${g}`, f2.flatness[i]]));
await svg('fig2-gamma-sweep.svg', cvSpec(f2.cmp.runs, `NCM, ${LAYERS} layers, R_c = 5 ohm: gamma from -0.9 to 0.9`));

log('3: vertex peak vs R_c at gamma = 0.9');
const f3 = paper.vertexPeak(LAYERS);
numbers['3_peak_to_plateau_vs_rc'] = Object.fromEntries(f3.rcs.map((rc, i) => [`R_c = ${rc} ohm`, f3.ratio[i]]));
numbers['3_tlm_peak_to_plateau_vs_rc'] = Object.fromEntries(f3.rcs.map((rc, i) => [`R_c = ${rc} ohm`, f3.tlmRatio[i]]));
await svg('fig3-vertex-peak.svg', cvSpec(f3.cmp.runs, `NCM, ${LAYERS} layers, gamma = 0.9: peak near the upper vertex vs R_c`));

log('4: asymmetry vs layers and scan rate (bundled netlists)');
const f4 = paper.asymmetryTrends();
numbers['4_asymmetry_vs_layers_20mVus'] = Object.fromEntries(f4.byLayers.runs.map((r, i) => [r.label, f4.asymmetryByLayers[i]]));
numbers['4_asymmetry_vs_rate'] = f4.byRate.map((c, i) => Object.fromEntries(c.runs.map((r, j) => [r.label, f4.asymmetryByRate[i]![j]])));
await svg('fig4-asymmetry-layers.svg', normalisedCv(f4.byLayers.runs, 'NCM, gamma = 0.9, 20 mV/us: 6, 10, 20, 50 layers'));
await svg('fig4-asymmetry-rate.svg', normalisedCv(f4.byRate[2]!.runs, 'NCM, gamma = 0.9, 20 layers: 4 vs 20 mV/us'));
// The TLM beside the NCM, as the paper's Ext. Data Fig. 12 draws them.
const f4t = paper.asymmetryTrends([6, 10, 20, 50], [4, 20], 0);
numbers['4_tlm_asymmetry_vs_layers_20mVus'] = Object.fromEntries(f4t.byLayers.runs.map((r, i) => [r.label, f4t.asymmetryByLayers[i]]));
await svg('fig4-asymmetry-layers-tlm.svg', normalisedCv(f4t.byLayers.runs, 'TLM (gamma = 0), 20 mV/us: 6, 10, 20, 50 layers'));

log('5: deep-slit charge, NCM vs TLM');
const f5 = paper.deepSlitGain();
numbers['5_slit19_peak_ratio_ncm_over_tlm'] = f5.ratio;
numbers['5_slit19_final_ratio_ncm_over_tlm'] = f5.finalRatio;
numbers['5_slit19_second_vertex_ratio_ncm_over_tlm'] = f5.vertexRatio;
numbers['5_slit19_second_vertex_ratio_qmax_c_x_0.2V'] = f5.vertexRatioFixedQmax;
numbers['5_slit19_second_vertex_charge_C'] = { ncm: f5.vertexCharges[0], tlm: f5.vertexCharges[1] };
await svg('fig5-slit-charge.svg', slitChargeSpec(f5.cmp));
// TLM beside NCM on one colour scale, as the paper's Ext. Data Fig. 14.
const qTop = Math.max(...f5.cmp.runs.flatMap((r) => r.slits.map((s) => s.charge.reduce((m, v) => Math.max(m, v), 0)))) * 1e9;
await svg('fig5-heatmap-ncm.svg', heatmapSpec(f5.cmp.runs[0]!, [0, qTop]));
await svg('fig5-heatmap-tlm.svg', heatmapSpec(f5.cmp.runs[1]!, [0, qTop]));
await svg('readme-ncm-vs-tlm.svg', cvSpec(f5.cmp.runs, '20 layers, 20 mV/us: NCM (gamma = 0.9) vs TLM'));

log('6: R_c + R_d of slits 1 and 10 over the cycle');
const f6 = paper.dynamicResistance(LAYERS, 0.9, 1);
const f6b = paper.dynamicResistance(LAYERS, 0.9, 10);
numbers['6_resistance_over_rc'] = {
  slit1: { afterCharge: f6.afterCharge, afterDischarge: f6.afterDischarge, minimum: f6.minimum, minimumAtUs: f6.minimumAtUs, secondCycleMaximum: f6.secondCycleMaximum },
  slit10: { afterCharge: f6b.afterCharge, afterDischarge: f6b.afterDischarge, minimum: f6b.minimum, minimumAtUs: f6b.minimumAtUs, secondCycleMaximum: f6b.secondCycleMaximum },
};
for (const s of f6.cmp.runs[0]!.slits) if (s.index !== 1 && s.index !== 10) s.resistance = undefined;
await svg('fig6-resistance.svg', resistanceSpec(f6.cmp)!);

files.set('numbers.json', JSON.stringify(numbers, (_k, v) => (typeof v === 'number' ? r4(v) : v), 2) + '\n');
writeFilesAtomic('docs/img/validation', files);
log(`wrote ${files.size} files to docs/img/validation/`);
log(files.get('numbers.json')!);
