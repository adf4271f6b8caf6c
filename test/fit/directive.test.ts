import { describe, expect, it } from 'vitest';
import { parseNetlist } from '../../src/netlist/parse.js';
import { elaborate } from '../../src/netlist/elaborate.js';
import { fitParameters } from '../../src/fit/fitParameters.js';

const messages = (text: string): string[] =>
  parseNetlist(`title\n.param rc=5 gamma=0\nR1 a 0 {rc}\n${text}\n`, { file: 'f.cir' }).diagnostics.map((d) => `${d.loc.file}:${d.loc.line}:${d.loc.column}: ${d.message}`);

describe('.fit directive', () => {
  it('reads bounds and scale, log by default for a positive range', () => {
    const ast = parseNetlist('t\n.param rc=5 gamma=0 c=1u\n.fit rc 0.1..100 log\n.fit gamma -0.95..0.95\n.fit c 10n..10u\n', { file: 'f.cir' }).ast;
    expect(fitParameters(ast).map((p) => [p.name, p.lo, p.hi, p.scale])).toEqual([
      ['rc', 0.1, 100, 'log'], ['gamma', -0.95, 0.95, 'lin'], ['c', 10e-9, 10e-6, 'log'],
    ]);
  });

  it('reports each malformed line at its position', () => {
    expect(messages('.fit rc 1..x')).toEqual(["f.cir:4:12: .fit: malformed upper bound 'x': expected a number such as 100, 1u or 0.95"]);
    expect(messages('.fit rc y..3')).toEqual(["f.cir:4:9: .fit: malformed lower bound 'y': expected a number such as 0.1, 10n or -0.95"]);
    expect(messages('.fit rc 0..1 log')).toEqual(['f.cir:4:14: .fit: a log scale needs a positive range, found 0..1: use lin or a lower bound above 0']);
    expect(messages('.fit rc 5..1')).toEqual(['f.cir:4:9: .fit: the range 5..1 is empty: the upper bound must exceed the lower']);
    expect(messages('.fit rc 1..2 cube')).toEqual(["f.cir:4:14: .fit: expected the scale (log or lin), found 'cube'"]);
    expect(messages('.fit rc 3')).toEqual(["f.cir:4:9: .fit: expected a range <lo>..<hi> such as 0.1..100, found '3'"]);
    expect(messages('.fit rc')).toEqual(['f.cir:4:1: .fit: expected a parameter name, a range and an optional scale, found 1 item: write .fit <param> <lo>..<hi> [log|lin], e.g. .fit rc 0.1..100 log']);
    expect(messages('.fit rc 1..2 log extra')).toEqual(["f.cir:4:18: .fit: expected a parameter name, a range and an optional scale, found 4 items: write .fit <param> <lo>..<hi> [log|lin], e.g. .fit rc 0.1..100 log"]);
  });

  it('names a .param that does not exist, a repeated line and bad --free names', () => {
    const ast = (t: string) => parseNetlist(`t\n.param rc=5 gamma=0\n${t}\n`, { file: 'f.cir' }).ast;
    expect(() => fitParameters(ast('.fit rx 1..2'))).toThrow(".fit rx: no top-level .param named 'rx': expected one of rc, gamma");
    try {
      fitParameters(ast('.fit rx 1..2'));
    } catch (e) {
      expect((e as { loc: unknown }).loc).toEqual({ file: 'f.cir', line: 3, column: 6 });
    }
    expect(() => fitParameters(ast('.fit rc 1..2\n.fit rc 1..3'))).toThrow('.fit rc: given twice (first at f.cir:3:1)');
    expect(() => fitParameters(ast(''), ['zz'])).toThrow("--free zz: the template has no top-level .param 'zz'; its parameters: rc, gamma");
    expect(() => fitParameters(ast(''), ['gamma'])).toThrow('--free gamma: its template value 0 gives no bounds: add .fit gamma <lo>..<hi> [log|lin] to the template');
    expect(fitParameters(ast(''), ['rc'])).toEqual([{ name: 'rc', lo: 0.05, hi: 500, scale: 'log', origin: '--free (1/100 to 100 times the template value)' }]);
    expect(() => fitParameters(ast(''))).toThrow('f.cir: nothing to fit: add .fit <param> <lo>..<hi> [log|lin] lines or --free <param,...>');
  });

  it('is not allowed inside a subcircuit', () => {
    const r = parseNetlist('t\n.param rc=1\n.subckt S a\nR1 a 0 1\n.fit rc 1..2\n.ends\nX1 n S\nR2 n 0 1\nV1 n 0 1\n.op\n', { file: 'f.cir' });
    expect(r.diagnostics).toEqual([]);
    const e = elaborate(r.ast);
    expect(e.diagnostics.map((d) => `${d.loc.line}:${d.loc.column}: ${d.message}`)).toEqual(['5:1: .fit is not allowed inside .subckt S: analyses and output requests belong to the top level']);
  });
});
