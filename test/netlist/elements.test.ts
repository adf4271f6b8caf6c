import { describe, expect, it } from 'vitest';
import { circuit, diagnose, netlist } from './helpers.js';

const RDYN_FORM = 'RDYN1 <n+> <n-> RC=<ohm> GAMMA=<value> Q=<capacitor> [QMAX=peak|<coulomb>]';
const V_FORM = 'Vs <n+> <n-> [DC] <value> [AC <mag> [<phase>]] or Vs <n+> <n-> PULSE(...)|PWL(...)|SIN(...)';
const MALFORMED = 'expected a number such as 10k, 1e-6 or 0.08u, or an expression in braces such as {rc}';
const SOURCE_ITEMS = 'expected DC <value>, AC <mag> [<phase>], PULSE(...), PWL(...) or SIN(...)';

describe('R, C, L', () => {
  it('builds resistors, capacitors (ic=) and inductors (ic=) with SI values and node numbers', () => {
    const c = circuit(netlist('R1 a b 2.2k', 'C1 b 0 10nF ic=0.1', 'L1 a b 1uH ic={2m}', 'Vs a 0 1', 'R2 b 0 1'));
    expect(c.nodeNames).toEqual(['0', 'a', 'b']);
    expect(c.elements.slice(0, 3)).toEqual([
      { kind: 'R', name: 'R1', key: 'r1', nodes: [1, 2], resistance: 2200, loc: { file: 't.cir', line: 2, column: 1 } },
      { kind: 'C', name: 'C1', key: 'c1', nodes: [2, 0], capacitance: 1e-8, ic: 0.1, loc: { file: 't.cir', line: 3, column: 1 } },
      { kind: 'L', name: 'L1', key: 'l1', nodes: [1, 2], inductance: 1e-6, ic: 2e-3, loc: { file: 't.cir', line: 4, column: 1 } },
    ]);
  });

  it('an element named R... other than RDYN... is a plain resistor', () => {
    expect(circuit(netlist('Rdy a 0 5', 'Vs a 0 1')).elements[0]).toMatchObject({ kind: 'R', resistance: 5 });
  });

  it.each([
    [['R1', 'Vs in 0 1'], '2:1 error: resistor R1: expected 2 nodes, found nothing after the name: write R1 <n+> <n-> <resistance>'],
    [['R1 in', 'Vs in 0 1'], '2:1 error: resistor R1: expected 2 nodes, found 1 node: write R1 <n+> <n-> <resistance>'],
    [['R1 in 5', 'Vs in 0 1'], '2:1 error: resistor R1: expected 2 nodes, found 1 node: write R1 <n+> <n-> <resistance>'],
    [['R1 in 0', 'Vs in 0 1'], '2:1 error: resistor R1: missing resistance: write R1 <n+> <n-> <resistance>'],
    [['R1 in 0 5 6', 'Vs in 0 1'], "2:11 error: resistor R1: unexpected '6' after the resistance: expected end of line"],
    [['R1 in 0 5 foo=3', 'Vs in 0 1'], "2:11 error: resistor R1: unknown parameter 'foo=': expected nothing after the resistance"],
    [['R1 {a} 0 5', 'Vs in 0 1'], '2:4 error: resistor R1: expected a node name, found an expression in braces: write R1 <n+> <n-> <resistance>'],
    [['R1 in 0 5x/', 'Vs in 0 1'], `2:9 error: resistor R1: malformed resistance '5x/': ${MALFORMED}`],
    [['R1 in 0 -5', 'Vs in 0 1'], '2:9 error: resistor R1: the resistance must be positive, found -5 ohm'],
    [['R1 in 0 {1-1}', 'Vs in 0 1'], '2:9 error: resistor R1: the resistance must be positive, found 0 ohm'],
    [['C1 in 0 0', 'Vs in 0 1'], '2:9 error: capacitor C1: the capacitance must be positive, found 0 F'],
    [['L1 in x -1u', 'Vs in 0 1', 'R1 x 0 1'], '2:9 error: inductor L1: the inductance must be positive, found -1 uH'],
    [['C1 in 0 1n ic=abc', 'Vs in 0 1'], `2:15 error: capacitor C1: malformed initial condition 'abc': ${MALFORMED}`],
    [['C1 in 0 1n tc=1', 'Vs in 0 1'], "2:12 error: capacitor C1: unknown parameter 'tc=': expected ic="],
    [['C1 in 0 1n ic=1 ic=2', 'Vs in 0 1'], '2:17 error: capacitor C1: ic= is given twice'],
    [['Q1 a b c 2', 'Vs in 0 1', 'R1 in 0 1'], "2:1 error: unknown element 'Q1': element names start with R, RDYN, C, L, V, I, E, G, B, S, CPE, W, WS, WO or X, found 'Q'"],
  ])('%j -> %s', (lines, message) => {
    expect(diagnose(netlist(...lines))).toEqual([message]);
  });
});

describe('independent sources', () => {
  const src = (spec: string) => circuit(netlist(`Vs in 0 ${spec}`, 'R1 in 0 1', '.tran 1n 1u')).elements[0];

  it('DC value, with or without the DC keyword, and AC magnitude [phase]', () => {
    expect(src('5')).toMatchObject({ kind: 'V', waveform: { kind: 'dc', value: 5 } });
    expect(src('DC 0.2V AC 1')).toMatchObject({ waveform: { kind: 'dc', value: 0.2 }, ac: { magnitude: 1, phaseDeg: 0 } });
    expect(src('dc {1+1} ac 2 90')).toMatchObject({ waveform: { kind: 'dc', value: 2 }, ac: { magnitude: 2, phaseDeg: 90 } });
  });

  it('PULSE with ngspice defaults (rise and fall = .tran step, single pulse), commas allowed', () => {
    expect(src('PULSE(0 1)')).toMatchObject({ waveform: { kind: 'pulse', v1: 0, v2: 1, td: 0, tr: 1e-9, tf: 1e-9, pw: Infinity, per: Infinity, np: Infinity } });
    expect(src('DC 0 PULSE(0, 1, 1n, 2n, 3n, 4n, 20n, 3)')).toMatchObject({ waveform: { kind: 'pulse', td: 1e-9, tr: 2e-9, tf: 3e-9, pw: 4e-9, per: 2e-8, np: 3 } });
  });

  it('PWL and SIN', () => {
    expect(src('PWL(0 0 1u 0.2 2u 0)')).toMatchObject({ waveform: { kind: 'pwl', times: [0, 1e-6, 2e-6], values: [0, 0.2, 0] } });
    expect(src('SIN(0 0.1 1k)')).toMatchObject({ waveform: { kind: 'sin', vo: 0, va: 0.1, freq: 1000, td: 0, theta: 0, phaseDeg: 0 } });
    expect(src('SIN(0 0.1 1k 1u 10 45)')).toMatchObject({ waveform: { kind: 'sin', td: 1e-6, theta: 10, phaseDeg: 45 } });
  });

  it('current sources take the same forms', () => {
    expect(circuit(netlist('Is in 0 1m', 'R1 in 0 1')).elements[0]).toMatchObject({ kind: 'I', waveform: { kind: 'dc', value: 1e-3 } });
  });

  it.each([
    [['Vs in 0', 'R1 in 0 1'], `2:1 error: voltage source Vs: missing value: write ${V_FORM}`],
    [['Vs in', 'R1 in 0 1'], `2:1 error: voltage source Vs: expected 2 nodes, found 1 node: write ${V_FORM}`],
    [['Vs in 0 DC', 'R1 in 0 1'], '2:9 error: voltage source Vs: expected a value after DC, found end of line'],
    [['Vs in 0 AC', 'R1 in 0 1'], '2:9 error: voltage source Vs: expected a magnitude after AC, found end of line'],
    [['Vs in 0 EXP(0 1)', 'R1 in 0 1'], "2:9 error: voltage source Vs: unknown waveform 'EXP(...)': expected PULSE(...), PWL(...) or SIN(...)"],
    [['Vs in 0 PULSE(0 1) SIN(0 1 1k)', 'R1 in 0 1'], '2:20 error: voltage source Vs: a second waveform SIN(...): expected only one of PULSE, PWL or SIN'],
    [['Vs in 0 PWL(0 0 1u)', 'R1 in 0 1'], '2:9 error: voltage source Vs: PWL(...) has 3 arguments, expected pairs of time and value: PWL(t1 v1 t2 v2 ...)'],
    [['Vs in 0 SIN(0 1)', 'R1 in 0 1'], '2:9 error: voltage source Vs: SIN(...) has 2 arguments, expected 3 to 6 arguments: SIN(vo va freq [td theta phase])'],
    [['Vs in 0 PULSE(0 1 -1n)', 'R1 in 0 1'], '2:19 error: voltage source Vs: PULSE td must not be negative, found -1 ns'],
    [['Vs in 0 PULSE(0 1 0 0 0 1u 0)', 'R1 in 0 1'], '2:28 error: voltage source Vs: PULSE per must be positive, found 0 s'],
    [['Vs in 0 PULSE(0 1 0 0 0 1u 2u 1.5)', 'R1 in 0 1'], '2:31 error: voltage source Vs: PULSE np must be a whole number of pulses (1 or more), found 1.5'],
    [['Vs in 0 PWL(-1 0 1u 1)', 'R1 in 0 1'], '2:13 error: voltage source Vs: PWL times must not be negative, found -1 s'],
    [['Vs in 0 PWL(0 0 1u 1 0.5u 2)', 'R1 in 0 1'], '2:22 error: voltage source Vs: PWL times must increase strictly, found 500 ns after 1 us'],
    [['Vs in 0 SIN(0 1 -1)', 'R1 in 0 1'], '2:17 error: voltage source Vs: SIN freq must not be negative, found -1 Hz'],
    [['Vs in 0 1 2', 'R1 in 0 1'], `2:11 error: voltage source Vs: unexpected '2': ${SOURCE_ITEMS}`],
    [['Vs in 0 "x"', 'R1 in 0 1'], `2:9 error: voltage source Vs: unexpected "x": ${SOURCE_ITEMS}`],
    [['Vs in 0 abc', 'R1 in 0 1'], `2:9 error: voltage source Vs: malformed value 'abc': ${MALFORMED}`],
  ])('%j -> %s', (lines, message) => {
    expect(diagnose(netlist(...lines))).toEqual([message]);
  });

  it('PULSE without parentheses is explained', () => {
    expect(diagnose(netlist('Vs in 0 PULSE 0 1', 'R1 in 0 1'))[0]).toBe(
      '2:9 error: voltage source Vs: PULSE needs its arguments in parentheses: PULSE(v1 v2 [td tr tf pw per np])',
    );
  });
});

describe('RDYN, the dynamic trans-slit resistor', () => {
  const around = ['C1 a b 1n', 'Vs a 0 1', 'R1 b 0 1'];

  it('reads RC, GAMMA, Q and QMAX (peak by default, or a charge)', () => {
    const c = circuit(netlist('RDYN1 a b RC=5 GAMMA=0.5 Q=C1', 'RDYN2 a b rc={2*5} gamma=-1 q=c1 qmax=2n', ...around));
    expect(c.elements.slice(0, 2)).toEqual([
      { kind: 'RDYN', name: 'RDYN1', key: 'rdyn1', nodes: [1, 2], rc: 5, gamma: 0.5, control: 'c1', qmax: 'peak', loc: { file: 't.cir', line: 2, column: 1 } },
      { kind: 'RDYN', name: 'RDYN2', key: 'rdyn2', nodes: [1, 2], rc: 10, gamma: -1, control: 'c1', qmax: 2e-9, loc: { file: 't.cir', line: 3, column: 1 } },
    ]);
    expect(circuit(netlist('RDYN1 a b RC=5 GAMMA=0 Q=C1 QMAX=PEAK', ...around)).elements[0]).toMatchObject({ qmax: 'peak' });
  });

  it('reports every missing parameter', () => {
    expect(diagnose(netlist('RDYN1 a b', 'Vs a 0 1', 'R1 b 0 1'))).toEqual([
      `2:1 error: dynamic resistor RDYN1: missing RC=<ohm>: write ${RDYN_FORM}`,
      `2:1 error: dynamic resistor RDYN1: missing GAMMA=<value>: write ${RDYN_FORM}`,
      `2:1 error: dynamic resistor RDYN1: missing Q=<capacitor>: write ${RDYN_FORM}`,
    ]);
  });

  it.each([
    ['RDYN1 a b 5 RC=5 GAMMA=0 Q=C1', `2:11 error: dynamic resistor RDYN1: unexpected '5' after the nodes: expected RC=, GAMMA=, Q= or QMAX= (${RDYN_FORM})`],
    ['RDYN1 a b RC=0 GAMMA=0 Q=C1', '2:14 error: dynamic resistor RDYN1: RC must be positive, found 0 ohm'],
    ['RDYN1 a b RC=5 GAMMA=1 Q=C1', '2:22 error: dynamic resistor RDYN1: GAMMA must lie in [-1, 1), found 1'],
    ['RDYN1 a b RC=5 GAMMA=-1.5 Q=C1', '2:22 error: dynamic resistor RDYN1: GAMMA must lie in [-1, 1), found -1.5'],
    ['RDYN1 a b RC=5 GAMMA=0 Q=C1 QMAX=-1', '2:34 error: dynamic resistor RDYN1: QMAX must be positive, found -1 C'],
    ['RDYN1 a b RC=5 GAMMA=0 Q=C1 QMAX=fast', '2:34 error: dynamic resistor RDYN1: QMAX=fast: expected peak or a charge in coulomb such as 2n or {qmax}'],
    ['RDYN1 a b RC=5 GAMMA=0 Q={c}', '2:26 error: dynamic resistor RDYN1: expected the name of the controlling capacitor after Q=, found an expression in braces'],
    ['RDYN1 a b RC=5 GAMMA=0 Q=C1 tc=2', "2:29 error: dynamic resistor RDYN1: unknown parameter 'tc=': expected RC=, GAMMA=, Q= or QMAX="],
    ['RDYN1 a b RC=5 GAMMA=0 Q=Cx', '2:26 error: dynamic resistor RDYN1: Q=Cx names no element in its scope: expected the name of a capacitor, e.g. Q=Cslit1'],
    ['RDYN1 a b RC=5 GAMMA=0 Q=R1', '2:26 error: dynamic resistor RDYN1: Q=R1 names the resistor R1: expected a capacitor'],
    ['RDYN1 a b RC=5 GAMMA=0 Q=C1 rc=6', '2:29 error: dynamic resistor RDYN1: rc= is given twice'],
  ])('%s -> %s', (line, message) => {
    expect(diagnose(netlist(line, ...around))).toEqual([message]);
  });

  it('still checks Q= when another parameter is out of range', () => {
    expect(diagnose(netlist('RDYN1 a b RC=5 GAMMA=2 Q=Cx', ...around))).toEqual([
      '2:22 error: dynamic resistor RDYN1: GAMMA must lie in [-1, 1), found 2',
      '2:26 error: dynamic resistor RDYN1: Q=Cx names no element in its scope: expected the name of a capacitor, e.g. Q=Cslit1',
    ]);
  });
});

describe('duplicate names', () => {
  it('reports the second definition with the place of the first, case-insensitively', () => {
    expect(diagnose(netlist('R1 a 0 1', 'r1 a 0 2', 'Vs a 0 1'))).toEqual(["3:1 error: duplicate element name 'r1': first defined at t.cir:2:1"]);
  });
});
