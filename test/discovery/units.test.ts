import { describe, expect, it } from 'vitest';
import { DimensionChecker, formatDimension, parseUnit } from '../../src/discovery/units.js';
import { CONST_BASE as C, OP, VAR_BASE as V } from '../../src/discovery/operators.js';
import { columnUnits, parseUnitsOption } from '../../src/cli/discoverUnits.js';
import { durationOption } from '../../src/cli/discover.js';

describe('unit strings', () => {
  it('parse to SI base dimensions', () => {
    expect(formatDimension(parseUnit('V'))).toBe('m^2 kg s^-3 A^-1');
    expect(parseUnit('kg*m^2/s^2')).toEqual(parseUnit('J'));
    expect(parseUnit('mA')).toEqual(parseUnit('A'));
    expect(parseUnit('ohm')).toEqual(parseUnit('V/A'));
    expect(parseUnit('C')).toEqual(parseUnit('A s'));
    expect(parseUnit('m s^-1')).toEqual(parseUnit('m/s'));
    expect(formatDimension(parseUnit('1'))).toBe('1');
    expect(() => parseUnit('furlong')).toThrow("unit 'furlong': unknown unit 'furlong'");
  });

  it('come from the header, its comment lines or --units, by column or stem', () => {
    const text = '# table: dphi_i [V] = phi_{i+1} - phi_i, I_i [A], Q_i [C]\ntime,dphi_2,I_2,Q_2\n0,0,0,0\n';
    expect(columnUnits(text, ['time', 'dphi_2', 'I_2', 'Q_2'], ['dphi_2', 'I_2', 'Q_2'], undefined)).toEqual(['V', 'A', 'C']);
    expect(columnUnits('x[m],t [s]\n1,2\n', ['x[m]', 't [s]'], ['x', 't'], undefined)).toEqual(['m', 's']);
    expect(columnUnits(text, ['time', 'dphi_2', 'I_2', 'Q_2'], ['dphi_2', 'I_2', 'Q_2'], 'I=mA')).toEqual(['V', 'mA', 'C']);
    expect(columnUnits('a,b\n1,2\n', ['a', 'b'], ['a', 'b'], undefined)).toBeUndefined();
    expect(() => columnUnits('a,b\n1,2\n', ['a', 'b'], ['a', 'b'], 'a=V')).toThrow('units: no unit for b (give them with --units, e.g. --units b=V)');
    expect(() => parseUnitsOption('I=A,Q')).toThrow("--units: expected name=unit pairs such as I=A,Q=C,dphi=V, got 'Q'");
    expect(() => parseUnitsOption('I=Amp')).toThrow("--units: unit 'Amp': unknown unit 'Amp'");
    const warnings: string[] = [];
    expect(columnUnits('# x [m]\nx,y\n1,2\n', ['x', 'y'], ['y', 'x'], undefined, (w) => warnings.push(w))).toBeUndefined();
    expect(warnings).toEqual(['units: the table gives no unit for y: no dimensional check (give all units with --units, e.g. --units y=1)']);
  });

  it('--time takes seconds with an optional unit', () => {
    expect([durationOption('60'), durationOption('60s'), durationOption('2min'), durationOption('1.5h')]).toEqual([60, 60, 120, 5400]);
    expect(() => durationOption('soon')).toThrow("--time expects seconds such as 60, 60s, 2min or 1h, got 'soon'");
  });
});

describe('dimensional check of programs (dphi [V] from I [A] and Q [C])', () => {
  const check = new DimensionChecker([parseUnit('A'), parseUnit('C')], parseUnit('V'), 30);
  const ok = (tokens: number[], scaled = true, consts: number[] = [1, 2, 3]): boolean => check.consistent(Int32Array.from(tokens), tokens.length, Float64Array.from(consts), scaled);
  it('accepts the paper law and free-unit coefficients outside functions', () => {
    expect(ok([V, V + 1, C, OP['+'], OP['*']])).toBe(true); // I (Q + c): c is a charge
    expect(ok([V, C, V + 1, OP['*'], OP['+']])).toBe(true); // I + c Q: c is 1/s
    expect(ok([V, C, V + 1, OP['-'], OP['/']])).toBe(true); // I / (c - Q)
    expect(ok([V, C, OP.pow])).toBe(true); // I^c with a constant exponent
    expect(ok([C, V, OP['*']], false)).toBe(true); // c I without outer scaling: c is R
  });
  it('rules out exp(657 I)-type models and sums of unlike quantities', () => {
    expect(ok([C, V, OP['*'], OP.exp])).toBe(false); // exp(c I)
    expect(ok([V, C, V, OP['*'], OP.cos, OP['/']])).toBe(false); // I / cos(c I)
    expect(ok([C, V + 1, OP['*'], C, OP['+'], OP.log, V, OP['*']])).toBe(false); // log(c Q + c) I
    expect(ok([V, V + 1, OP['+']])).toBe(false); // I + Q
    expect(ok([V, V + 1, OP.pow])).toBe(false); // I^Q
    expect(ok([V, V, OP['*']], false)).toBe(false); // I^2 is not a voltage
    expect(ok([V, V, OP['/'], OP.exp])).toBe(true); // exp(I / I) is dimensionless
  });
});
