import { afterAll, describe, expect, it } from 'vitest';
import { registerElement, elementDeclarations, unregisterElement } from '../../src/circuit/registry.js';
import { describeElementCounts } from '../../src/netlist/describe.js';
import { runTran } from '../../src/analyses/tran.js';
import { exportNgspice } from '../../src/io/ngspiceExport.js';
import { conductor } from './fixtures/conductor.js';
import { circuit as elaborated, diagnose, netlist } from './helpers.js';

// The one registry line of the toy element.
registerElement(conductor);
// Test files share one module cache (isolate: false): leave the registry as the other files expect it.
afterAll(() => unregisterElement(conductor.kind));

describe('a toy element added as one file plus one registry line', () => {
  it('is read by the parser and elaborated from its declaration', () => {
    const c = elaborated(netlist('C1 a 0 1u ic=2', 'Y1 a 0 {2*0.5m}', '.tran 10u 3m uic'));
    expect(c.elements.find((e) => e.name === 'Y1')).toEqual({
      kind: 'Y', name: 'Y1', key: 'y1', nodes: [1, 0], loc: { file: 't.cir', line: 3, column: 1 }, conductance: 1e-3,
    });
    expect(describeElementCounts(c)).toEqual(['1 capacitor (C)', '1 conductor (Y)']);
    // The exporter has no ngspice line for the new kind: it says so instead of dropping it silently.
    const exported = exportNgspice(c);
    expect(exported.warnings).toEqual(['Y1: the conductor has no ngspice form: left out']);
    expect(exported.text.split('\n')).toContain('c1 a 0 0.000001 ic=2');
  });

  it('gets the generic line checks and range checks, worded with its declaration', () => {
    expect(diagnose(netlist('C1 a 0 1u', 'Y1 a 0'))).toEqual(['3:1 error: conductor Y1: missing conductance: write Y1 <n+> <n-> <conductance>']);
    expect(diagnose(netlist('C1 a 0 1u', 'Y1 a 0 1m 2m'))).toEqual([
      "3:11 error: conductor Y1: unexpected '2m' after the conductance: expected end of line",
    ]);
    expect(diagnose(netlist('C1 a 0 1u', 'Y1 a 0 1m k=2'))).toEqual([
      "3:11 error: conductor Y1: unknown parameter 'k=': expected nothing after the conductance",
    ]);
    expect(diagnose(netlist('C1 a 0 1u', 'Y1 a 0 -1m'))).toEqual(['3:8 error: conductor Y1: the conductance must be positive, found -1 mS']);
    expect(diagnose(netlist('Q1 a 0 1'))[0]).toBe("2:1 error: unknown element 'Q1': element names start with R, RDYN, C, L, V, I, E, G, B, S, CPE, W, WS, WO, Y or X, found 'Q'");
  });

  it('gives a capacitor its DC path in the topology check (its declaration says it conducts)', () => {
    expect(diagnose(netlist('C1 a 0 1u', 'Y1 a 0 1m'))).toEqual([]);
    expect(diagnose(netlist('C1 a 0 1u', 'C2 a 0 1u'))[0]).toMatch(/^2:1 warning: node 'a' has no DC path to ground: only capacitors connect it/);
  });

  it('runs a transient: C discharging through G follows v = 2 exp(-t G / C)', () => {
    const c = elaborated(netlist('C1 a 0 1u ic=2', 'Y1 a 0 1m', '.options reltol=1e-6 abstol=1e-15', '.tran 10u 3m uic'));
    const r = runTran(c, c.analyses[0] as Extract<(typeof c.analyses)[number], { kind: 'tran' }>);
    const w = r.waveforms!;
    const t = w.columns[0]!;
    const v = w.columns[w.labels.indexOf('v(a)')]!;
    let worst = 0;
    // k = 0 is the uic start, recorded before the first step sets the node from the charge.
    for (let k = 1; k < w.length; k++) worst = Math.max(worst, Math.abs(v[k]! - 2 * Math.exp(-t[k]! / 1e-3)));
    // Measured 2.6e-6 V (of 2 V) with these tolerances; bound: twice that.
    expect(worst).toBeLessThan(5e-6);
    expect(elementDeclarations().at(-1)).toBe(conductor);
  });

  it('refuses a second registration of a kind or of a letter', () => {
    expect(() => registerElement(conductor)).toThrow("element kind 'Y' is already registered");
    expect(() => registerElement({ ...conductor, kind: 'Y2' as 'Y', letter: 'C' })).toThrow("element letter 'C' is already taken by the capacitor");
    expect(() => registerElement({ ...conductor, kind: 'Y3' as 'Y', letter: 'XY' })).toThrow("element letter 'XY': X names subcircuit instances");
    expect(() => unregisterElement('R')).toThrow("element kind 'R' is built in");
  });
});
