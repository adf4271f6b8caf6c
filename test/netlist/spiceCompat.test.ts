/**
 * ngspice habits the language accepts: B sources without braces, `.lib <file> <section>` with
 * `.lib <section>` ... `.endl` blocks, `.global` nodes, and mistakes inside a `.subckt` that no
 * instance uses (reported as warnings). Expected values are the analytic ones; ngspice 42 gives
 * the same (v(b) = -2 V, v(c) = 0 V for the B deck; v(b) = 1 V, i(V1) = 2 mA for the .lib deck).
 */
import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { resultOfKind } from '../../src/analyses/result.js';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';
import { circuit, diagnose, memoryReader, netlist } from './helpers.js';

const op = (text: string, files: Record<string, string> = {}): Record<string, number> => resultOfKind(runCircuit(circuit(text, files)).results[0]!, 'op').summary.values;

describe('ngspice B syntax without braces', () => {
  it('reads I=/V= expressions to the end of the line (spaces around =, continuation lines, comments)', () => {
    const v = op(netlist('V1 a 0 1', 'R1 a 0 1k', 'B1 b 0 I=V(a)*2m', 'R2 b 0 1k', 'B2 c 0 V = V(a) * (3 + V(b)) - 1 ; comment', 'R3 c 0 1k', 'B3 d 0 i=V(a)', '+ * 4m', 'R4 d 0 1k', '.op'));
    expect(v['v(b)']).toBeCloseTo(-2, 12);
    expect(v['v(c)']).toBeCloseTo(0, 12);
    expect(v['v(d)']).toBeCloseTo(-4, 12);
  });
  it('gives the same circuit as the braced form', () => {
    const bare = circuit(netlist('V1 a 0 1', 'R1 a 0 1k', 'B1 b 0 I=V(a)^2*1m + tanh(V(a))*1m', 'R2 b 0 1k', '.op'));
    const braced = circuit(netlist('V1 a 0 1', 'R1 a 0 1k', 'B1 b 0 I={V(a)^2*1m + tanh(V(a))*1m}', 'R2 b 0 1k', '.op'));
    expect(bare.elements.map((e) => ({ ...e, loc: undefined }))).toEqual(braced.elements.map((e) => ({ ...e, loc: undefined })));
    expect(op(netlist('V1 a 0 1', 'R1 a 0 1k', 'B1 b 0 I=V(a)^2*1m + tanh(V(a))*1m', 'R2 b 0 1k', '.op'))['v(b)']).toBeCloseTo(-(1 + Math.tanh(1)), 12);
  });
  it('an unfinished expression is a positioned error', () => {
    expect(diagnose(netlist('V1 a 0 1', 'R1 a 0 1k', 'B1 b 0 I=V(a)*', 'R2 b 0 1k', '.op'))).toEqual([
      '4:15 error: expected a number, a parameter name, a function call or an expression in parentheses, found end of line',
    ]);
  });
  it('I= on a line of another element is not an expression', () => {
    expect(diagnose(netlist('V1 a 0 1', 'R1 a 0 I=2', '.op'))[0]).toMatch(/^3:/);
  });
});

describe('.lib sections', () => {
  const lib = ['* models', '.lib typ', 'R1 a 0 1k', '.endl typ', '.lib fast', 'R1 a 0 500', '.endl', ''].join('\n');
  it('.lib "<file>" <section> takes the statements of that section only', () => {
    const fast = op(netlist('V1 a 0 1', '.lib "models.lib" fast', '.op'), { 'models.lib': lib });
    expect(fast['i(v1)']).toBeCloseTo(2e-3, 15);
    const typ = op(netlist('V1 a 0 1', '.lib models.lib TYP', '.op'), { 'models.lib': lib });
    expect(typ['i(v1)']).toBeCloseTo(1e-3, 15);
  });
  it('a missing section, an unclosed section and a stray .endl are positioned errors', () => {
    expect(diagnose(netlist('V1 a 0 1', 'R1 a 0 1', '.lib "models.lib" slow', '.op'), { 'models.lib': lib })).toEqual([
      "4:1 error: .lib: no section 'slow' in models.lib: expected one of typ, fast",
    ]);
    expect(diagnose(netlist('V1 a 0 1', 'R1 a 0 1', '.lib typ', 'R2 a 0 1', '.op'))).toEqual(['4:1 error: .lib typ is never closed: expected .endl before the end of the file']);
    expect(diagnose(netlist('V1 a 0 1', 'R1 a 0 1', '.endl', '.op'))).toEqual(['4:1 error: .endl without a matching .lib <section>']);
  });
  it('a section in the netlist itself contributes nothing unless a .lib names it', () => {
    expect(op(netlist('V1 a 0 1', 'R1 a 0 1k', '.lib unused', 'R2 a 0 1', '.endl', '.op'))['i(v1)']).toBeCloseTo(1e-3, 15);
  });
});

describe('.global', () => {
  it('a global node inside a subcircuit is the top-level node', () => {
    const v = op(netlist('.global vdd', 'Vdd vdd 0 2', 'X1 b half', '.subckt half n', 'R1 n vdd 1k', 'R2 n 0 1k', '.ends', '.op'));
    expect(v['v(b)']).toBeCloseTo(1, 12);
    expect(v['i(vdd)']).toBeCloseTo(1e-3, 15);
  });
});

describe('a .subckt that is never instantiated', () => {
  it('its mistakes are reported as warnings with their positions; the circuit still runs', () => {
    const text = netlist('V1 a 0 1', 'R1 a 0 1k', '.subckt broken p', 'R1 p 0 {nope}', 'RDYN1 p 0 RC=5 GAMMA=0.5 Q=Cmissing', '.ends', '.op');
    expect(diagnose(text)).toEqual([
      "5:9 warning: unknown parameter 'nope': expected a parameter defined with .param, a subcircuit parameter or a number (in .subckt broken, which is never instantiated)",
      '6:28 warning: dynamic resistor RDYN1: Q=Cmissing names no element in its scope: expected the name of a capacitor, e.g. Q=Cslit1 (in .subckt broken, which is never instantiated)',
    ]);
    const p = parseNetlist(text, { file: 't.cir' });
    expect(elaborate(p.ast, { readFile: memoryReader({}) }).circuit).toBeDefined();
  });
});
