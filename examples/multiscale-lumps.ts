/**
 * The lumping study of docs/multiscale.md: NCM and TLM with n RC lumps per slit against a saved
 * mPNP series of the paper's regime (the last cycle), with C_slit referred as `--offset
 * equilibrium` and `--offset cv`, and where in the cycle the difference lies (the 2 us after each
 * vertex against the rest). Circuit runs only: seconds, once the mPNP series exists.
 *   ncm mpnp examples/mpnp-regime.yaml --out out/mpnp-regime          # ~30 min wall on a loaded machine
 *   npx tsx examples/multiscale-lumps.ts out/mpnp-regime/series.csv 1,2,4,8
 * A third argument, the mPNP's `protocol.smoothing` in seconds (e.g. 5e-7), gives the netlists'
 * `.cv` the same vertex rounding (for a series run with that smoothing).
 */
import { readFileSync } from 'node:fs';
import { readSeriesFile } from '../src/io/seriesReader.js';
import { selectCycle } from '../src/extract/cycle.js';
import { extractParameters } from '../src/extract/extractParameters.js';
import { openSpace } from '../src/extract/openSpace.js';
import { ncmNetlist } from '../src/extract/ncmNetlist.js';
import { cvAgreement, netlistCycles, openSpaceResistance, slitOffset } from '../src/workflow/multiscale.js';
import { parseMpnpConfig } from '../src/mpnp/config.js';
import { runCircuit, type RunResult } from '../src/analyses/run.js';
import { elaborate, parseNetlist } from '../src/netlist/index.js';
import type { SlitSeries } from '../src/series/slitSeries.js';

const [file = 'out/mpnp-regime/series.csv', list = '1,2,4,8', smoothing = '0'] = process.argv.slice(2);
const smooth = Number(smoothing);
const read = parseMpnpConfig(readFileSync('examples/mpnp-regime.yaml', 'utf8'), 'examples/mpnp-regime.yaml');
const cfg = read.protocol.kind === 'cv' ? { ...read, protocol: { ...read.protocol, smoothing: smooth } } : read;
const cycle = selectCycle(readSeriesFile(file), 'last');
const s = cycle.series;
const ex = extractParameters(s);
const { open } = openSpace(s, ex, openSpaceResistance(cfg));
const tlm = { resistance: ex.resistance.constant.r, source: 'best constant resistor' };

function run(text: string): RunResult {
  const { ast } = parseNetlist(text, { file: 'lumps.cir' });
  return runCircuit(elaborate(ast).circuit!, { record: 'all' });
}

/** rms of the difference (relative to the mPNP peak) inside the `window` after each vertex and outside. */
function windows(series: SlitSeries, r: RunResult, window: number): { inside: number; outside: number } {
  const cv = r.results.find((x) => x.analysis.kind === 'cv')!;
  const w = cv.waveforms!;
  const t = w.columns[0]!;
  const i = w.columns[w.labels.indexOf(cv.currentColumn!)]!;
  const im = series.totalCurrent!;
  const t0 = series.time[0]!;
  const half = (series.time[series.time.length - 1]! - t0) / 2;
  let peak = 0;
  const acc = { inside: [0, 0], outside: [0, 0] };
  let j = 0;
  for (let k = 0; k < series.time.length; k++) {
    const tk = series.time[k]!;
    while (j < t.length - 2 && t[j + 1]! < tk) j++;
    const f = (tk - t[j]!) / (t[j + 1]! - t[j]!);
    const b = i[j]! + f * (i[j + 1]! - i[j]!);
    peak = Math.max(peak, Math.abs(im[k]!));
    const dt = 0.5 * (series.time[Math.min(series.time.length - 1, k + 1)]! - series.time[Math.max(0, k - 1)]!);
    const since = (tk - t0) % half;
    const a = since < window && tk - t0 > 1e-12 ? acc.inside : acc.outside;
    a[0]! += dt * (im[k]! - b) ** 2;
    a[1]! += dt;
  }
  return { inside: Math.sqrt(acc.inside[0]! / acc.inside[1]!) / peak, outside: Math.sqrt(acc.outside[0]! / acc.outside[1]!) / peak };
}

const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
console.log(`mPNP cycle ${cycle.cycle} of ${file}: C_slit = ${ex.capacitance.value.toPrecision(4)} F, R_c = ${ex.resistance.pooled.rc.toPrecision(4)} ohm, gamma = ${ex.resistance.pooled.gamma.toPrecision(3)}`);
console.log('| C_slit referred | lumps per slit | NCM rms | NCM max | TLM rms | TLM max | TLM / NCM | NCM rms in the 2 us after vertices / elsewhere |');
console.log('|---|---|---|---|---|---|---|---|');
for (const kind of ['equilibrium', 'cv'] as const) {
  const offset = slitOffset(cfg, ex, kind);
  for (const lumps of list.split(',').map(Number)) {
    const base = { offset, cycles: netlistCycles(cfg, cycle.cycle), lumps, ...(smooth > 0 ? { smooth } : {}) };
    const n = run(ncmNetlist(ex, open, file, base));
    const a = cvAgreement(s, n);
    const b = cvAgreement(s, run(ncmNetlist(ex, open, file, { ...base, tlm })));
    const win = windows(s, n, 2e-6);
    console.log(`| ${kind} | ${lumps} | ${pct(a.rmsRelative)} | ${pct(a.maxRelative)} | ${pct(b.rmsRelative)} | ${pct(b.maxRelative)} | ${(b.rmsRelative / a.rmsRelative).toFixed(2)} | ${pct(win.inside)} / ${pct(win.outside)} |`);
  }
}
