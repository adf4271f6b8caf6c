import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { eng, formatRunSummary } from '../../src/io/runSummary.js';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';

// R = 10 ohm in series with C = 1 uF, 1 mA until the port reads 1 V, rest, 1 mA back to 0 V.
// By hand (IR = 10 mV): cycle 1 from rest: Q_in = C (V - IR) = 990 nC, Q_out = C (V - 2 IR) = 980 nC,
// CE = 0.98 / 0.99 = 0.98990; E_in = C [(V - IR)^2 / 2 + IR (V - IR)] = 499.95 nJ,
// E_out = C [((V - IR)^2 - IR^2) / 2 - IR (V - 2 IR)] = 480.2 nJ, EE = 0.960496.
// Cycle 2 starts at v_C = IR: Q_in = Q_out = 980 nC, E_in = 499.8 nJ, EE = 0.960784.
// The discharge: slope -I/C gives C = 1 uF, the step at its start IR = 10 mV, ESR = IR / 1 mA = 10 ohm.
const NETLIST = `RC under constant-current cycling
V1 p 0 DC 0
R1 p a 10
C1 a 0 1u
.protocol V1
+ charge 1mA until 1V
+ rest 10us
+ discharge 1mA until 0V
+ repeat 2
.end
`;

describe('protocol measures on the console', () => {
  it('prints per cycle charge, energy and efficiencies, then C, IR drop and ESR, as computed by hand', () => {
    const { ast } = parseNetlist(NETLIST, { file: 'gcd.cir' });
    const { circuit } = elaborate(ast);
    const text = formatRunSummary(runCircuit(circuit!));
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  cycle   Q_in'));
    expect(lines.slice(at, at + 4)).toEqual([
      '  cycle   Q_in        Q_out       E_in        E_out       CE       EE',
      '  1       990.0 nC    980.0 nC    499.9 nJ    480.2 nJ    0.9899   0.9605',
      '  2       980.0 nC    980.0 nC    499.8 nJ    480.2 nJ    1.0000   0.9608',
      '  last discharge: C = 1.000 uF, IR drop 10.00 mV, ESR 10.00 ohm; last cycle: coulombic efficiency 1.0000, energy efficiency 0.9608',
    ]);
  });

  it('engineering values round into the next prefix: 999.99996 nF is 1.000 uF', () => {
    expect([eng(9.9999996e-7, 'F'), eng(999.4e-9, 'F'), eng(-9.99999e-4, 'A')]).toEqual(['1.000 uF', '999.4 nF', '-1.000 mA']);
  });
});
