import { describe, expect, it } from 'vitest';
import { runCv } from '../../src/analyses/cv.js';
import { loadNetlist } from '../../src/io/loadNetlist.js';
import { circuit, diagnose, netlist } from './helpers.js';

const cycles = (r: ReturnType<typeof runCv>) => r.summary.cycles;

describe('.ladder directive', () => {
  it('expands into the bundled topology with hierarchical names', () => {
    const c = circuit(netlist('Vm m 0 DC 0', '.ladder E m 0 layers=3 model=ncm rc=5 gamma=0.5 ctotal=3n ropen=2'));
    expect(c.elements.map((e) => `${e.name} ${e.kind} ${e.nodes.map((n) => c.nodeNames[n]).join(' ')}`)).toEqual([
      'Vm V m 0',
      'E.Ropen R 0 e.s0',
      'E.Copen C m e.s0',
      'E.Rslit1 RDYN e.s0 e.s1',
      'E.Cslit1 C m e.s1',
      'E.Rslit2 RDYN e.s1 e.s2',
      'E.Cslit2 C m e.s2',
      'E.Rslit3 RDYN e.s2 e.s3',
      'E.Cslit3 C m e.s3',
    ]);
    const byName = new Map(c.elements.map((e) => [e.name, e]));
    expect(byName.get('E.Rslit2')).toMatchObject({ rc: 5, gamma: 0.5, control: 'e.cslit1', qmax: 'peak' });
    expect(byName.get('E.Rslit1')).toMatchObject({ control: 'e.copen' });
    expect(byName.get('E.Cslit3')).toMatchObject({ capacitance: 1e-9 });
    expect(byName.get('E.Copen')).toMatchObject({ capacitance: 0.5e-9 });
    expect(byName.get('E.Ropen')).toMatchObject({ resistance: 2 });
  });

  it('model=tlm gives plain resistors; cslit= is per slit; polarity=neg turns the capacitors; values take {expressions}', () => {
    const c = circuit(netlist('.param n=2 r=7', 'Vm 0 m DC 0', '.ladder N m 0 layers={n} model=tlm rc={r} cslit=2n polarity=neg'));
    const byName = new Map(c.elements.map((e) => [e.name, e]));
    expect(byName.get('N.Rslit2')).toMatchObject({ kind: 'R', resistance: 7 });
    expect(byName.get('N.Cslit2')).toMatchObject({ kind: 'C', capacitance: 2e-9 });
    expect(c.nodeNames[byName.get('N.Cslit2')!.nodes[0]!]).toBe('n.s2');
  });

  it('runs the same CV as the hand-written 6-layer netlist', () => {
    const hand = loadNetlist('netlists/ncm-6.cir').circuit!;
    const compact = circuit(
      netlist('Vm m 0 DC 0', '.ladder E m 0 layers=6 model=ncm rc=5 gamma=0.5 ctotal=0.08u ropen=1', '.cv Vm 0 0.2 rate=20mV/us cycles=2', '.options method=trap reltol=1e-6'),
    );
    const a = cycles(runCv(hand, hand.analyses[0] as never))[1]!;
    const b = cycles(runCv(compact, compact.analyses[0] as never))[1]!;
    expect(b.capacitance).toBeCloseTo(a.capacitance, 12);
    expect(b.enclosedArea / a.enclosedArea).toBeCloseTo(1, 9);
    expect(b.asymmetryIndex).toBeCloseTo(a.asymmetryIndex, 9);
  });

  it('reports bad lines with positions, once per ladder', () => {
    expect(diagnose(netlist('Vm m 0 1', '.ladder E m layers=3 rc=5 gamma=0.5 ctotal=1n'))).toEqual([
      '3:1 error: .ladder: expected a name, a rail node and a reservoir node, found 2 items: write .ladder <name> <rail> <reservoir> layers=<N> model=ncm|tlm rc=<ohm> gamma=<g> cslit=<F>|ctotal=<F> [ropen=<ohm>] [copen=<F>] [qmax=peak|<C>] [polarity=pos|neg]',
    ]);
    expect(diagnose(netlist('Vm m 0 1', '.ladder E m 0 layers=3 model=rc rc=5 ctotal=1n speed=2'))).toEqual([
      '3:1 error: .ladder E: missing gamma=, e.g. gamma=0.5: write .ladder <name> <rail> <reservoir> layers=<N> model=ncm|tlm rc=<ohm> gamma=<g> cslit=<F>|ctotal=<F> [ropen=<ohm>] [copen=<F>] [qmax=peak|<C>] [polarity=pos|neg]',
      "3:30 error: .ladder E: model=rc: expected ncm or tlm, found 'rc'",
      "3:48 error: .ladder: unknown parameter 'speed=': expected layers=, model=, rc=, gamma=, cslit=, ctotal=, ropen=, copen=, qmax=, polarity=",
    ]);
    expect(diagnose(netlist('Vm m 0 1', '.ladder E m 0 layers=2.5 rc=-5 gamma=1 ctotal=1n'))).toEqual([
      '3:22 error: .ladder E: layers must be a whole number of 1 or more, found 2.5',
      '3:29 error: .ladder E: rc must be positive, found -5 ohm',
      '3:38 error: .ladder E: gamma must lie in [-1, 1), found 1',
    ]);
    expect(diagnose(netlist('Vm m 0 1', '.ladder E m 0 layers=2 model=tlm rc=5 gamma=0.5 cslit=1n ctotal=1n'))).toEqual([
      '3:39 error: .ladder E: gamma= applies to model=ncm only: a TLM has constant trans-slit resistors (remove gamma= or write model=ncm)',
      '3:58 error: .ladder E: give cslit= (each slit) or ctotal= (all slits together), not both',
    ]);
  });

  it('netlists/ncm-1000.cir: a 1000-layer electrode in one line', () => {
    const { circuit, diagnostics } = loadNetlist('netlists/ncm-1000.cir');
    expect(diagnostics).toEqual([]);
    expect(circuit!.elements).toHaveLength(2003);
    expect(circuit!.elements.filter((e) => e.kind === 'RDYN')).toHaveLength(1000);
    expect(circuit!.elements.find((e) => e.name === 'E.Rslit1000')).toMatchObject({ control: 'e.cslit999', rc: 5, gamma: 0.5 });
    expect(circuit!.elements.find((e) => e.name === 'E.Cslit1000')).toMatchObject({ capacitance: 0.08e-6 / 1000 });
  });

  it('a duplicate ladder name collides on its expanded elements', () => {
    const d = diagnose(netlist('Vm m 0 1', '.ladder E m 0 layers=1 model=tlm rc=5 cslit=1n', '.ladder e m 0 layers=1 model=tlm rc=5 cslit=1n'));
    expect(d[0]).toBe("4:1 error: duplicate element name 'e.Ropen': first defined at t.cir:3:1");
  });
});

describe('.ladder: more shapes', () => {
  it('polarity= and qmax= words are checked; qmax takes a charge; tlm refuses qmax=', () => {
    expect(diagnose(netlist('Vm m 0 1', '.ladder E m 0 layers=2 rc=5 gamma=0.5 cslit=1n polarity=up qmax=fast'))).toEqual([
      "3:57 error: .ladder E: polarity=up: expected pos or neg, found 'up'",
      "3:65 error: .ladder E: qmax=fast: expected peak or a charge in coulomb, found 'fast'",
    ]);
    expect(diagnose(netlist('Vm m 0 1', '.ladder E m 0 layers=2 model=tlm rc=5 cslit=1n qmax=1n'))).toEqual([
      '3:48 error: .ladder E: qmax= applies to model=ncm only',
    ]);
    const c = circuit(netlist('Vm m 0 1', '.ladder E m 0 layers=2 rc=5 gamma=0.5 cslit=1n qmax=0.2n'));
    expect(c.elements.find((e) => e.name === 'E.Rslit2')).toMatchObject({ qmax: 2e-10 });
  });

  it('inside a subcircuit the names nest: X1.E.Cslit2, controls resolve in the instance', () => {
    const c = circuit(netlist('.subckt cell m', '.ladder E m 0 layers=2 rc=5 gamma=0.5 cslit=1n', '.ends', 'Vm a 0 1', 'X1 a cell'));
    expect(c.elements.find((e) => e.name === 'X1.E.Rslit2')).toMatchObject({ control: 'x1.e.cslit1' });
    expect(c.nodeNames).toContain('x1.e.s2');
  });
});
