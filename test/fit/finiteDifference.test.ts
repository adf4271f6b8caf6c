import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyses/run.js';
import { runWithFiniteDifferences } from '../../src/fit/finiteDifference.js';
import { circuitOfParams } from '../../src/netlist/circuitOfParams.js';

const NETLIST = ['* RC charged by a CV', '.param r=10 c=1u', 'V1 in 0 DC 0', 'R1 in a {r}', 'C1 a 0 {c}', '.cv V1 0 1 rate=100kV/s cycles=1', '.end'].join('\n');

describe('finite-difference provider', () => {
  it('takes a base run the caller already made: the same derivatives, one run fewer', () => {
    const build = circuitOfParams(NETLIST, 'rc.cir');
    const params = { r: 10, c: 1e-6 };
    const analysis = build(params).analyses[0]!;
    const fresh = runWithFiniteDifferences({ build, params, analysis });
    const base = runAnalysis(build(params), analysis);
    const reused = runWithFiniteDifferences({ build, params, analysis, baseResult: base });
    expect(fresh.stats.runs).toBe(3);
    expect(reused.stats.runs).toBe(2);
    expect(reused.result).toBe(base);
    for (const label of Object.keys(fresh.derivatives)) {
      fresh.derivatives[label]!.forEach((d, k) => expect(Array.from(reused.derivatives[label]![k]!)).toEqual(Array.from(d)));
    }
    // Under a ramp the RC's current tends to C * rate, so |dI/dC| reaches a good part of the rate (1e5 A/F): the comparison is not of zeros.
    expect(Math.max(...Array.from(fresh.derivatives[fresh.result.currentColumn!]![1]!).map(Math.abs))).toBeGreaterThan(3e4);
  });
});
