/**
 * Builders of the half-cell ladder circuits of the paper (NCM and TLM) in code, with the same
 * topology as the bundled netlists: reservoir = ground; `Vm m 0` drives the electrode rail m;
 * `Ropen 0 s0`; `Copen m s0`; for k = 1..N a trans-slit resistor s{k-1} -> s{k} (RDYN controlled by
 * the upstream capacitor in the NCM, a plain R in the TLM) and `Cslit{k} m s{k}`. The topology
 * itself comes from src/circuit/ladderTopology.ts, shared with the `.ladder` directive and the netlist builders.
 */
import type { Analysis, Circuit, CircuitElement } from '../circuit/circuit.js';
import { ladderParts, type LayerValues } from '../circuit/ladderTopology.js';

export interface LayerOverride {
  /** 1-based layer (slit) number. */
  layer: number;
  rc?: number;
  gamma?: number;
  cSlit?: number;
}

export interface LadderSpec {
  layers: number;
  /** Trans-slit resistance R_c (ohm). */
  rc: number;
  /** Total slit capacitance, split evenly over the layers (F). */
  cTotal: number;
  /** 0 or undefined builds the TLM with plain resistors. */
  gamma?: number;
  /** Use RDYN even when gamma = 0 (to compare with the plain-R TLM). */
  forceRdyn?: boolean;
  qmax?: number | 'peak';
  /** Default 1 ohm. */
  rOpen?: number;
  /** Default half a slit capacitance (as in the bundled netlists). */
  cOpen?: number;
  /** Different R_c, gamma or C_slit for some layers (graded or damaged electrodes). */
  overrides?: LayerOverride[];
  analyses?: Analysis[];
  options?: Record<string, number | string>;
  file?: string;
}

/** The per-layer values of a spec, overrides applied; throws on an override outside 1..N. */
export function layerValues(spec: Pick<LadderSpec, 'layers' | 'rc' | 'cTotal' | 'gamma' | 'overrides'>): LayerValues[] {
  const cs = spec.cTotal / spec.layers;
  const out = Array.from({ length: spec.layers }, () => ({ rc: spec.rc, gamma: spec.gamma ?? 0, cSlit: cs }));
  for (const o of spec.overrides ?? []) {
    const l = out[o.layer - 1];
    if (!l || !Number.isInteger(o.layer)) throw new RangeError(`layer override ${o.layer}: expected a layer number from 1 to ${spec.layers}`);
    if (o.rc !== undefined) l.rc = o.rc;
    if (o.gamma !== undefined) l.gamma = o.gamma;
    if (o.cSlit !== undefined) l.cSlit = o.cSlit;
  }
  return out;
}

export function buildLadder(spec: LadderSpec): Circuit {
  const file = spec.file ?? '<ladder>';
  const layers = layerValues(spec);
  const dynamic = layers.some((l) => l.gamma !== 0) || spec.forceRdyn === true;
  const parts = ladderParts({
    prefix: '', rail: 'm', reservoir: '0', layers, dynamic, qmax: spec.qmax ?? 'peak',
    ...(spec.rOpen !== undefined ? { rOpen: spec.rOpen } : {}),
    cOpen: spec.cOpen ?? spec.cTotal / spec.layers / 2, // as in the bundled netlists: one double layer vs two per slit
  });
  const nodeNames = ['0', 'm'];
  const index = new Map<string, number>([['0', 0], ['m', 1]]);
  const nodeOf = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = nodeNames.length;
      nodeNames.push(name);
      index.set(name, i);
    }
    return i;
  };
  let line = 1;
  const loc = () => ({ file, line: line++, column: 1 });
  const elements: CircuitElement[] = [
    { kind: 'V', name: 'Vm', key: 'vm', nodes: [1, 0], loc: loc(), waveform: { kind: 'dc', value: 0 } },
  ];
  for (const p of parts) {
    const nodes = [nodeOf(p.nodes[0]), nodeOf(p.nodes[1])];
    const key = p.name.toLowerCase();
    if (p.kind === 'R') elements.push({ kind: 'R', name: p.name, key, nodes, loc: loc(), resistance: p.resistance });
    else if (p.kind === 'C') elements.push({ kind: 'C', name: p.name, key, nodes, loc: loc(), capacitance: p.capacitance });
    else elements.push({ kind: 'RDYN', name: p.name, key, nodes, loc: loc(), rc: p.rc, gamma: p.gamma, control: p.control.toLowerCase(), qmax: p.qmax });
  }
  return {
    title: `${dynamic ? 'NCM' : 'TLM'} ladder, ${spec.layers} layers`,
    nodeNames,
    elements,
    analyses: spec.analyses ?? [],
    options: spec.options ?? {},
    saves: [],
    file,
  };
}
