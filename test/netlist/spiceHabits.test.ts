import { describe, expect, it } from 'vitest';
import { diagnose, netlist } from './helpers.js';

describe('SPICE habits that get one clear message', () => {
  it('an element letter one edit off RDYN gets one "did you mean", not the resistor complaints', () => {
    expect(diagnose(netlist('V1 a 0 1', 'C1 a 0 1u', 'RDNY1 a 0 RC=1k GAMMA=0.5 Q=C1', 'RDY2 a 0 RC=1k GAMMA=0.5 Q=C1', 'RD3 a 0 1k', '.op'))).toEqual([
      "4:1 error: 'RDNY1' is read as a resistor (R) by its first letter and does not fit it: did you mean RDYN (the dynamic resistor), e.g. RDYN2 s1 s2 RC={rc} GAMMA=0.5 Q=Cslit1?",
      "5:1 error: 'RDY2' is read as a resistor (R) by its first letter and does not fit it: did you mean RDYN (the dynamic resistor), e.g. RDYN2 s1 s2 RC={rc} GAMMA=0.5 Q=Cslit1?",
    ]);
  });

  it('1F on a capacitor or resistor warns with the SPICE rule; 1fF and 1 do not', () => {
    expect(diagnose(netlist('V1 a 0 1', 'C1 a 0 1F', 'C2 a 0 2.5f', 'C3 a 0 1fF', 'C4 a 0 1', 'R1 a 0 1F', '.op'))).toEqual([
      "3:8 warning: capacitor C1: '1F' is 1 femtofarad (1e-15 F): in SPICE the suffix F means femto (1e-15), not farad. For 1 farad write 1; for femto write 1fF to say so",
      "4:8 warning: capacitor C2: '2.5f' is 2.5 femtofarad (2.5e-15 F): in SPICE the suffix F means femto (1e-15), not farad. For 2.5 farad write 2.5; for femto write 2.5fF to say so",
      "7:8 warning: resistor R1: '1F' is 1e-15 ohm: in SPICE the suffix F means femto (1e-15), not farad. For 1 ohm write 1; for femto write 1fohm to say so",
    ]);
  });

  it('an unknown .options key is an error listing the known ones', () => {
    expect(diagnose(netlist('V1 a 0 1', 'R1 a 0 1k', '.options reltol=1e-4 foo=1', '.op'))).toEqual([
      '4:22 error: .options foo: unknown option; the known options are reltol, abstol, vntol, trtol, itl1, itl4, gmin, vlimit, maxsteps, tmax, fixedstep, lteglobal, qmaxtol, qmaxiter, strictdc, method',
    ]);
  });

  it('.plot and .print are read as .save (ngspice: .print tran v(a))', () => {
    expect(diagnose(netlist('V1 a 0 1', 'R1 a 0 1k', '.print tran v(a)', '.plot tran i(R1)', '.plot v(nowhere)', '.op'))).toEqual([
      "6:9 error: unknown node 'nowhere': no element connects to it",
    ]);
  });
});
