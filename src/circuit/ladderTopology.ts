/**
 * The one definition of the paper's electrode ladder topology, shared by `buildLadder` (Circuit in
 * code), the `.ladder` directive of the netlist language and the netlist-text builders:
 *
 *   rail o---+-----------+-----------+---- ... ----+
 *            |           |           |             |
 *          Copen      Cslit1      Cslit2        CslitN
 *            |           |           |             |
 *   res --Ropen-- s0 --Rslit1-- s1 --Rslit2-- s2 ... --RslitN-- sN
 *
 * Rslit k joins slit k-1 to slit k; in the NCM it is an RDYN controlled by the upstream capacitor
 * (Copen for k = 1, Cslit k-1 otherwise: paper eq. 1). A ladder may instead start `from` a node of
 * another ladder (a branch): then it has no open space and its first resistor is controlled by the
 * capacitor named in `from.control`. Polarity -1 turns every capacitor round (n+ on the slit) so
 * that the charges of the negative electrode of a full cell are positive while the cell charges.
 */

export interface LayerValues {
  /** Trans-slit resistance R_c of the resistor that feeds this slit (ohm). */
  rc: number;
  /** Dynamic factor of that resistor (0 = plain resistor in a TLM). */
  gamma: number;
  /** Capacitance of this slit (F). */
  cSlit: number;
}

export interface LadderTopologySpec {
  /** Prefix of every element and internal node name, e.g. `E1.` ('' for a bare half-cell). */
  prefix: string;
  rail: string;
  reservoir: string;
  layers: LayerValues[];
  /** RDYN elements (NCM) rather than plain resistors; default: any layer has gamma != 0. */
  dynamic?: boolean;
  qmax?: number | 'peak';
  rOpen?: number;
  /** Default half the first slit's capacitance (one double layer where a slit has two walls). */
  cOpen?: number;
  polarity?: 1 | -1;
  /** Branch start: the ladder hangs off this node, its first resistor controlled by `control`. */
  from?: { node: string; control: string };
}

export type LadderPart =
  | { kind: 'R'; name: string; nodes: [string, string]; resistance: number }
  | { kind: 'C'; name: string; nodes: [string, string]; capacitance: number }
  | { kind: 'RDYN'; name: string; nodes: [string, string]; rc: number; gamma: number; control: string; qmax: number | 'peak' };

export function ladderParts(spec: LadderTopologySpec): LadderPart[] {
  const p = spec.prefix;
  const n = spec.layers.length;
  const dynamic = spec.dynamic ?? spec.layers.some((l) => l.gamma !== 0);
  const qmax = spec.qmax ?? 'peak';
  const cap = (name: string, slit: string, capacitance: number): LadderPart => ({
    kind: 'C', name, nodes: spec.polarity === -1 ? [slit, spec.rail] : [spec.rail, slit], capacitance,
  });
  const parts: LadderPart[] = [];
  const node = (k: number): string => `${p}s${k}`;
  let start = node(0);
  let firstControl = `${p}Copen`;
  if (spec.from) {
    start = spec.from.node;
    firstControl = spec.from.control;
  } else {
    parts.push({ kind: 'R', name: `${p}Ropen`, nodes: [spec.reservoir, node(0)], resistance: spec.rOpen ?? 1 });
    parts.push(cap(`${p}Copen`, node(0), spec.cOpen ?? (spec.layers[0]?.cSlit ?? 0) / 2));
  }
  for (let k = 1; k <= n; k++) {
    const l = spec.layers[k - 1]!;
    const a = k === 1 ? start : node(k - 1);
    const control = k === 1 ? firstControl : `${p}Cslit${k - 1}`;
    if (dynamic) parts.push({ kind: 'RDYN', name: `${p}Rslit${k}`, nodes: [a, node(k)], rc: l.rc, gamma: l.gamma, control, qmax });
    else parts.push({ kind: 'R', name: `${p}Rslit${k}`, nodes: [a, node(k)], resistance: l.rc });
    parts.push(cap(`${p}Cslit${k}`, node(k), l.cSlit));
  }
  return parts;
}

/** N identical layers. */
export function uniformLayers(n: number, rc: number, gamma: number, cSlit: number): LayerValues[] {
  return Array.from({ length: n }, () => ({ rc, gamma, cSlit }));
}
