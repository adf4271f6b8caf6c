import { describe, expect, it } from 'vitest';
import { circuit, diagnose, netlist } from './helpers.js';

const BASE = ['Vs a 0 1', 'R1 a 0 1'];
const RATES = 'accepted: V/s, mV/s, V/ms, mV/ms, V/us, mV/us; us may be written µs';
const CV_FORM = '.cv <source> <v_start> <v_vertex> [<v_end>] rate=<value with unit> cycles=<n> [steady=<tol>] [smooth=<s>]';
const loc = (line: number) => ({ file: 't.cir', line, column: 1 });

describe('analyses', () => {
  it('.op and .tran with optional tstart, tmax and uic', () => {
    const c = circuit(netlist('.op', '.tran 1n 1u', '.tran 1n 1u 0.5u 10n uic', ...BASE));
    expect(c.analyses).toEqual([
      { kind: 'op', loc: loc(2) },
      { kind: 'tran', tstep: 1e-9, tstop: 1e-6, tstart: 0, uic: false, loc: loc(3) },
      { kind: 'tran', tstep: 1e-9, tstop: 1e-6, tstart: 5e-7, tmax: 1e-8, uic: true, loc: loc(4) },
    ]);
  });

  it('.cv: source, v_start, v_vertex, optional v_end; rate with its unit; cycles default 1; steady', () => {
    const c = circuit(netlist('.cv Vs 0 0.2 rate=20mV/us cycles=2', '.cv vs 0.2 0 -0.2 rate=100mV/s steady=1e-3', ...BASE));
    expect(c.analyses).toEqual([
      { kind: 'cv', source: 'vs', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 20_000, cycles: 2, loc: loc(2) },
      { kind: 'cv', source: 'vs', vStart: 0.2, vVertex: 0, vEnd: -0.2, rate: 0.1, cycles: 1, steadyTol: 1e-3, loc: loc(3) },
    ]);
  });

  it('.cv smooth=: the half-width of the vertex rounding in seconds (0: a sharp triangle, left out)', () => {
    const c = circuit(netlist('.cv Vs 0 0.2 rate=20mV/us cycles=2 smooth=0.5u', '.cv Vs 0 0.2 rate=20mV/us smooth=0', ...BASE));
    expect(c.analyses).toEqual([
      { kind: 'cv', source: 'vs', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 20_000, cycles: 2, smooth: 5e-7, loc: loc(2) },
      { kind: 'cv', source: 'vs', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 20_000, cycles: 1, loc: loc(3) },
    ]);
  });

  it('.chrono: hold, step at t_step, record until t_stop', () => {
    expect(circuit(netlist('.chrono Vs 0 0.2 1u 10u', ...BASE)).analyses).toEqual([
      { kind: 'chrono', source: 'vs', vInitial: 0, vStep: 0.2, tStep: 1e-6, tStop: 1e-5, loc: loc(2) },
    ]);
  });

  it.each([
    ['.op extra', ".op: unexpected 'extra': .op takes no arguments", 5],
    ['.tran 1n', '.tran: expected 2 to 4 values, found 1 value: write .tran <tstep> <tstop> [<tstart> [<tmax>]] [uic]', 1],
    ['.tran 1n 1u 0 1n 2', '.tran: expected 2 to 4 values, found 5 values: write .tran <tstep> <tstop> [<tstart> [<tmax>]] [uic]', 18],
    ['.tran 0 1u', '.tran: tstep must be positive, found 0 s', 7],
    ['.tran 1n 1u 2u', '.tran: tstart must lie in [0, tstop), found 2 us with tstop = 1 us', 13],
    ['.tran 1n 1u 0 0', '.tran: tmax must be positive, found 0 s', 15],
    ['.cv Vs 0 1 rate=20', `.cv: the scan rate '20' has no unit: write it with one, e.g. rate=20mV/us (${RATES})`, 17],
    ['.cv Vs 0 1 rate=20mV', `.cv: malformed scan rate '20mV': expected a number with a unit of voltage per time, e.g. rate=20mV/us (${RATES})`, 17],
    ['.cv Vs 0 1 rate="fast"', `.cv: the scan rate must be a number with its unit, e.g. rate=20mV/us (${RATES}), or {expression} in V/s; found "fast"`, 17],
    ['.cv Vs 0 1 rate={-2*1k}', '.cv: the scan rate must be positive, found -2 kV/s', 17],
    ['.cv Vs 0 1', `.cv: missing rate=<value with unit>, e.g. rate=20mV/us: write ${CV_FORM}`, 1],
    ['.cv Vs 0 rate=1V/s', `.cv: expected a source and 2 or 3 voltages, found 2 items: write ${CV_FORM}`, 1],
    ['.cv Vs 0 1 rate=1V/s speed=3', ".cv: unknown parameter 'speed=': expected rate=, cycles=, steady= or smooth=", 22],
    ['.cv Vs 0 1 rate=1V/s smooth={-1u}', '.cv: smooth= is the half-width of the vertex rounding in seconds: expected 0 or more, found -1 us', 30],
    ['.cv Vs 0 0 rate=1V/s', '.cv: v_vertex equals v_start (0 V): expected a different vertex potential to sweep to', 10],
    ['.cv Vs 0 1 rate=1V/s cycles=1.5', '.cv: cycles must be a whole number of 1 or more, found 1.5', 29],
    ['.cv Vx 0 1 rate=1V/s', ".cv: source 'Vx' is not an element of the circuit: expected the name of a voltage source, e.g. Vm", 5],
    ['.cv R1 0 1 rate=1V/s', ".cv: 'R1' is the resistor: expected a voltage source (a name starting with V)", 5],
    ['.chrono Vs 0 0.2 1u', '.chrono: expected a source and 4 values, found 4 items: write .chrono <source> <v_initial> <v_step> <t_step> <t_stop>', 1],
    ['.chrono Vs 0 1 -1u 1u', '.chrono: t_step must not be negative, found -1 us', 16],
    ['.chrono Vs 0 1 2u 1u', '.chrono: t_stop must be later than t_step (2 us), found 1 us', 19],
    ['.chrono R1 0 1 0 1u', ".chrono: 'R1' is the resistor: expected a voltage source (a name starting with V)", 9],
    ['.step x 1 2 1', ".step: expected 'param' (only parameter sweeps are supported), found 'x': write .step param <name> <start> <stop> <step>  or  .step param <name> list <v1> <v2> ...; for a potential step (chronoamperometry) use .chrono", 7],
    ['.step param x 1 2', '.step param x: expected <start> <stop> <step> or list <values...>, found 2 items: write .step param <name> <start> <stop> <step>  or  .step param <name> list <v1> <v2> ...', 13],
    ['.ac dec 10 1 1k', ".ac: no source has an AC value: add one to the source that drives the cell, e.g. 'Vm a 0 DC 0 AC 1'", 1],
    ['.foo 1', "unknown directive '.foo': expected one of .param, .subckt, .ends, .include, .lib, .endl, .global, .op, .tran, .cv, .chrono, .ac, .step, .sens, .fit, .protocol, .model, .options, .save, .print, .plot, .meas, .ic, .ladder, .end", 1],
  ])('%s -> %s', (line, message, column) => {
    expect(diagnose(netlist(line, ...BASE))).toEqual([`2:${column} error: ${message}`]);
  });

  it('analyses belong to the top level', () => {
    expect(diagnose(netlist('.subckt s p', '.tran 1n 1u', 'R1 p 0 1', '.ends', 'X1 a s', ...BASE))).toEqual([
      '3:1 error: .tran is not allowed inside .subckt s: analyses and output requests belong to the top level',
    ]);
  });
});

describe('.options, .save/.print, .ic', () => {
  it('.options/.option/.opt: numbers in SI, strings lower-cased, flags = 1, expressions evaluated', () => {
    const c = circuit(netlist('.param k=2', '.options method=GEAR reltol=1e-4 tmax={k*1n} qmaxiter', '.option abstol=1p', '.opt qmaxtol=0.01', ...BASE));
    expect(c.options).toEqual({ method: 'gear', reltol: 1e-4, tmax: 2e-9, qmaxiter: 1, abstol: 1e-12, qmaxtol: 0.01 });
  });

  it('.options: an unknown key or a bad value is an error at its position, listing what is accepted', () => {
    const known = 'reltol, abstol, vntol, trtol, itl1, itl4, gmin, vlimit, maxsteps, tmax, fixedstep, lteglobal, qmaxtol, qmaxiter, strictdc, method';
    expect(diagnose(netlist('.options reltol=-1 maxstep=1n', '.options qmaxtol=0 qmaxiter=2.5 method=rk4', ...BASE))).toEqual([
      '2:10 error: .options reltol=-1: expected a number >= 0',
      `2:20 error: .options maxstep: unknown option; the known options are ${known}`,
      '3:10 error: .options qmaxtol=0: expected a number > 0',
      '3:20 error: .options qmaxiter=2.5: expected an integer >= 1',
      '3:33 error: .options method=rk4: expected be, trap or gear',
    ]);
  });

  it('.save and .print take v(n), v(a,b), i(element), q(capacitor); `all` and the analysis name are skipped', () => {
    const c = circuit(netlist('.save v(a) v(A,b) i(Vs) q(C1) all', '.print tran v(b)', 'Vs a 0 1', 'R1 a b 1', 'C1 b 0 1n', 'R2 b 0 1'));
    expect(c.saves).toEqual([
      { kind: 'v', node: 1, ref: 0, label: 'v(a)' },
      { kind: 'v', node: 1, ref: 2, label: 'v(a,b)' },
      { kind: 'i', element: 'vs', label: 'i(vs)' },
      { kind: 'q', element: 'c1', label: 'q(c1)' },
      { kind: 'v', node: 2, ref: 0, label: 'v(b)' },
    ]);
  });

  it('reports malformed and unresolved save targets', () => {
    const rest = ['Vs a 0 1', 'R1 a b 1', 'C1 b 0 1n', 'R2 b 0 1'];
    const forms = 'expected v(node), v(node1,node2), i(element) or q(capacitor)';
    expect(diagnose(netlist('.save x v(a,b,c) w(a)', ...rest))).toEqual([
      `2:7 error: .save: ${forms}, found 'x'`,
      `2:9 error: .save: ${forms}, found 'v(...)' with 3 arguments`,
      `2:18 error: .save: ${forms}, found 'w(...)' with 1 argument`,
    ]);
    expect(diagnose(netlist('.save v(zz) i(V9) q(R1)', ...rest))).toEqual([
      "2:9 error: unknown node 'zz': no element connects to it",
      "2:15 error: i(v9): no element named 'V9'",
      "2:21 error: q(r1): 'R1' is the resistor: q() takes a capacitor",
    ]);
  });

  it('.ic v(node)=value, checked against the nodes', () => {
    const rest = ['Vs a 0 1', 'R1 a b 1', 'C1 b 0 1n', 'R2 b 0 1'];
    expect(circuit(netlist('.ic v(b)={2*0.1}', ...rest)).nodeInitialConditions).toEqual([{ node: 2, value: 0.2, loc: { file: 't.cir', line: 2, column: 5 } }]);
    expect(diagnose(netlist('.ic a=1', ...rest))).toEqual(["2:5 error: .ic: expected v(<node>)=<value>, found 'a=...'"]);
    expect(diagnose(netlist('.ic v(0)=1 v(zz)=1', ...rest))).toEqual([
      '2:7 error: .ic: v(0) is ground, which is always 0 V',
      "2:14 error: unknown node 'zz': no element connects to it",
    ]);
  });
});
