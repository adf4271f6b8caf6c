import { describe, expect, it } from 'vitest';
import { relative } from 'node:path';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';
import { circuit, diagnose, memoryReader, netlist } from './helpers.js';

const BASE = ['R1 a 0 1', 'Vs a 0 1'];
const value = (text: string): number => {
  const c = circuit(netlist(`.param x=${text}`, 'R1 a 0 {x}', 'Vs a 0 1'));
  return (c.elements[0] as { resistance: number }).resistance;
};

describe('.param expressions', () => {
  it.each([
    ['{1+2*3}', 7], ['{(1+2)*3}', 9], ['{2^3^2}', 512], ['{-2^2+5}', 1], ['{2**3}', 8], ['{10/4}', 2.5], ['{1k*2}', 2000],
    ['{sqrt(16)+log10(100)+exp(0)+abs(-1)+ln(1)}', 8], ['{min(3,2,1)+max(1,5)+pow(2,3)}', 14], ['{tanh(0)+cos(0)+sin(0)}', 1],
    ['{pi}', Math.PI], ['4', 4], ['{2^-1}', 0.5], ['{10-2-3}', 5], ['{2*3^2}', 18], ['{-3*-2}', 6], ['{2^-1^2}', 0.5], ['{8/2/2}', 2], ['{9-2*3+4}', 7], ['{--2}', 2], ["'3*2'", 6], ['{floor(2.7)+ceil(0.2)+round(1.5)+sgn(-3)}', 4],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it('parameters may be used before they are defined and reference each other in any order', () => {
    const c = circuit(netlist('R1 a 0 {cs}', '.param cs={ctot/6}', '.param ctot=6', 'Vs a 0 1'));
    expect(c.elements[0]).toMatchObject({ resistance: 1 });
  });

  it('a .param line without braces and a quoted expression both work', () => {
    const c = circuit(netlist(".param a = 2 * (3 + 1) b='a/2'", 'R1 a 0 {b}', ...BASE.slice(1)));
    expect(c.elements[0]).toMatchObject({ resistance: 4 });
  });

  it('reports unknown, circular and duplicate parameters', () => {
    expect(diagnose(netlist('R1 a 0 {rc}', 'Vs a 0 1'))).toEqual(["2:9 error: unknown parameter 'rc': expected a parameter defined with .param or a number"]);
    expect(diagnose(netlist('.param a={b} b={c} c={a} d={d}', ...BASE))).toEqual([
      '2:8 error: circular parameter definition: a -> b -> c -> a',
      '2:26 error: circular parameter definition: d -> d',
    ]);
    expect(diagnose(netlist('.param a=1', '.param A=2', ...BASE))).toEqual(["3:8 error: parameter 'a' is already defined at t.cir:2:8"]);
  });

  it('reports bad function calls and non-real results at their position', () => {
    expect(diagnose(netlist('.param a={sqrt(1,2)} b={min(1)} c={log(0)} d={1e308*10} e={foo(1)} f={1/0} g={sqrt(-1)}', ...BASE))).toEqual([
      '2:11 error: sqrt() takes 1 argument, found 2',
      '2:25 error: min() takes at least 2 arguments, found 1',
      '2:36 error: log(0) is infinite',
      '2:52 error: 1e+308 * 10 is infinite',
      "2:60 error: unknown function 'foo': expected one of sqrt, exp, log, ln, log10, abs, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, floor, ceil, round, sgn, min, max, pow, atan2",
      '2:72 error: division by zero',
      '2:79 error: sqrt(-1) is not a real number',
    ]);
  });
});

describe('.subckt', () => {
  const SLIT = ['.subckt slit in out rail params: c=1n r={rc}', '.param half={c/2}', 'Cslit rail out {half*2}', 'RDYN in out RC={r} GAMMA={g} Q=Cslit', '.ends slit'];

  it('expands instances with hierarchical names, local parameters, overrides and nesting', () => {
    const c = circuit(
      netlist('.param rc=5 g=0.5', ...SLIT, '.subckt pair a b rail params: c=2n', '.subckt inner p q', 'R1 p q 1', '.ends',
        'X1 a mid rail slit c={c}', 'X2 mid b rail slit r=7', 'Xi mid 0 inner', '.ends',
        'Vm m 0 DC 0', 'Ropen 0 s0 1', 'Xp s0 s2 m pair', '.save v(xp.mid) q(Xp.X1.Cslit) i(Xp.x2.RDYN)'),
    );
    expect(c.nodeNames).toEqual(['0', 'm', 's0', 's2', 'xp.mid']);
    expect(c.elements.map((e) => [e.name, e.key, e.nodes])).toEqual([
      ['Vm', 'vm', [1, 0]],
      ['Ropen', 'ropen', [0, 2]],
      ['Xp.X1.Cslit', 'xp.x1.cslit', [1, 4]],
      ['Xp.X1.RDYN', 'xp.x1.rdyn', [2, 4]],
      ['Xp.X2.Cslit', 'xp.x2.cslit', [1, 3]],
      ['Xp.X2.RDYN', 'xp.x2.rdyn', [4, 3]],
      ['Xp.Xi.R1', 'xp.xi.r1', [4, 0]],
    ]);
    // X1 gets pair's c = 2n; X2 keeps slit's default 1n (parameters are scoped where the subcircuit is defined).
    expect(c.elements[2]).toMatchObject({ capacitance: 2e-9 });
    expect(c.elements[4]).toMatchObject({ capacitance: 1e-9 });
    // RDYN's Q= resolves in its own instance; r defaults to the global rc, X2 overrides it.
    expect(c.elements[3]).toMatchObject({ rc: 5, gamma: 0.5, control: 'xp.x1.cslit' });
    expect(c.elements[5]).toMatchObject({ rc: 7, control: 'xp.x2.cslit' });
    expect(c.saves.map((s) => s.label)).toEqual(['v(xp.mid)', 'q(xp.x1.cslit)', 'i(xp.x2.rdyn)']);
    expect(c.elements[2]!.loc).toEqual({ file: 't.cir', line: 5, column: 1 });
  });

  it.each([
    [['.subckt cell p q params: c=1n', 'R1 p q {c}', '.ends', 'X1 a 0 cell d=2', 'Vs a 0 1'], "5:13 error: subcircuit 'cell' has no parameter 'd': expected one of c"],
    [['.subckt cell p q', 'R1 p q 1', '.ends', 'X1 a 0 cell c=2', 'Vs a 0 1'], "5:13 error: subcircuit 'cell' has no parameter 'c': it declares none (add params: name=default to its .subckt line)"],
    [['.subckt cell p q', 'R1 p q 1', '.ends', 'X2 a 0 nocell', 'Vs a 0 1'], "5:8 error: undefined subcircuit 'nocell' in X2: expected one of cell"],
    [['X2 a 0 nocell', 'Vs a 0 1'], "2:8 error: undefined subcircuit 'nocell' in X2: no .subckt is defined"],
    [['.subckt cell p q', 'R1 p q 1', '.ends', 'X3 a 0 a cell', 'Vs a 0 1'], "5:1 error: X3 connects 3 nodes but subcircuit 'cell' has 2 ports (p q)"],
    [['.subckt a p', 'Xb p b', '.ends', '.subckt b p', 'Xa p a', '.ends', 'X1 n a', 'Vs n 0 1', 'R1 n 0 1'], "6:1 error: subcircuit 'a' instantiates itself (a -> b -> a)"],
    [['.subckt a p', 'R1 p 0 1', '.ends', '.subckt A q', 'R1 q 0 1', '.ends', 'X1 n a', 'Vs n 0 1'], "5:1 error: subcircuit 'A' is already defined at t.cir:2:1"],
    [['.subckt a p p', 'R1 p 0 1', '.ends', 'Vs n 0 1'], "2:13 error: .subckt a: port 'p' is listed twice"],
    [['.subckt a p', 'R1 p 0 1', '.ends b', 'Vs n 0 1', 'Xa n a'], "4:7 error: .ends b closes .subckt a: expected '.ends a' or '.ends'"],
    [['.subckt a x', 'R1 x 0 1', 'Vs n 0 1'], '2:1 error: .subckt a is never closed: expected .ends before the end of the file'],
    [['.ends', 'Vs n 0 1', 'R1 n 0 1'], '2:1 error: .ends without a matching .subckt'],
    [['.subckt', '.ends', 'Vs n 0 1', 'R1 n 0 1'], '2:1 error: .subckt: missing subcircuit name: write .subckt <name> <ports...> [params: name=value ...]'],
    [['X1', 'Vs n 0 1', 'R1 n 0 1'], '2:1 error: subcircuit instance X1: missing subcircuit name: write X1 <nodes...> <subcircuit> [name=value ...]'],
    [['.subckt c p', 'RDYN1 p 0 RC=1 GAMMA=0 Q=C1', '.ends', 'C1 n 0 1n', 'X1 n c', 'Vs n 0 1'], '3:26 error: dynamic resistor RDYN1: Q=C1 names no element in its scope: expected the name of a capacitor, e.g. Q=Cslit1'],
    [['.subckt c p', 'R1 p 0 1', 'R1 p 0 2', '.ends', 'X1 n c', 'X2 n c', 'Vs n 0 1'], "4:1 error: duplicate element name 'X1.R1': first defined at t.cir:3:1"],
  ])('%j -> %s', (lines, message) => {
    expect(diagnose(netlist(...lines))[0]).toBe(message);
  });
});

describe('.include', () => {
  it('reads files relative to the including file, into the current subcircuit, without a title line', () => {
    const c = circuit(netlist('.include "lib/parts.cir"', 'X1 n 0 cell', 'Vs n 0 1'), {
      'lib/parts.cir': '* parts\n.subckt cell p q\n.inc more.cir\n.ends\n',
      'lib/more.cir': 'R1 p q {rval}\n.param rval=2k\n',
    });
    expect(c.elements[0]).toMatchObject({ name: 'X1.R1', resistance: 2000, loc: { file: 'lib/more.cir', line: 1, column: 1 } });
  });

  it('reports missing and circular includes at the .include line, and errors inside included files with their file', () => {
    expect(diagnose(netlist('.include "missing.cir"', ...BASE))).toEqual(["2:1 error: cannot read included file 'missing.cir': no such file"]);
    expect(diagnose(netlist('.include "a.cir"', ...BASE), { 'a.cir': '.include "b.cir"\n', 'b.cir': '.include "a.cir"\n' })).toEqual([
      'b.cir:1:1 error: circular .include: a.cir -> b.cir -> a.cir',
    ]);
    expect(diagnose(netlist('.include "t.cir"', ...BASE))).toEqual(['2:1 error: circular .include: t.cir -> t.cir']);
    expect(diagnose(netlist('.include "bad.cir"', ...BASE), { 'bad.cir': 'R9 n 0\nR8 n 0 {1\n' })).toEqual([
      'bad.cir:1:1 error: resistor R9: missing resistance: write R9 <n+> <n-> <resistance>',
      "bad.cir:2:10 error: expected '}', found end of line",
    ]);
  });

  it('asks the reader for canonical paths only once a file is included (a fit elaborates its template at every evaluation)', () => {
    const asked: string[] = [];
    const read = Object.assign(memoryReader({ 'parts.cir': 'R2 p 0 1k\n' }), {
      realPath: (path: string): string => {
        asked.push(relative(process.cwd(), path));
        return path;
      },
    });
    const messages = (text: string): string[] => elaborate(parseNetlist(text, { file: 't.cir' }).ast, { readFile: read }).diagnostics.map((d) => d.message);
    expect(messages(netlist(...BASE))).toEqual([]);
    expect(asked).toEqual([]);
    // An include inside a subcircuit still finds the cycle through the top file.
    expect(messages(netlist('.subckt c p', '.include "parts.cir"', '.include "t.cir"', '.ends', 'X1 a c', ...BASE))).toEqual(['circular .include: t.cir -> t.cir']);
    expect(asked).toEqual(['t.cir', 'parts.cir', 't.cir']);
  });
});

describe('topology', () => {
  it.each([
    [['R1 a b 1', 'R2 b c 1'], ["2:1 error: no element connects to ground: expected at least one element on node 0 (or 'gnd')"]],
    [['* nothing'], ['1:1 error: the netlist has no elements: expected element lines such as R1 a 0 1k']],
    [
      ['Vs a 0 1', 'C1 a b 1n', 'C2 b 0 1n', 'C3 c d 1n', 'C4 d c 2n', 'R9 c d 1'],
      [
        "3:1 warning: node 'b' has no DC path to ground: only capacitors connect it to the rest; the operating point is solved with gmin from every node to ground, as ngspice does (add a resistor to ground, e.g. Rleak b 0 1e12, or .options strictdc=1 to make this an error)",
        "5:1 warning: nodes 'c', 'd' have no DC path to ground: only capacitors connect them to the rest; the operating point is solved with gmin from every node to ground, as ngspice does (add a resistor to ground, e.g. Rleak c 0 1e12, or .options strictdc=1 to make this an error)",
      ],
    ],
    [['Is a 0 1', 'C1 a 0 1n'], ["2:1 error: node 'a' has no DC path to ground: only capacitors or current sources connect it to the rest (add a resistor to ground, e.g. Rleak a 0 1e12)"]],
    [['Vs a 0 1', 'V2 a b 1', 'V3 b 0 1', 'R1 a 0 1'], ['4:1 error: voltage source V3 closes a loop made only of voltage sources and inductors (with V2, Vs): the loop current is undetermined; add a resistor in series']],
    [['Vs a 0 1', 'L1 a 0 1u'], ['3:1 error: inductor L1 closes a loop made only of voltage sources and inductors (with Vs): the loop current is undetermined; add a resistor in series']],
    [['Vs a a 1', 'R1 a 0 1'], ["2:1 error: voltage source Vs connects node 'a' to itself: expected two different nodes"]],
    [['Vs a 0 1', 'R1 a b 1', 'R2 a 0 1'], ["3:1 warning: node 'b' has only one connection (R1): check the node name for a typo"]],
  ])('%j', (lines, messages) => {
    expect(diagnose(netlist(...lines))).toEqual(messages);
  });

  it('a warning alone still yields a circuit; an error never does', async () => {
    const { parseNetlist, elaborate } = await import('../../src/netlist/index.js');
    const warned = elaborate(parseNetlist(netlist('Vs a 0 1', 'R1 a b 1', 'R2 a 0 1'), { file: 't.cir' }).ast);
    expect(warned.circuit).toBeDefined();
    const failed = elaborate(parseNetlist(netlist('Vs a 0 1', 'V2 a 0 1'), { file: 't.cir' }).ast);
    expect(failed.circuit).toBeUndefined();
  });
});

describe('.include and .end', () => {
  it('stops reading an included file at its .end', () => {
    const c = circuit(netlist('.include "part.cir"', 'Vs a 0 1'), { 'part.cir': 'R1 a 0 1\n.end\nR2 a 0 {broken\n' });
    expect(c.elements.map((e) => e.name)).toEqual(['R1', 'Vs']);
  });
});

describe('loadNetlist on disk', () => {
  it('reads includes relative to the including file, and names a missing main file', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadNetlist } = await import('../../src/io/loadNetlist.js');
    const dir = mkdtempSync(join(tmpdir(), 'ncm-include-'));
    mkdirSync(join(dir, 'lib'));
    writeFileSync(join(dir, 'main.cir'), 'main\n.include "lib/a.cir"\nVs n 0 1\n');
    writeFileSync(join(dir, 'lib', 'a.cir'), '.include b.cir\n');
    writeFileSync(join(dir, 'lib', 'b.cir'), 'R1 n 0 {2*1k}\n');
    const ok = loadNetlist(join(dir, 'main.cir'));
    expect(ok.diagnostics).toEqual([]);
    expect(ok.circuit!.elements[0]).toMatchObject({ name: 'R1', resistance: 2000, loc: { file: join(dir, 'lib', 'b.cir'), line: 1, column: 1 } });
    const missing = loadNetlist(join(dir, 'nope.cir'));
    expect(missing.circuit).toBeUndefined();
    expect(missing.diagnostics).toEqual([
      { severity: 'error', message: `cannot read netlist '${join(dir, 'nope.cir')}': no such file`, loc: { file: join(dir, 'nope.cir'), line: 1, column: 1 } },
    ]);
  });
});
