import { describe, expect, it } from 'vitest';
import { EVENT_TOL } from '../../src/analyses/protocol.js';
import { resultOfKind } from '../../src/analyses/result.js';
import type { StepMeasures } from '../../src/analyses/protocolMeasures.js';
import { column, errorsOf, runFirst } from './helpers.js';

const steps = (r: ReturnType<typeof runFirst>): StepMeasures[] => resultOfKind(r, 'protocol').summary.steps;

describe('.protocol: galvanostatic charge/discharge of a series RC (exact: a linear ramp)', () => {
  const R = 10;
  const C = 1e-6;
  const I = 1e-3;
  const r = runFirst(`gcd\nVcell p 0 0\nR1 p n ${R}\nC1 n 0 ${C}\n.protocol Vcell\n+ charge 1mA until 0.4V\n+ rest 10us\n+ discharge 1mA until 0.1V\n+ hold 0.25V for 20us\n+ repeat 2\n`);
  const s = steps(r);

  it('charges along v = R I + I t / C and ends on the limit', () => {
    const t = column(r, 'time');
    const v = column(r, 'v(port)');
    const end = s[0]!;
    expect(end.endedBy).toBe('limit');
    expect(Math.abs(end.vEnd - 0.4)).toBeLessThanOrEqual(EVENT_TOL * 0.4);
    expect(end.tEnd).toBeCloseTo(((0.4 - R * I) * C) / I, 12);
    for (let k = 1; k < t.length && t[k]! <= end.tEnd; k++) expect(v[k]!).toBeCloseTo(R * I + (I * t[k]!) / C, 9);
  });

  it('rest: the IR drop vanishes and the capacitor holds its voltage', () => {
    expect(s[1]!.vEnd).toBeCloseTo(0.4 - R * I, 9);
    expect(s[1]!.tEnd - s[1]!.tStart).toBeCloseTo(10e-6, 12);
  });

  it('discharge: capacitance from the slope, IR drop and ESR', () => {
    const d = s[2]!;
    expect(d.capacitance!).toBeCloseTo(C, 12);
    expect(d.irDrop!).toBeCloseTo(R * I, 9);
    expect(d.esr!).toBeCloseTo(R, 6);
    expect(Math.abs(d.vEnd - 0.1)).toBeLessThanOrEqual(EVENT_TOL * 0.4);
    // Charge out = C * (0.39 - 0.11) exactly.
    expect(-d.charge).toBeCloseTo(C * (0.39 - 0.11), 12);
  });

  it('hold: the current decays as exp(-t / RC) toward the held voltage', () => {
    const h = s[3]!;
    expect(h.vEnd).toBeCloseTo(0.25, 12);
    // Charge into the cell during the hold: C (0.25 - 0.11) (1 - exp(-20us / 10us)).
    expect(h.charge).toBeCloseTo(C * 0.14 * (1 - Math.exp(-2)), 9);
  });

  it('cycles: coulombic efficiency 1 in the periodic second cycle, energy efficiency from the R losses', () => {
    const cycles = resultOfKind(r, 'protocol').summary.cycleMeasures;
    expect(cycles).toHaveLength(2);
    expect(s.filter((x) => x.cycle === 2)).toHaveLength(4);
    for (const c of cycles) expect(c.energyOut).toBeLessThan(c.energyIn);
  });
});

describe('.protocol: constant-power discharge of a capacitor (closed form v^2 = v0^2 - 2 P t / C)', () => {
  it('follows the closed form and ends at the cut-off at t = C (v0^2 - vf^2) / 2P', () => {
    const C = 1e-6;
    const P = 2e-3;
    // A tiny series resistance only (the port needs a node of its own).
    const r = runFirst(`cp\nVcell p 0 1\nR1 p n 1u\nC1 n 0 ${C}\n.options reltol=1e-6\n.protocol Vcell\n+ discharge 2mW until 0.2V\n`);
    const d = steps(r)[0]!;
    expect(d.endedBy).toBe('limit');
    expect(Math.abs(d.tEnd / ((C * (1 - 0.04)) / (2 * P)) - 1)).toBeLessThan(1e-5);
    const t = column(r, 'time');
    const v = column(r, 'v(port)');
    for (let k = 1; k < t.length; k++) expect(v[k]!).toBeCloseTo(Math.sqrt(1 - (2 * P * t[k]!) / C), 4);
    // Energy delivered = the capacitor's energy loss (lossless).
    expect(-d.energy).toBeCloseTo(0.5 * C * (1 - 0.04), 10);
    expect(-d.energy).toBeCloseTo(P * d.tEnd, 10);
  });
});

describe('energy balance: delivered to a resistive load = taken from the capacitors - losses', () => {
  it('holds for a two-capacitor cell discharging into a load at constant current', () => {
    // Cell: C1 || (R2 + C2) behind Rs; discharge at constant current, then rest.
    const Rs = 5;
    const r = runFirst(
      `e\nVcell p 0 1\nRs p a ${Rs}\nC1 a 0 1u\nR2 a b 20\nC2 b 0 2u\n.options reltol=1e-6\n.protocol Vcell\n+ discharge 5mA until 0.3V\n+ rest 200us\n`,
    );
    const t = column(r, 'time');
    const v = column(r, 'v(port)');
    const i = column(r, 'i(port)');
    const s = steps(r);
    const eOut = -(s[0]!.energy + s[1]!.energy);
    // Capacitor voltages at the end (after the rest they are equal: v(port) with i = 0).
    const vEnd = v[v.length - 1]!;
    const eCaps = 0.5 * 1e-6 * (1 - vEnd * vEnd) + 0.5 * 2e-6 * (1 - vEnd * vEnd);
    // Losses in Rs (from the port current) and in R2 (from its current, via the node voltages).
    let lossRs = 0;
    for (let k = 1; k < t.length; k++) lossRs += 0.5 * (i[k - 1]! ** 2 + i[k]! ** 2) * Rs * (t[k]! - t[k - 1]!);
    const va = column(r, 'v(a)');
    const vb = column(r, 'v(b)');
    let lossR2 = 0;
    for (let k = 1; k < t.length; k++) lossR2 += (0.5 * ((va[k - 1]! - vb[k - 1]!) ** 2 + (va[k]! - vb[k]!) ** 2) * (t[k]! - t[k - 1]!)) / 20;
    expect(eOut).toBeGreaterThan(0);
    expect(Math.abs(eOut - (eCaps - lossRs - lossR2)) / eCaps).toBeLessThan(2e-3);
  });
});

describe('.protocol errors', () => {
  it('names the line, column and what was expected', () => {
    expect(errorsOf('t\nVcell p 0 0\nC1 p 0 1u\nR1 p 0 1meg\n.protocol Vcell\n+ charge 1mA until 0.4V\n+ sleep 10us\n.end\n')[0]).toMatch(
      /test\.cir:7:3: .*\.protocol: unknown step 'sleep': expected charge\|discharge/,
    );
    expect(errorsOf('t\nVcell p 0 0\nC1 p 0 1u\nR1 p 0 1meg\n.protocol Vcell\n+ charge 1mA\n')[0]).toMatch(
      /test\.cir:6:3: .*\.protocol: charge: expected until <volts> or for <seconds> after the current/,
    );
    expect(errorsOf('t\nVcell p 0 0\nC1 p 0 1u\nR1 p 0 1meg\n.protocol C1\n+ rest 1u\n')[0]).toMatch(
      /test\.cir:5:11: .*\.protocol: 'C1' is the capacitor: expected the voltage or current source on the cell's port/,
    );
    expect(errorsOf('t\nVcell p 0 0\nC1 p 0 1u\nR1 p 0 1meg\n.protocol Vcell\n+ discharge -1mA until 0.1V\n')[0]).toMatch(
      /test\.cir:6:13: .*\.protocol: the current must be positive/,
    );
  });
  it('an unreachable limit is a clear run-time error', () => {
    // A 1k resistor alone: at 1 mA the port sits at 1 V forever.
    expect(() => runFirst('t\nVcell p 0 0\nR1 p 0 1k\nC1 p 0 1n\n.protocol Vcell\n+ charge 1mA until 2V\n')).toThrow(/did not reach the limit 2 V/);
  });
});

describe('.protocol: constant power beyond the maximum power point', () => {
  it('ends the step at the maximum power point, located as an event (v_c^2 = 4 R P, port at v_c / 2), with no Newton failure', () => {
    // 1 uF at 1 V behind 100 ohm, 1 mW: the power can be held until v_c = sqrt(4 R P) = 0.632 V,
    // when the port sits at v_c / 2 = 0.316 V, above the 0.1 V cut-off.
    const r = resultOfKind(runFirst('mpp\nVcell p 0 1\nR1 p n 100\nC1 n 0 1u\n.options reltol=1e-6\n.protocol Vcell\n+ discharge 1mW until 0.1V\n'), 'protocol');
    const s = r.summary.steps[0]!;
    expect(s.endedBy).toBe('collapse');
    // The step ends where the power margin 1 - R|i|/v is about 0.01 (measured 0.0135): the capacitor
    // voltage is within 1e-4 of sqrt(4RP) (measured 2.3e-5 above it), and v i = -P still holds.
    const vc = column(r, 'v(n)').at(-1)!;
    const v = column(r, 'v(port)').at(-1)!;
    const i = column(r, 'i(port)').at(-1)!;
    expect(vc / Math.sqrt(4 * 100 * 1e-3) - 1).toBeGreaterThan(0);
    expect(vc / Math.sqrt(4 * 100 * 1e-3) - 1).toBeLessThan(1e-4);
    expect(1 + (100 * i) / v).toBeGreaterThan(0.005);
    expect(1 + (100 * i) / v).toBeLessThan(0.02);
    expect(v * i).toBeCloseTo(-1e-3, 12);
    expect(r.stats?.newtonFailures).toBe(0);
    expect(r.warnings[0]).toMatch(/the cell cannot deliver 0\.001 W beyond t = .* at its maximum power point/);
  });
});

describe('.protocol on a current source', () => {
  it('starts from the ic= values and drives the port the same way', () => {
    const r = runFirst('i\nIcell p 0 0\nR1 p n 10\nC1 n 0 1u ic=0.1\nRleak n 0 1e15\n.protocol Icell\n+ charge 1mA until 0.4V\n');
    const s = steps(r)[0]!;
    // v = 0.1 + R I + I t / C reaches 0.4 V at t = (0.4 - 0.11) C / I.
    expect(s.tEnd).toBeCloseTo((0.29 * 1e-6) / 1e-3, 12);
    expect(column(r, 'i(icell)')[column(r, 'i(icell)').length - 1]).toBeCloseTo(1e-3, 15);
  });
});
