/**
 * Expands a `.ladder` statement into ordinary element ASTs (R or RDYN, C) with hierarchical names
 * `<name>.Ropen`, `<name>.Copen`, `<name>.Rslit<k>`, `<name>.Cslit<k>` and nodes `<name>.s<k>`,
 * using the topology of src/circuit/ladderTopology.ts. Values are checked once, at the
 * directive's own positions, so a bad value in a 1000-layer ladder is one message, not 1000.
 */
import { formatCount, MAX_LADDER_LAYERS } from './limits.js';
import { ladderParts, uniformLayers } from '../circuit/ladderTopology.js';
import type { ElementAst, Expr, LadderAst, Loc } from './ast.js';
import { formatSi } from './describe.js';
import type { DiagnosticSink, ParamScope } from './params.js';

export function expandLadder(d: LadderAst, scope: ParamScope, sink: DiagnosticSink): Array<Extract<ElementAst, { kind: 'element' | 'RDYN' }>> {
  const owner = `.ladder ${d.name.name}`;
  let ok = true;
  const positive = (e: Expr | undefined, what: string, unit: string): number | undefined => {
    if (!e) return undefined;
    const v = scope.evaluate(e);
    if (v === undefined) ok = false;
    else if (!(v > 0)) {
      sink.error(e.loc, `${owner}: ${what} must be positive, found ${formatSi(v, unit)}`);
      ok = false;
    }
    return v;
  };
  const layers = scope.evaluate(d.layers);
  if (layers === undefined) ok = false;
  else if (!(Number.isInteger(layers) && layers >= 1)) {
    sink.error(d.layers.loc, `${owner}: layers must be a whole number of 1 or more, found ${layers}`);
    ok = false;
  } else if (layers > MAX_LADDER_LAYERS) {
    sink.error(d.layers.loc, `${owner}: layers=${formatCount(layers)} would make ${formatCount(2 * layers)} unknowns, more than the limit of ${formatCount(MAX_LADDER_LAYERS)} layers (${formatCount(2 * MAX_LADDER_LAYERS)} unknowns)`);
    ok = false;
  }
  const rc = positive(d.rc, 'rc', 'ohm');
  const cSlit = positive(d.cSlit, 'cslit', 'F');
  const cTotal = positive(d.cTotal, 'ctotal', 'F');
  const rOpen = positive(d.rOpen, 'ropen', 'ohm');
  const cOpen = positive(d.cOpen, 'copen', 'F');
  const qmax = d.qmax.kind === 'peak' ? 'peak' : positive(d.qmax, 'qmax', 'C');
  let gamma = 0;
  if (d.gamma) {
    const g = scope.evaluate(d.gamma);
    if (g === undefined) ok = false;
    else if (!(g >= -1 && g < 1)) {
      sink.error(d.gamma.loc, `${owner}: gamma must lie in [-1, 1), found ${g}`);
      ok = false;
    } else gamma = g;
  }
  if (!ok || layers === undefined || rc === undefined || qmax === undefined) return [];
  const cs = cSlit ?? cTotal! / layers;
  const parts = ladderParts({
    prefix: `${d.name.name}.`,
    rail: d.rail.name,
    reservoir: d.reservoir.name,
    layers: uniformLayers(layers, rc, gamma, cs),
    dynamic: d.model === 'ncm',
    qmax,
    polarity: d.polarity,
    ...(rOpen !== undefined ? { rOpen } : {}),
    ...(cOpen !== undefined ? { cOpen } : {}),
  });
  const loc = d.loc;
  const num = (value: number): Expr => ({ kind: 'number', value, loc });
  const ref = (name: string) => ({ name, loc });
  const peak: { kind: 'peak'; loc: Loc } = { kind: 'peak', loc };
  return parts.map((p): Extract<ElementAst, { kind: 'element' | 'RDYN' }> => {
    const nodes = [ref(p.nodes[0]), ref(p.nodes[1])];
    switch (p.kind) {
      case 'R':
        return { kind: 'element', element: 'R', name: p.name, loc, nodes, values: new Map([['resistance', num(p.resistance)]]) };
      case 'C':
        return { kind: 'element', element: 'C', name: p.name, loc, nodes, values: new Map([['capacitance', num(p.capacitance)]]) };
      case 'RDYN':
        return {
          kind: 'RDYN', name: p.name, loc, nodes, rc: num(p.rc), gamma: num(p.gamma), q: ref(p.control),
          qmax: p.qmax === 'peak' ? peak : num(p.qmax),
        };
    }
  });
}
