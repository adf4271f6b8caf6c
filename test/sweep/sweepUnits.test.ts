import { describe, expect, it } from 'vitest';
import { measureUnit, paramUnit, withUnit } from '../../src/sweep/sweepUnits.js';

const NETLIST = `units of swept parameters
.param rc=5 gamma=0.5 cs=1n ctot=8n r1=2 v=0.2
Vm m 0 DC {v}
R1 m a {r1}
Cslit1 a 0 {cs}
RDYN1 a b RC={rc} GAMMA={gamma} Q=Cslit1 QMAX=peak
C2 b 0 {ctot/8}
.cv Vm 0 0.2 rate=20mV/us
`;

describe('units of sweep columns', () => {
  it('a .param takes the unit of its first direct use; only inside an expression it has none', () => {
    expect(['rc', 'gamma', 'cs', 'r1', 'v', 'ctot'].map((p) => paramUnit(NETLIST, p))).toEqual(['ohm', '1', 'F', 'ohm', 'V', '']);
  });

  it('measures by their summary field; axis titles carry the unit unless dimensionless', () => {
    expect(['cv.capacitance', 'cv2.peakAnodicCurrent', 'ac1.highFrequencyResistance', 'protocol.esr', 'cv.asymmetryIndex'].map(measureUnit)).toEqual(['F', 'A', 'ohm', 'ohm', '1']);
    expect([withUnit('rc', 'ohm'), withUnit('gamma', '1'), withUnit('x', '')]).toEqual(['rc (ohm)', 'gamma', 'x']);
  });
});
