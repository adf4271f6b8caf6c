import { describe, expect, it } from 'vitest';
import { parseNetlist } from '../../src/netlist/index.js';
import { circuit, diagnose, netlist, GROUNDED } from './helpers.js';

describe('line structure', () => {
  it('takes the first line as the title, whatever it contains', () => {
    const c = circuit('R1 in 0 5 .tran {oops\n' + GROUNDED.join('\n'));
    expect(c.title).toBe('R1 in 0 5 .tran {oops');
    expect(c.elements.map((e) => e.name)).toEqual(['Vs', 'Rs']);
  });

  it('skips * comment lines, ; and $ end-of-line comments', () => {
    const c = circuit(netlist('* a comment line', '   * indented comment', 'R1 in 0 5 ; trailing', 'Vs in 0 1 $ ngspice comment'));
    expect(c.elements.map((e) => e.name)).toEqual(['R1', 'Vs']);
  });

  it('joins + continuation lines, also across comment lines, keeping positions', () => {
    const c = circuit(netlist('R1 in', '+ 0', '* between', '+ 5', 'Vs in 0 1'));
    expect(c.elements[0]).toMatchObject({ name: 'R1', resistance: 5, loc: { line: 2, column: 1 } });
    expect(diagnose(netlist('R1 in', '+ 0', '+ -5', 'Vs in 0 1'))).toEqual(['4:3 error: resistor R1: the resistance must be positive, found -5 ohm']);
  });

  it('is case-insensitive for names, keywords and directives', () => {
    const c = circuit(netlist('rdyn1 A 0 rc=5 Gamma=0.5 q=cA', 'CA a 0 1n', 'vS A 0 dc 1', '.TRAN 1N 1U'));
    expect(c.nodeNames).toEqual(['0', 'a']);
    expect(c.elements.map((e) => e.key)).toEqual(['rdyn1', 'ca', 'vs']);
    expect(c.elements[0]).toMatchObject({ kind: 'RDYN', control: 'ca' });
  });

  it('treats 0 and gnd (any case) as ground', () => {
    const c = circuit(netlist('R1 a GND 1', 'R2 a gnd 1', 'V1 a 0 1'));
    expect(c.elements.map((e) => e.nodes)).toEqual([[1, 0], [1, 0], [1, 0]]);
  });

  it('ignores everything after .end; .end is optional', () => {
    expect(circuit(netlist(...GROUNDED, '.end', 'garbage {{ here')).elements).toHaveLength(2);
    expect(circuit(netlist(...GROUNDED)).elements).toHaveLength(2);
  });

  it('accepts CRLF line ends and no final newline', () => {
    const c = circuit('title\r\nR1 in 0 5\r\n+ \r\nVs in 0 1');
    expect(c.elements.map((e) => e.name)).toEqual(['R1', 'Vs']);
  });

  it('skips an ngspice .control block with a warning', () => {
    expect(diagnose(netlist(...GROUNDED, '.control', 'run', 'plot v(in) {', '.endc'))).toEqual([
      "4:1 warning: ngspice '.control' block ignored: nanocircuit runs the analyses given as dot commands (.op, .tran, .cv, .chrono, .ac, .protocol)",
    ]);
  });

  it('keeps every element location', () => {
    const c = circuit(netlist('  R1 in 0 5', ...GROUNDED));
    expect(c.elements[0]!.loc).toEqual({ file: 't.cir', line: 2, column: 3 });
  });
});

describe('syntax errors: every one reported with its position, parsing goes on', () => {
  it('reports an unclosed brace and continues with the next line', () => {
    expect(diagnose(netlist('R1 in 0 {1', 'R2 in 0 {2 +}', ...GROUNDED))).toEqual([
      "2:11 error: expected '}', found end of line",
      '3:13 error: expected a number, a parameter name, a function call or an expression in parentheses, found \'}\'',
    ]);
  });

  it('reports a missing value after = and an unclosed parenthesis', () => {
    expect(diagnose(netlist('C1 in 0 1n ic=', 'V2 in 0 PULSE(0 1', ...GROUNDED))).toEqual([
      '2:15 error: expected a value (a number, a name, a {expression} or a quoted string), found end of line',
      "3:18 error: expected ')', found end of line",
    ]);
  });

  it('reports unexpected characters and unterminated strings', () => {
    expect(diagnose(netlist('.include "lib.cir', 'R1 in 0 {2 # 3}', ...GROUNDED))).toEqual([
      `2:10 error: unterminated string: expected a closing '"' on the same line`,
      "3:12 error: unexpected character '#'",
      "3:14 error: expected '}', found '3'",
      "2:1 error: cannot read included file 'lib.cir': no such file",
    ]);
  });

  it('never returns a circuit when a line had a syntax error', () => {
    const p = parseNetlist(netlist('R1 in 0 {1', ...GROUNDED), { file: 't.cir' });
    expect(p.ast.parseErrors).toBe(1);
  });

  it('a .param line needs name=value', () => {
    expect(diagnose(netlist('.param', '.param a', ...GROUNDED))).toEqual([
      '2:1 error: .param: expected name=value after .param, found end of line',
      "3:9 error: expected '=', found end of line",
    ]);
  });
});

describe('stray tokens', () => {
  it('report once and never stop the parse: later lines are still checked', () => {
    expect(diagnose(netlist('= 5', '"abc" x', '.opt (x)', 'R1 a b ) 5', 'R2 a 0 {1', 'Vs a 0 1'))).toEqual([
      "2:1 error: unexpected '=': expected a name, a number or a {expression} (the rest of the line is ignored)",
      '3:1 error: unexpected string "abc": expected a name, a number or a {expression} (the rest of the line is ignored)',
      "4:6 error: unexpected '(': expected a name, a number or a {expression} (the rest of the line is ignored)",
      '5:1 error: resistor R1: missing resistance: write R1 <n+> <n-> <resistance>',
      "5:8 error: unexpected ')': expected a name, a number or a {expression} (the rest of the line is ignored)",
      "6:10 error: expected '}', found end of line",
    ]);
  });
});
