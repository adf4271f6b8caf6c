import { describe, expect, it } from 'vitest';
import { runCircuit } from '../../src/analyses/run.js';
import { resultOfKind } from '../../src/analyses/result.js';
import { branchedNetlist, fullCellNetlist, halfCellNetlist } from '../../src/electrode/netlistBuilder.js';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';
import type { Circuit } from '../../src/circuit/circuit.js';

function load(text: string): Circuit {
  const p = parseNetlist(text, { file: 'gen.cir' });
  const e = elaborate(p.ast);
  expect([...p.diagnostics, ...e.diagnostics]).toEqual([]);
  return e.circuit!;
}
const col = (r: ReturnType<typeof runCircuit>['results'][0], label: string) => {
  const w = r.waveforms!;
  const i = w.labels.indexOf(label);
  if (i < 0) throw new Error(`no ${label} in ${w.labels.join(' ')}`);
  return w.columns[i]!;
};
const cv = { vVertex: 0.2, rate: 2e4, cycles: 1 };
const ncm = { layers: 6, rc: 5, gamma: 0.5, cTotal: 0.08e-6 };

describe('netlist builders', () => {
  it('compact and explicit half-cells are the same circuit and give the same CV', () => {
    const a = runCircuit(load(halfCellNetlist({ electrode: ncm, cv }))).results[0]!;
    const b = runCircuit(load(halfCellNetlist({ electrode: ncm, cv, compact: false }))).results[0]!;
    const ca = resultOfKind(a, 'cv').summary.cycles[0]!;
    const cb = resultOfKind(b, 'cv').summary.cycles[0]!;
    expect(cb.enclosedArea / ca.enclosedArea).toBeCloseTo(1, 9);
    expect(col(a, 'q(e.cslit6)').at(-1)).toBeCloseTo(col(b, 'q(cslit6)').at(-1)!, 15);
  });

  it('per-layer overrides change only the named layers', () => {
    const text = halfCellNetlist({ electrode: { ...ncm, overrides: [{ layer: 3, rc: 50 }, { layer: 5, cSlit: 1e-9, gamma: 0.1 }] }, cv });
    const c = load(text);
    const el = (n: string) => c.elements.find((e) => e.name === n)!;
    expect(el('RDYNslit3')).toMatchObject({ rc: 50, gamma: 0.5 });
    expect(el('RDYNslit5')).toMatchObject({ rc: 5, gamma: 0.1 });
    expect(el('RDYNslit4')).toMatchObject({ rc: 5, gamma: 0.5, control: 'cslit3' });
    expect(el('Cslit5')).toMatchObject({ capacitance: 1e-9 });
    expect(el('Cslit4')).toMatchObject({ capacitance: 0.08e-6 / 6 });
    expect(() => halfCellNetlist({ electrode: { ...ncm, overrides: [{ layer: 7, rc: 1 }] }, cv })).toThrow('layer override 7: expected a layer number from 1 to 6');
  });

  it('a full cell at symmetric drive gives each electrode half the cell voltage; both store the same charge', () => {
    for (const compact of [true, false]) {
      const c = load(fullCellNetlist({ electrode: ncm, rSep: 2, cv, compact }));
      const r = runCircuit(c).results[0]!;
      const vcell = col(r, 'vapp(vcell)');
      const vp = col(r, 'v(mp)');
      const vn = col(r, 'v(mn)');
      expect(Math.max(...vcell)).toBeCloseTo(0.4, 9);
      let worst = 0;
      for (let k = 0; k < vcell.length; k++) worst = Math.max(worst, Math.abs(vp[k]! - vcell[k]! / 2), Math.abs(vn[k]! + vcell[k]! / 2));
      expect(worst).toBeLessThan(1e-9);
      const qp = col(r, compact ? 'q(p.cslit6)' : 'q(cslit6_p)');
      const qn = col(r, compact ? 'q(n.cslit6)' : 'q(cslit6_n)');
      const peak = Math.max(...qp);
      expect(peak).toBeGreaterThan(0);
      for (let k = 0; k < qp.length; k += 7) expect(Math.abs(qp[k]! - qn[k]!)).toBeLessThan(1e-9 * peak);
    }
  });

  it('with R_sep = 0 the full cell carries the half-cell current (two identical electrodes in series, each at phi_m = V_cell / 2)', () => {
    const half = runCircuit(load(halfCellNetlist({ electrode: ncm, cv }))).results[0]!;
    const full = runCircuit(load(fullCellNetlist({ electrode: ncm, rSep: 0, cv }))).results[0]!;
    const th = col(half, 'time');
    const ih = col(half, 'i(vm)');
    const tf = col(full, 'time');
    const iF = col(full, 'i(vcell)');
    const peak = Math.max(...ih.map(Math.abs));
    let k = 0;
    let worst = 0;
    for (let j = 0; j < tf.length; j++) {
      while (k < th.length - 2 && th[k + 1]! < tf[j]!) k++;
      const d = th[k + 1]! - th[k]!;
      const i = d > 0 ? ih[k]! + ((ih[k + 1]! - ih[k]!) * (tf[j]! - th[k]!)) / d : ih[k]!;
      worst = Math.max(worst, Math.abs(iF[j]! - i));
    }
    expect(worst / peak).toBeLessThan(2e-3);
    const ch = resultOfKind(half, 'cv').summary.cycles[0]!.capacitance;
    const cf = resultOfKind(full, 'cv').summary.cycles[0]!.capacitance;
    expect(cf / ch).toBeCloseTo(0.5, 3);
  });

  it('a branched ladder splits at the trunk end; the branch with the larger slits takes more charge', () => {
    const c = load(branchedNetlist({
      trunk: { layers: 3, rc: 5, gamma: 0.5, cSlit: 1e-8 },
      branches: [{ layers: 4, cSlit: 2e-8 }, { layers: 4, cSlit: 0.5e-8 }],
      cv,
    }));
    const el = (n: string) => c.elements.find((e) => e.name === n)!;
    expect(c.nodeNames[el('RDYNslit1_A').nodes[0]!]).toBe('s3');
    expect(c.nodeNames[el('RDYNslit1_B').nodes[0]!]).toBe('s3');
    expect(el('RDYNslit1_B')).toMatchObject({ control: 'cslit3' });
    const r = runCircuit(c).results[0]!;
    const qa = Math.max(...col(r, 'q(cslit1_a)'));
    const qb = Math.max(...col(r, 'q(cslit1_b)'));
    expect(qa).toBeGreaterThan(2 * qb);
  });
});
