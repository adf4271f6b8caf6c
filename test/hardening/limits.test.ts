/**
 * Inputs that used to crash the process (issue 19): names that are Object.prototype members, and
 * nesting deep enough to overflow the stack. Each must end in one positioned error, exit 1.
 */
import { describe, expect, it } from 'vitest';
import { ncm } from '../helpers/cli.js';
import { deckDir } from './decks.js';

const deck = deckDir('limits');

async function checkError(file: string): Promise<string> {
  const r = await ncm('check', file);
  expect(r.stdout).toBe('');
  expect(r.status).toBe(1);
  expect(r.stderr).not.toContain('internal error');
  return r.stderr;
}

describe('names that exist on Object.prototype are unknown names', () => {
  it('{constructor(1)} is an unknown function, {constructor} an unknown parameter', async () => {
    const f = deck('ctor.cir', 'proto\nV1 a 0 DC 1\nR1 a 0 {constructor(1)}\n.param x={__proto__}\nR2 a 0 {toString}\n.op\n.end\n');
    const err = await checkError(f);
    expect(err.split('\n').slice(0, 3)).toEqual([
      `${f}:4:11: error: unknown parameter '__proto__': expected a parameter defined with .param or a number`,
      `${f}:3:9: error: unknown function 'constructor': expected one of sqrt, exp, log, ln, log10, abs, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, floor, ceil, round, sgn, min, max, pow, atan2`,
      `${f}:5:9: error: unknown parameter 'tostring': expected a parameter defined with .param or a number`,
    ]);
  });

  it('a B source calling constructor() and .options method=constructor are refused', async () => {
    const f = deck('bctor.cir', 'b\nV1 a 0 DC 1\nR1 a 0 1k\nB1 b 0 I={constructor(v(a))}\nR2 b 0 1k\n.options method=constructor\n.op\n.end\n');
    const err = await checkError(f);
    expect(err).toContain(`${f}:4:11: error: behavioural source B1: unknown function 'constructor': expected v(), i() or one of sqrt,`);
    expect(err).toContain(`${f}:6:10: error: .options method=constructor: expected be, trap or gear\n`);
  });
});

describe('nesting limits give a positioned error instead of a stack overflow', () => {
  it('1000 nested parentheses', async () => {
    const f = deck('parens.cir', `deep\nV1 a 0 DC 1\nR1 a 0 {${'('.repeat(1000)}1k${')'.repeat(1000)}}\n.op\n.end\n`);
    expect(await checkError(f)).toBe(
      `${f}:3:108: error: parentheses nested more than 100 deep: simplify the expression or split it into .param lines (the line is ignored)\nerror: 1 error in ${f}\n`,
    );
  });

  it('a 10,000-term sum in a value and in a B source; 5000 leading signs', async () => {
    const terms = Array.from({ length: 10_000 }, () => '1').join('+');
    const f = deck('sum.cir', `sum\nV1 a 0 DC 1\nR1 a 0 {${terms}}\nB1 b 0 I={${Array.from({ length: 10_000 }, () => 'v(a)').join('+')}}\nR2 b 0 {${'-'.repeat(5000)}1k}\n.op\n.end\n`);
    expect((await checkError(f)).split('\n').slice(0, 3)).toEqual([
      `${f}:3:18009: error: expression nested more than 1000 operations deep: split it into several .param lines`,
      `${f}:4:45018: error: expression nested more than 1000 operations deep: split it into several .param lines`,
      `${f}:5:1009: error: expression nested more than 1000 operations deep: split it into several .param lines`,
    ]);
  });

  it('a 1000-term sum (999 deep) is still evaluated', async () => {
    const f = deck('sum1000.cir', `sum\nV1 a 0 DC 1\nR1 a 0 {${Array.from({ length: 1000 }, () => '1').join('+')}}\n.op\n.end\n`);
    const r = await ncm('check', f);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('5000 nested .subckt definitions', async () => {
    let text = 'nest\nV1 a 0 DC 1\nR1 a 0 1k\n';
    for (let i = 0; i < 5000; i++) text += `.subckt s${i} x\n`;
    text += 'R9 x 0 1k\n' + '.ends\n'.repeat(5000) + '.op\n.end\n';
    const f = deck('nested-subckt.cir', text);
    expect(await checkError(f)).toBe(`${f}:104:1: error: .subckt s100 is nested more than 100 definitions deep: define subcircuits side by side\nerror: 1 error in ${f}\n`);
  });

  it('a 3000-deep chain of subcircuit instances', async () => {
    let text = 'chain\nV1 a 0 DC 1\nR1 a 0 1k\n.subckt s0 x\nR9 x 0 1k\n.ends\n';
    for (let i = 1; i < 3000; i++) text += `.subckt s${i} x\nX1 x s${i - 1}\n.ends\n`;
    const f = deck('chain.cir', `${text}X0 a s2999\n.op\n.end\n`);
    expect(await checkError(f)).toBe(
      `${f}:8405:1: error: X1: subcircuit instances nested more than 200 deep (s2999 -> s2998 -> s2997 -> ... -> s2799): flatten the hierarchy\nerror: 1 error in ${f}\n`,
    );
  });

  it('a chain of 1500 parameters each defined by the next', async () => {
    let text = 'params\nV1 a 0 DC 1\nR1 a 0 {p0}\n';
    for (let i = 0; i < 1500; i++) text += `.param p${i}={p${i + 1}+1}\n`;
    const f = deck('pchain.cir', `${text}.param p1500=1\n.op\n.end\n`);
    expect(await checkError(f)).toBe(
      `${f}:1004:8: error: parameter 'p1000' depends on a chain of more than 1000 parameters (p0 -> ... -> p1000): define fewer parameters in terms of one another\nerror: 1 error in ${f}\n`,
    );
  });
});

describe('sizes are estimated at check time and refused with the estimate', () => {
  it('.ladder layers=1e15 and 1e9', async () => {
    const line = (layers: string) => `lad\nVm m 0 DC 0\n.ladder E m 0 layers=${layers} model=ncm rc=5 gamma=0.5 ctotal=8e-8 ropen=1 qmax=peak\n.cv Vm 0 0.2 rate=20mV/us cycles=2\n.end\n`;
    for (const [layers, shown] of [['1e15', '1e+15'], ['1e9', '1e+9']] as const) {
      const f = deck(`ladder-${layers}.cir`, line(layers));
      expect(await checkError(f)).toBe(
        `${f}:3:22: error: .ladder E: layers=${shown} would make ${shown.replace('1e', '2e')} unknowns, more than the limit of 1,000,000 layers (2,000,000 unknowns)\nerror: 1 error in ${f}\n`,
      );
    }
  });

  it('.cv cycles=1e9 and .tran 1p 1 exceed the step budget', async () => {
    const f = deck('steps.cir', 'steps\nVm m 0 DC 0\nR1 m a 1\nC1 a 0 1u\n.cv Vm 0 0.2 rate=20mV/us cycles=1e9\n.tran 1p 1\n.end\n');
    expect(await checkError(f)).toBe(
      [
        `${f}:5:1: error: .cv: needs at least 1e+11 time steps (1e+9 cycles of at least 100 steps each), more than the budget of 1,000,000 (.options maxsteps=): shorten the run or raise the step`,
        `${f}:6:1: error: .tran: needs at least 1e+12 time steps (1 s at most 1 ps per step, tmax = min(tstep, span/50) unless given), more than the budget of 1,000,000 (.options maxsteps=): shorten the run or raise the step`,
        `error: 2 errors in ${f}`,
        '',
      ].join('\n'),
    );
  });

  it('.ac dec 10 1e-308 1g has 3171 frequencies and passes check (was: Invalid typed array length); 3e7 are refused', async () => {
    const f = deck('ac.cir', 'ac\nV1 a 0 DC 0 AC 1\nR1 a b 1k\nC1 b 0 1u\n.ac dec 10 1e-308 1g\n.end\n');
    const r = await ncm('check', f);
    expect(r.status).toBe(0);
    const { acFrequencies } = await import('../../src/analyses/acFrequencies.js');
    const fr = acFrequencies({ sweep: 'dec', points: 10, fStart: 1e-308, fStop: 1e9 });
    expect(fr.length).toBe(3171);
    expect(fr[0]).toBe(1e-308);
    const big = deck('ac-big.cir', 'ac\nV1 a 0 DC 0 AC 1\nR1 a b 1k\nC1 b 0 1u\n.ac dec 1e5 1e-300 1g\n.end\n');
    expect(await checkError(big)).toBe(
      `${big}:5:1: error: .ac: 30,900,001 frequencies from 1e-300 Hz to 1 GHz, more than the limit of 1,000,000: narrow the range or take fewer points\nerror: 1 error in ${big}\n`,
    );
  });

  it('two 1e5-point .step lines', async () => {
    const f = deck('step.cir', 'st\nV1 a 0 DC 1\nR1 a 0 {r}\n.param r=1k c=1\n.step param r 1 100000 1\n.step param c 1 100000 1\n.op\n.end\n');
    const r = await ncm('check', f);
    expect(r.stderr).toBe(`${f}:5:1: error: the sweep has 1e+10 points (r: 100000 x c: 100000), more than the limit of 100,000: take fewer values\n`);
    expect(r.status).toBe(1);
  });
});
