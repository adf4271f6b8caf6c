import { describe, expect, it } from 'vitest';
import { BehaviouralTape } from '../../src/circuit/behaviouralTape.js';
import type { BehaviouralExpr } from '../../src/circuit/circuit.js';
import { column, errorsOf, opValues, runFirst } from './helpers.js';

describe('E and G (linear controlled sources)', () => {
  it('VCVS: v(out) = gain v(in), whatever the load', () => {
    const v = opValues('t\nV1 in 0 0.25\nR0 in 0 1k\nE1 out 0 in 0 -3\nRL out 0 10\n.op\n');
    expect(v['v(out)']).toBeCloseTo(-0.75, 12);
  });
  it('VCVS with a differential control', () => {
    const v = opValues('t\nV1 a 0 2\nV2 b 0 0.5\nR1 a 0 1k\nR2 b 0 1k\nE1 out 0 a b 2\nRL out 0 1\n.op\n');
    expect(v['v(out)']).toBeCloseTo(3, 12);
  });
  it('VCCS: i = gm v(c) flows from n+ through the source to n-', () => {
    // G1 0 out: the current leaves ground and enters `out` through the 1k load: v(out) = gm v(in) R.
    const v = opValues('t\nV1 in 0 2\nR0 in 0 1k\nG1 0 out in 0 1m\nRL out 0 1k\n.op\n');
    expect(v['v(out)']).toBeCloseTo(2, 12);
  });
});

describe('B (behavioural source)', () => {
  it('V= with params and functions', () => {
    const v = opValues('t\n.param k=2\nV1 a 0 0.5\nR1 a 0 1k\nB1 out 0 V={k*tanh(V(a)) + max(V(a),1)}\nRL out 0 1k\n.op\n');
    expect(v['v(out)']).toBeCloseTo(2 * Math.tanh(0.5) + 1, 12);
  });
  it('I= reading the current of a voltage source (a current mirror with gain)', () => {
    // I(Vs) is the SPICE branch current, n+ -> source -> n-: 1 mA here (1 V across 1k).
    const v = opValues('t\nV1 a 0 1\nVs a b 0\nR1 b 0 1k\nB1 0 out I={3*I(Vs)}\nRL out 0 100\n.op\n');
    expect(v['v(out)']).toBeCloseTo(0.3, 12);
  });
  it('a nonlinear I=V^2 load converges to the root of the quadratic', () => {
    // 1 V through 1 ohm into a load i = v^2: v + v^2 = 1.
    const v = opValues('t\nV1 in 0 1\nR1 in a 1\nB1 a 0 I={V(a)^2}\n.op\n');
    expect(v['v(a)']).toBeCloseTo((Math.sqrt(5) - 1) / 2, 6);
  });
  it('constant-power discharge of a capacitor: v^2 = v0^2 - 2 P t / C', () => {
    const P = 1e-3;
    const C = 1e-6;
    const r = runFirst(`cp\n.param P=${P}\nC1 a 0 ${C} ic=1\nRleak a 0 1e15\nB1 a 0 I={P/max(V(a),1m)}\n.options reltol=1e-6\n.tran 1u 400u uic\n`);
    const t = column(r, 'time');
    const va = column(r, 'v(a)');
    let worst = 0;
    for (let k = 1; k < t.length; k++) worst = Math.max(worst, Math.abs(va[k]! - Math.sqrt(1 - (2 * P * t[k]!) / C)));
    expect(va[va.length - 1]!).toBeCloseTo(Math.sqrt(1 - (2 * P * 400e-6) / C), 4);
    expect(worst).toBeLessThan(2e-4);
  });
  it('time-dependent expression', () => {
    const r = runFirst('t\nB1 a 0 V={sin(2*pi*1k*time)}\nR1 a 0 1\n.tran 10u 1m\n');
    const t = column(r, 'time');
    const va = column(r, 'v(a)');
    for (let k = 0; k < t.length; k += 7) expect(va[k]!).toBeCloseTo(Math.sin(2 * Math.PI * 1e3 * t[k]!), 10);
  });
  it('errors name the place and what was expected', () => {
    expect(errorsOf('t\nV1 a 0 1\nB1 a 0 I={foo(V(a))}\n.op\n')).toEqual([
      expect.stringMatching(/test\.cir:3:\d+: .*behavioural source B1: unknown function 'foo': expected v\(\), i\(\) or one of sqrt/),
    ]);
    expect(errorsOf('t\nV1 a 0 1\nB1 a 0 {V(a)}\n.op\n')[0]).toMatch(/test\.cir:3:8: .*behavioural source B1: expected I=\{expression\} or V=\{expression\}/);
    expect(errorsOf('t\nV1 a 0 1\nB1 a 0 I={max(V(a))}\n.op\n')[0]).toMatch(/test\.cir:3:\d+: .*max\(\) takes at least 2 arguments, found 1/);
  });
});

describe('behavioural tape: exact derivatives', () => {
  // Inputs 0..2 are unknowns x[0..2]; ground index 3.
  const v = (n: number, ref = 0): BehaviouralExpr => ({ kind: 'v', node: n, ref });
  const c = (value: number): BehaviouralExpr => ({ kind: 'const', value });
  const bin = (op: '+' | '-' | '*' | '/' | '^', left: BehaviouralExpr, right: BehaviouralExpr): BehaviouralExpr => ({ kind: 'bin', op, left, right });
  const fn = (f: string, ...args: BehaviouralExpr[]): BehaviouralExpr => ({ kind: 'fn', fn: f, args });
  const exprs: BehaviouralExpr[] = [
    bin('/', c(2e-3), fn('max', v(1, 2), c(1e-3))),
    fn('tanh', bin('*', v(1), v(2))),
    bin('^', fn('abs', v(1, 3)), c(1.5)),
    fn('exp', bin('-', fn('log', fn('sqrt', bin('+', bin('*', v(1), v(1)), c(1)))), fn('sin', v(3)))),
    fn('pow', v(2), v(1)),
    fn('atan2', v(1), bin('+', v(2), fn('cosh', v(3)))),
    fn('min', fn('sinh', v(1)), fn('atan', v(2)), { kind: 'neg', arg: v(3) }),
    bin('*', { kind: 'time' }, fn('log10', bin('+', c(3), v(1, 2)))),
  ];
  it('reverse-mode gradient matches central finite differences', () => {
    const x = new Float64Array([0.37, 0.81, -0.52, 0]);
    for (const e of exprs) {
      const tape = new BehaviouralTape(e, (n) => (n === 0 ? 3 : n - 1), () => 0, 3);
      tape.evaluate(x, 0.7);
      const grad = Float64Array.from(tape.grad);
      tape.inputs.forEach((u, j) => {
        const h = 1e-6;
        const xp = Float64Array.from(x);
        const xm = Float64Array.from(x);
        xp[u] += h;
        xm[u] -= h;
        const fd = (tape.evaluate(xp, 0.7) - tape.evaluate(xm, 0.7)) / (2 * h);
        expect(Math.abs(grad[j]! - fd)).toBeLessThan(1e-7 * Math.max(1, Math.abs(fd)));
      });
    }
  });
  it('ground reads are constants and inputs are distinct unknowns', () => {
    const tape = new BehaviouralTape(bin('*', v(1, 0), v(1, 2)), (n) => (n === 0 ? 3 : n - 1), () => 0, 3);
    expect(tape.inputs).toEqual([0, 1]);
  });
});

describe('S (switch)', () => {
  it('time-controlled switch discharges a capacitor from its switching time on', () => {
    const r = runFirst('t\nC1 a 0 1u ic=1\nS1 a b TIME VT=10u RON=1 ROFF=1e12\nR1 b 0 9\n.options reltol=1e-5\n.tran 0.1u 50u uic\n');
    const t = column(r, 'time');
    const va = column(r, 'v(a)');
    expect(Array.from(t)).toContain(10e-6);
    // Row 0 is the uic start (all unknowns zero); the capacitor's state is its ic.
    for (let k = 1; k < t.length; k++) {
      const want = t[k]! <= 10e-6 ? 1 : Math.exp(-(t[k]! - 10e-6) / 10e-6);
      expect(Math.abs(va[k]! - want)).toBeLessThan(2e-3);
    }
  });
  it('smooth voltage-controlled switch: ron above, roff below, log-conductance cubic between', () => {
    const at = (vc: number): number => opValues(`t\nVc c 0 ${vc}\nRc c 0 1k\nV1 a 0 1\nS1 a b c 0 VT=0.5 WIDTH=0.2 RON=10 ROFF=1meg\nR1 b 0 10\n.op\n`)['v(b)']!;
    expect(at(1)).toBeCloseTo(0.5, 10);
    expect(at(0)).toBeCloseTo(10 / (1e6 + 10), 12);
    const z = (0.55 - 0.4) / 0.2;
    const g = 1e-6 * Math.exp(Math.log(1e5) * z * z * (3 - 2 * z));
    expect(at(0.55)).toBeCloseTo((10 * g) / (1 + 10 * g), 10);
  });
  it('hysteretic switch makes a relaxation oscillator between vt - vh and vt + vh', () => {
    const r = runFirst('t\nI1 0 a 1m\nC1 a 0 1u\nS1 a 0 a 0 VT=0.5 VH=0.1 RON=1 ROFF=1e9\n.options reltol=1e-4\n.tran 1u 3m 0 2u uic\n');
    const t = column(r, 'time');
    const va = column(r, 'v(a)');
    let hi = -Infinity;
    let lo = Infinity;
    for (let k = 0; k < t.length; k++) {
      if (t[k]! < 1e-3) continue;
      hi = Math.max(hi, va[k]!);
      lo = Math.min(lo, va[k]!);
    }
    // The integrator lands just past each threshold crossing (the switch's event, located by the integrator), so the sawtooth turns
    // there: within 1e-4 V of 0.6 and 0.4 V.
    expect(hi).toBeGreaterThanOrEqual(0.6);
    expect(hi).toBeLessThan(0.6 + 1e-4);
    expect(lo).toBeLessThanOrEqual(0.4);
    expect(lo).toBeGreaterThan(0.4 - 1e-4);
  });
  it('errors', () => {
    expect(errorsOf('t\nV1 a 0 1\nS1 a 0 a 0 RON=1\n.op\n')[0]).toMatch(/test\.cir:3:1: .*switch S1: missing VT=<threshold>/);
    expect(errorsOf('t\nV1 a 0 1\nS1 a 0 a 0 VT=1 RON=10 ROFF=1\n.op\n')[0]).toMatch(/test\.cir:3:\d+: .*switch S1: ROFF must be larger than RON/);
  });
});

describe('S with an ngspice .model', () => {
  it('takes its parameters from the model; inline values override', () => {
    const net = (line: string): string =>
      `t\nVc c 0 0.55\nRc c 0 1k\nV1 a 0 1\n.model swm SW(VT=0.5 VH=0 RON=10 ROFF=1meg WIDTH=0.2)\n${line}\nR1 b 0 10\n.op\n`;
    const inline = opValues(net('S1 a b c 0 VT=0.5 WIDTH=0.2 RON=10 ROFF=1meg'))['v(b)']!;
    expect(opValues(net('S1 a b c 0 swm'))['v(b)']).toBeCloseTo(inline, 12);
    expect(opValues(net('S1 a b c 0 swm RON=1'))['v(b)']).not.toBeCloseTo(inline, 3);
  });
  it('a missing model is an error at its name', () => {
    expect(errorsOf('t\nV1 a 0 1\nR1 a 0 1\nS1 a 0 a 0 nomodel\n.op\n')[0]).toMatch(/test\.cir:4:12: .*switch S1: no \.model named 'nomodel'/);
    expect(errorsOf('t\n.model m1 D(IS=1)\n')[0]).toMatch(/test\.cir:2:11: .*\.model m1: expected the type SW\(\.\.\.\) \(switch\)/);
  });
});

describe('probes of the load elements', () => {
  it('i(B) of an I= source is the current delivered into the circuit at n+ (minus the expression)', () => {
    const r = runFirst('t\nC1 a 0 1u ic=1\nRleak a 0 1e15\nB1 a 0 I={1m/max(V(a),1m)}\n.tran 1u 100u uic\n');
    const va = column(r, 'v(a)');
    const ib = column(r, 'i(b1)');
    for (let k = 1; k < va.length; k += 5) expect(ib[k]! * va[k]!).toBeCloseTo(-1e-3, 12);
  });
});
