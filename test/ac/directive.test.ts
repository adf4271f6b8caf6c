import { describe, expect, it } from 'vitest';
import { acFrequencies } from '../../src/analyses/acFrequencies.js';
import { diagnose, netlist } from '../netlist/helpers.js';

const RC = ['Vm a 0 DC 0 AC 1', 'R1 a b 10', 'C1 b 0 1u'];

describe('.ac line', () => {
  it('reports malformed lines with their positions', () => {
    expect(diagnose(netlist(...RC, '.ac log 10 1 1k'))).toEqual(["5:5 error: .ac: expected the sweep type (dec or oct or lin), found 'log'"]);
    expect(diagnose(netlist(...RC, '.ac dec 10 1'))).toEqual(['5:1 error: .ac: expected a sweep type and 3 values, found 3 items: write .ac dec|oct|lin <points> <fstart> <fstop> [bias=op|cv] [at=<time>] [nyquist=equal|free]']);
    expect(diagnose(netlist(...RC, '.ac dec 10 0 1k'))).toEqual(['5:12 error: .ac: fstart must be positive, found 0 Hz']);
    expect(diagnose(netlist(...RC, '.ac dec 2.5 1 1k'))).toEqual(['5:9 error: .ac: the number of points must be a whole number of 1 or more, found 2.5']);
    expect(diagnose(netlist(...RC, '.ac dec 10 1 1k bias=cv'))).toEqual(['5:22 error: .ac: bias=cv needs the time of the CV point: add at=<time>, e.g. bias=cv at=25u']);
    expect(diagnose(netlist(...RC, '.ac dec 10 1 1k bias=cv at=1u'))).toEqual([
      '5:1 error: .ac: bias=cv takes its bias from the first .cv analysis, but the netlist has none: add a .cv line, or use bias=op',
    ]);
  });

  it('needs exactly one source with an AC value', () => {
    expect(diagnose(netlist('Vm a 0 DC 0', 'R1 a 0 10', '.ac dec 10 1 1k'))).toEqual([
      "4:1 error: .ac: no source has an AC value: add one to the source that drives the cell, e.g. 'Vm a 0 DC 0 AC 1'",
    ]);
    expect(diagnose(netlist('Vm a 0 DC 0 AC 1', 'I1 0 a DC 0 AC 1', 'R1 a 0 10', '.ac dec 10 1 1k'))).toEqual([
      ".ac: 2 sources have an AC value (Vm, I1): the impedance needs exactly one; remove the others' AC values",
    ].map((m) => `5:1 error: ${m}`));
  });

  it('spaces frequencies as ngspice does', () => {
    expect(Array.from(acFrequencies({ sweep: 'dec', points: 2, fStart: 1, fStop: 100 })).map((f) => +f.toPrecision(12))).toEqual([1, 3.16227766017, 10, 31.6227766017, 100]);
    expect(Array.from(acFrequencies({ sweep: 'oct', points: 1, fStart: 1, fStop: 8 }))).toEqual([1, 2, 4, 8]);
    expect(Array.from(acFrequencies({ sweep: 'lin', points: 3, fStart: 10, fStop: 20 }))).toEqual([10, 15, 20]);
  });
});
