/**
 * Synthetic measurements written in every layout the importer reads, imported back and fitted:
 * each layout's import gives back the written columns (to the 10 digits written) with the
 * project's signs, and a fit of the imported spectrum recovers the generating TLM. (An imported
 * CV gives the written columns back to 1e-9, so its fit is that of test/fit/recovery.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { dataSetFromImport } from '../../src/fit/dataSet.js';
import { fitNetlist, templateBuilder } from '../../src/fit/fit.js';
import { syntheticMeasurement, type SyntheticColumns } from '../../src/fit/synthetic.js';
import { VENDOR_WRITERS, type VendorLayout } from '../../src/fit/vendorLayouts.js';
import { importInstrumentFile, type ImportedFile } from '../../src/io/instruments/index.js';
import { parseNetlist } from '../../src/netlist/parse.js';

const TLM3 = `TLM, 3 layers: the template of the layout round trips
.param rc=2 ctotal=50n ropen=0.5
.fit rc 0.1..100 log
.fit ctotal 1n..10u log
.fit ropen 0.01..100 log
Vm m 0 DC 0 AC 1
.ladder E m 0 layers=3 model=tlm rc={rc} ctotal={ctotal} ropen={ropen}
.cv Vm 0 0.2 rate=20mV/us cycles=1
.ac dec 5 100k 100meg
.options reltol=1e-4
.end
`;
const TRUTH = { rc: 5, ctotal: 80e-9, ropen: 1 };
const ast = parseNetlist(TLM3, { file: 'tlm3.cir' }).ast;
const circuit = templateBuilder(ast)(TRUTH);
// 101 points: the vertex (t = 10 us) falls on a sample, as CHI's fixed potential interval needs.
const CV = syntheticMeasurement(circuit, circuit.analyses.find((a) => a.kind === 'cv')!, { relative: 0.01, seed: 3, points: 101 });
const EIS = syntheticMeasurement(circuit, circuit.analyses.find((a) => a.kind === 'ac')!, { relative: 0.01, seed: 4 });

/** Largest relative difference between the imported and the written columns. */
function worstDifference(imp: ImportedFile, s: SyntheticColumns): number {
  const pairs: Array<[Float64Array, Float64Array]> = [];
  // Instruments sweep from high to low frequency or back: compare in ascending frequency.
  const up = (f: Float64Array, x: Float64Array): Float64Array => (f[0]! > f[f.length - 1]! ? x.slice().reverse() : x);
  const c = imp.columns;
  if (s.kind === 'eis' && c.kind === 'eis') pairs.push([up(c.frequency, c.frequency), s.frequency], [up(c.frequency, c.re), s.re], [up(c.frequency, c.im), s.im]);
  else if (s.kind === 'time' && c.kind === 'time') pairs.push([c.time, s.time], [c.v, s.v], [c.i, s.i]);
  else return Infinity;
  let worst = 0;
  for (const [a, b] of pairs) {
    if (a.length !== b.length) return Infinity;
    let scale = 0;
    for (const x of b) scale = Math.max(scale, Math.abs(x));
    for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!) / scale);
  }
  return worst;
}

const FORMAT: Record<VendorLayout, string> = { biologic: 'biologic', gamry: 'gamry', chi: 'chi', autolab: 'autolab', par: 'par', parstat: 'csv', powersuite: 'csv', zplot: 'zplot', csv: 'csv' };

describe('synthetic measurements in every vendor layout: write -> import -> fit', () => {
  for (const [layout, w] of Object.entries(VENDOR_WRITERS) as Array<[VendorLayout, (typeof VENDOR_WRITERS)[VendorLayout]]>) {
    it(`${layout}: the columns come back; the spectrum's fit recovers R_c, C_total, R_open within 2 %`, async () => {
      const eis = importInstrumentFile(w.write(EIS), w.file);
      expect([eis.technique, eis.metadata.format]).toEqual(['eis', FORMAT[layout]]);
      // Written with 10 significant digits: 5e-10 relative, and the frequencies in any order.
      expect(worstDifference(eis, EIS)).toBeLessThan(1e-9);
      if (w.timeSeries) {
        const cv = importInstrumentFile(w.write(CV), w.file);
        expect([cv.technique, cv.metadata.format]).toEqual(['cv', FORMAT[layout]]);
        expect(worstDifference(cv, CV)).toBeLessThan(1e-9);
        if (cv.columns.kind === 'time') expect(Array.from(cv.columns.cycle ?? [1]).every((c) => c === 1)).toBe(true);
      }
      const out = await fitNetlist(ast, [dataSetFromImport(eis, w.file)], { starts: 0, lmRuns: 1, compareTlm: false });
      // Measured (seed 4, any layout: the imported spectra are the same): rc +0.60 %, ctotal +0.26 %, ropen +0.26 %.
      for (const k of ['rc', 'ctotal', 'ropen'] as const) expect(Math.abs(out.values[k]! / TRUTH[k] - 1), k).toBeLessThan(0.02);
    });
  }

  it('the CH Instruments writer refuses a CV whose vertex falls between samples (its reader could not rebuild the time)', () => {
    const even = syntheticMeasurement(circuit, circuit.analyses.find((a) => a.kind === 'cv')!, { relative: 0, seed: 1, points: 100 });
    expect(() => VENDOR_WRITERS.chi.write(even)).toThrow(/the potential must move by scan rate x time between samples/);
  });
});
