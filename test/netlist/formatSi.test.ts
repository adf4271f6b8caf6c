import { describe, expect, it } from 'vitest';
import { formatSi } from '../../src/netlist/describe.js';

describe('formatSi', () => {
  it('uses the engineering prefix inside its range', () => {
    expect(formatSi(2e-8, 's')).toBe('20 ns');
    expect(formatSi(1e-18, 'F')).toBe('1 aF');
    expect(formatSi(999.9e12, 'Hz')).toBe('999.9 THz');
    expect(formatSi(-4.7e3, 'ohm')).toBe('-4.7 kohm');
  });

  it('falls back to exponent notation beyond the prefixes instead of a huge mantissa', () => {
    expect(formatSi(1e-300, 'Hz')).toBe('1e-300 Hz');
    expect(formatSi(3.2e-20, 'C')).toBe('3.2e-20 C');
    expect(formatSi(1e15, 'Hz')).toBe('1e+15 Hz');
    expect(formatSi(-2.5e300, 'V')).toBe('-2.5e+300 V');
  });

  it('prints zero and non-finite values as they are', () => {
    expect(formatSi(0, 's')).toBe('0 s');
    expect(formatSi(Number.POSITIVE_INFINITY, 's')).toBe('Infinity s');
  });
});
