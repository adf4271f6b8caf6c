import { describe, expect, it } from 'vitest';
import { diagnose, netlist } from './helpers.js';

describe('long netlists (parsed in chunks of lines)', () => {
  it('keeps line numbers, continuations and subcircuits across chunk boundaries', () => {
    const lines: string[] = ['.subckt cell p q', 'R1 p q 1'];
    for (let i = 0; i < 350; i++) lines.push(`C${i} p q 1n`, '+ ic=0', '* comment');
    lines.push('.ends', 'X1 a 0 cell', 'Vs a 0 1', 'R9 a 0 {oops}');
    const text = netlist(...lines);
    expect(diagnose(text)).toEqual([`${lines.length + 1}:9 error: unknown parameter 'oops': expected a parameter defined with .param or a number`]);
  });
});
