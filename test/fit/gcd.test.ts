import { describe, expect, it } from 'vitest';
import { parseNetlist } from '../../src/netlist/parse.js';
import { templateBuilder } from '../../src/fit/fit.js';
import { matchData } from '../../src/fit/match.js';
import { syntheticMeasurement, toBiologicMpt } from '../../src/fit/synthetic.js';
import { importInstrumentFile } from '../../src/io/instruments/index.js';
import { dataSetFromImport } from '../../src/fit/dataSet.js';
import { runAnalysis } from '../../src/analyses/run.js';
import { estimateFromData } from '../../src/fit/starts.js';

const GCD = `TLM, 4 layers, GCD
.param rc=5 ctotal=80n ropen=1
Vm m 0 DC 0
.ladder E m 0 layers=4 model=tlm rc={rc} ctotal={ctotal} ropen={ropen}
.protocol Vm
+ charge 2mA until 0.2V
+ discharge 2mA until 0V
+ repeat 2
.options reltol=1e-5
.end
`;

describe('a GCD data set', () => {
  it('is matched to a .protocol at its current between its limits, and the model at the truth reproduces it', () => {
    const ast = parseNetlist(GCD, { file: 'gcd.cir' }).ast;
    const c = templateBuilder(ast)({});
    const s = syntheticMeasurement(c, c.analyses[0]!, { relative: 0, seed: 1, points: 300 });
    const d = dataSetFromImport(importInstrumentFile(toBiologicMpt(s), 'gcd.mpt'), 'gcd.mpt');
    expect(d.technique).toBe('gcd');
    const m = matchData(c, d);
    expect(m.analysis).toMatchObject({ kind: 'protocol', source: 'vm', cycles: 2 });
    const steps = m.analysis.kind === 'protocol' ? m.analysis.steps : [];
    expect(steps.map((st) => st.kind === 'current' && [st.current, st.until])).toEqual([[2e-3, expect.closeTo(0.2, 3)], [-2e-3, expect.closeTo(0, 6)]]);
    const y = m.predict(runAnalysis(c, m.analysis, { record: 'minimal' }));
    let ss = 0;
    for (let k = 0; k < y.length; k++) ss += (y[k]! - m.observed[k]!) ** 2;
    const rms = Math.sqrt(ss / y.length);
    // Noise-free data from the same circuit: what remains comes from the upper limit read off the samples
    // (0.19979 V for 0.2 V) shifting the reversals in time. Measured rms 0.81 mV of a 0.2 V window.
    expect(rms).toBeLessThan(1.5e-3);
    // C from I / (dV/dt) on the first charge: C_total + C_open = 80 nF + 10 nF (the TLM's open space, half a slit).
    expect(estimateFromData([m]).capacitance! / 90e-9).toBeCloseTo(1, 1);
  });
});
