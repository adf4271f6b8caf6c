import { describe, expect, it } from 'vitest';
import { loadNetlist } from '../../src/io/loadNetlist.js';
import type { Circuit, CircuitElement } from '../../src/circuit/circuit.js';

function load(path: string): Circuit {
  const { circuit, diagnostics } = loadNetlist(path);
  expect(diagnostics).toEqual([]);
  expect(circuit).toBeDefined();
  return circuit!;
}

function byName(c: Circuit, name: string): CircuitElement {
  const el = c.elements.find((e) => e.name === name);
  if (!el) throw new Error(`no element ${name}`);
  return el;
}

const nodes = (c: Circuit, el: CircuitElement): string[] => el.nodes.map((n) => c.nodeNames[n]!);

describe.each([
  ['netlists/ncm-6.cir', 'RDYN'],
  ['netlists/tlm-6.cir', 'R'],
])('bundled ladder %s', (path, kind) => {
  const c = load(path);

  it('drives the electrode rail m from ground with Vm and opens with Ropen, Copen', () => {
    expect(nodes(c, byName(c, 'Vm'))).toEqual(['m', '0']);
    expect(byName(c, 'Vm')).toMatchObject({ kind: 'V', waveform: { kind: 'dc', value: 0 } });
    expect(nodes(c, byName(c, 'Ropen'))).toEqual(['0', 's0']);
    expect(byName(c, 'Ropen')).toMatchObject({ kind: 'R', resistance: 1 });
    expect(nodes(c, byName(c, 'Copen'))).toEqual(['m', 's0']);
    expect((byName(c, 'Copen') as { capacitance: number }).capacitance).toBeCloseTo(0.08e-6 / 12, 20);
  });

  it('has six slit capacitors on the rail, 0.08 uF in total', () => {
    let total = 0;
    for (let k = 1; k <= 6; k++) {
      const cap = byName(c, `Cslit${k}`);
      expect(nodes(c, cap)).toEqual(['m', `s${k}`]);
      total += (cap as { capacitance: number }).capacitance;
    }
    expect(total).toBeCloseTo(0.08e-6, 18);
  });

  it('joins slit k-1 to slit k by a trans-slit resistor of R_c = 5 ohm', () => {
    const trans = c.elements.filter((e) => e.kind === kind && e.name !== 'Ropen');
    expect(trans).toHaveLength(6);
    trans.forEach((el, i) => {
      expect(nodes(c, el)).toEqual([`s${i}`, `s${i + 1}`]);
      if (el.kind === 'RDYN') {
        expect(el).toMatchObject({ rc: 5, gamma: 0.5, qmax: 'peak', control: i === 0 ? 'copen' : `cslit${i}` });
      } else expect(el).toMatchObject({ kind: 'R', resistance: 5 });
    });
  });

  it('runs two CV cycles 0 -> 0.2 V -> 0 at 20 mV/us through Vm', () => {
    expect(c.analyses).toEqual([
      { kind: 'cv', source: 'vm', vStart: 0, vVertex: 0.2, vEnd: 0, rate: 20_000, cycles: 2, loc: { file: path, line: expect.any(Number), column: 1 } },
    ]);
    expect(c.options).toEqual({ method: 'trap', reltol: 1e-6 });
    expect(c.saves.map((s) => s.label)).toEqual([
      'i(vm)', 'v(s1)', 'v(s2)', 'v(s3)', 'v(s4)', 'v(s5)', 'v(s6)', 'q(copen)', 'q(cslit1)', 'q(cslit2)', 'q(cslit3)', 'q(cslit4)', 'q(cslit5)', 'q(cslit6)',
    ]);
  });
});

describe('ngspice compatibility fixture netlists/rc.cir', () => {
  it('parses unchanged: PULSE source, R, C, .tran, .print; the .control block is skipped with a warning', () => {
    const { circuit, diagnostics } = loadNetlist('netlists/rc.cir');
    expect(diagnostics.map((d) => `${d.loc.line}:${d.loc.column} ${d.severity}`)).toEqual(['8:1 warning']);
    expect(circuit!.elements.map((e) => e.name)).toEqual(['V1', 'R1', 'C1']);
    expect(circuit!.elements[0]).toMatchObject({ waveform: { kind: 'pulse', v1: 0, v2: 1, td: 0, tr: 1e-9, tf: 1e-9, pw: 1e-5, per: 2e-5, np: Infinity } });
    expect(circuit!.analyses).toMatchObject([{ kind: 'tran', tstep: 1e-8, tstop: 5e-6, tstart: 0, uic: false }]);
  });
});
