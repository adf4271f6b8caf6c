import { describe, expect, it } from 'vitest';
import { runTran } from '../../src/analyses/tran.js';
import { runOp } from '../../src/analyses/op.js';
import { runCv } from '../../src/analyses/cv.js';
import type { TranAnalysis } from '../../src/circuit/circuit.js';
import { ConvergenceError, InputError, NcmError, SingularMatrixError, StepBudgetError, UsageError } from '../../src/diagnostics.js';
import { buildLadder } from '../../src/electrode/ladder.js';
import { CircuitBuilder } from './circuitBuilder.js';

const loc = { file: 'test.cir', line: 77, column: 1 };
const tran = (uic = false): TranAnalysis => ({ kind: 'tran', tstep: 1e-6, tstop: 1e-5, tstart: 0, uic, loc });

function thrown(f: () => unknown): NcmError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NcmError);
    return e as NcmError;
  }
  throw new Error('expected an NcmError');
}

describe('bad runs give clear errors', () => {
  it('names a floating node and the element at it', () => {
    // R2 hangs between a and b with nothing else attached: their voltages are undetermined.
    const c = new CircuitBuilder().v('V1', 'in', '0', { kind: 'dc', value: 1 }).r('R1', 'in', '0', 1e3).r('R2', 'a', 'b', 1e3).build();
    const e = thrown(() => runTran(c, tran(true)));
    expect(e.message).toMatch(/^singular matrix at t = [0-9.e-]+ s: node '(a|b)' is floating .*connected to R2/);
    expect(e).toBeInstanceOf(SingularMatrixError);
    expect(e.kind).toBe('singular');
    expect(e.loc).toEqual({ file: 'test.cir', line: 3, column: 1 });
  });

  it('names a loop of voltage sources', () => {
    const c = new CircuitBuilder().v('V1', 'a', '0', { kind: 'dc', value: 1 }).v('V2', 'a', '0', { kind: 'dc', value: 2 }).r('R1', 'a', '0', 1).build();
    const e = thrown(() => runOp(c, { kind: 'op', loc }));
    expect(e.message).toMatch(/singular matrix in the DC operating point .*the current i\(v[12]\) is undetermined: V[12] forms a loop of voltage sources/);
    expect([1, 2]).toContain(e.loc?.line);
  });

  it('solves a capacitor-only node by gmin stepping and says so', () => {
    // Node mid sits between two capacitors: no DC path to ground.
    const c = new CircuitBuilder().v('V1', 'in', '0', { kind: 'dc', value: 1 }).c('C1', 'in', 'mid', 1e-9).c('C2', 'mid', '0', 1e-9).build();
    const r = runOp(c, { kind: 'op', loc });
    expect(r.summary.method).toBe('gmin-stepping');
    expect(r.warnings[0]).toMatch(/v\(mid\) has no DC solution on its own/);
  });

  it('stops at the step budget with the time reached', () => {
    const c = buildLadder({ layers: 6, rc: 5, cTotal: 0.08e-6, options: { maxsteps: 25 } });
    const e = thrown(() => runCv(c, { kind: 'cv', source: 'vm', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 2e4, cycles: 1, loc }));
    expect(e.message).toMatch(/^\.cv: the budget of 25 time steps ran out at t = [0-9.e-]+ s of 2e-5 s .*Raise \.options maxsteps=/);
    expect(e).toBeInstanceOf(StepBudgetError);
    expect([e.kind, e.exitCode]).toEqual(['step-budget', 1]);
  });

  it('reports a Newton failure with time, step and worst unknown as "time step too small"', () => {
    // itl4=1 cannot converge a nonlinear circuit (it needs a confirming iteration).
    const c = buildLadder({ layers: 3, rc: 5, cTotal: 0.08e-6, gamma: 0.9, qmax: 1e-9, options: { itl4: 1 } });
    const e = thrown(() => runCv(c, { kind: 'cv', source: 'vm', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 2e4, cycles: 1, loc }));
    expect(e.message).toMatch(/^time step too small at t = [0-9.e-]+ s \(step [0-9.e-]+ s\): Newton did not converge in 1 iterations; worst unknown (v|i)\(\w+\)/);
    expect(e).toBeInstanceOf(ConvergenceError);
    expect(e.kind).toBe('convergence');
    expect(e.loc?.file).toBe('<ladder>');
  });

  it('rejects bad options with what was expected', () => {
    const c = buildLadder({ layers: 2, rc: 5, cTotal: 1e-8, options: { method: 'rk4' } });
    const e = thrown(() => runOp(c, { kind: 'op', loc }));
    expect(e).toBeInstanceOf(InputError);
    expect([e.message, e.kind, e.exitCode]).toEqual(['.options method=rk4: expected be, trap or gear', 'input', 1]);
  });
});

describe('error kinds', () => {
  it('a usage error exits 2 and says so; other kinds exit 1', () => {
    expect([new NcmError('--x', { exitCode: 2 }).kind, new UsageError('--x').exitCode, new UsageError('--x').kind]).toEqual(['usage', 2, 'usage']);
    expect([new NcmError('bad').kind, new InputError('bad').exitCode, new ConvergenceError('c').exitCode]).toEqual(['input', 1, 1]);
    expect(new SingularMatrixError('s', { unknown: 3 }).unknown).toBe(3);
  });
});
