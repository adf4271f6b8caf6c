/** Printing: values within the solver tolerance of zero print as 0 (issue 13), not "-1.949e-14 fV". */
import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { eng, formatRunSummary } from '../../src/io/runSummary.js';
import { circuit, netlist } from '../netlist/helpers.js';

describe('near-zero values on the console', () => {
  it('eng: 0 within the tolerance, exponent form beyond the prefixes, prefixes otherwise', () => {
    expect(eng(-1.949e-29, 'V', 1e-6)).toBe('0 V');
    expect(eng(-1.949e-29, 'V')).toBe('-1.949e-29 V');
    expect(eng(1.5e-3, 'A', 1e-12)).toBe('1.500 mA');
    expect(eng(2e-15, 'C', 1e-14)).toBe('0 C');
    expect(eng(3e-14, 'C', 1e-14)).toBe('30.00 fC');
  });
  it('an operating point prints node voltages below vntol and currents below abstol as 0', () => {
    // 1e-20 A into 1 ohm: v(a) = 1e-20 V (below vntol = 1 uV); i(v1) = 0.5 mA through R2.
    const c = circuit(netlist('I1 0 a 1e-20', 'R1 a 0 1', 'V1 b 0 1', 'R2 b 0 2k', '.op'));
    const text = formatRunSummary(runCircuit(c));
    expect(text).toContain('  v(a)           0 V\n');
    expect(text).toContain('  i(v1)          500.0 uA\n');
  });
});
