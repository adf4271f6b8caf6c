/**
 * Builders of the half-cell ladder circuits of the paper (NCM and TLM) in code, with the same
 * topology as the bundled netlists: reservoir = ground; `Vm m 0` drives the electrode rail m;
 * `Ropen 0 s0`; `Copen m s0`; for k = 1..N a trans-slit resistor s{k-1} -> s{k} (RDYN controlled by
 * the upstream capacitor in the NCM, a plain R in the TLM) and `Cslit{k} m s{k}`.
 */
import type { Analysis, Circuit, CircuitElement } from '../circuit/circuit.js';

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
  analyses?: Analysis[];
  options?: Record<string, number | string>;
  file?: string;
}

export function buildLadder(spec: LadderSpec): Circuit {
  const file = spec.file ?? '<ladder>';
  const n = spec.layers;
  const nodeNames = ['0', 'm'];
  for (let k = 0; k <= n; k++) nodeNames.push(`s${k}`);
  const m = 1;
  const s = (k: number): number => 2 + k;
  const elements: CircuitElement[] = [];
  let line = 1;
  const loc = () => ({ file, line: line++, column: 1 });
  const cs = spec.cTotal / n;
  const cOpen = spec.cOpen ?? cs / 2; // as in the bundled netlists: one double layer vs two per slit
  elements.push({ kind: 'V', name: 'Vm', key: 'vm', nodes: [m, 0], loc: loc(), waveform: { kind: 'dc', value: 0 } });
  elements.push({ kind: 'R', name: 'Ropen', key: 'ropen', nodes: [0, s(0)], loc: loc(), resistance: spec.rOpen ?? 1 });
  elements.push({ kind: 'C', name: 'Copen', key: 'copen', nodes: [m, s(0)], loc: loc(), capacitance: cOpen });
  const gamma = spec.gamma ?? 0;
  const dynamic = gamma !== 0 || spec.forceRdyn === true;
  for (let k = 1; k <= n; k++) {
    const control = k === 1 ? 'copen' : `cslit${k - 1}`;
    if (dynamic) {
      elements.push({
        kind: 'RDYN', name: `Rslit${k}`, key: `rslit${k}`, nodes: [s(k - 1), s(k)], loc: loc(),
        rc: spec.rc, gamma, control, qmax: spec.qmax ?? 'peak',
      });
    } else {
      elements.push({ kind: 'R', name: `Rslit${k}`, key: `rslit${k}`, nodes: [s(k - 1), s(k)], loc: loc(), resistance: spec.rc });
    }
    elements.push({ kind: 'C', name: `Cslit${k}`, key: `cslit${k}`, nodes: [m, s(k)], loc: loc(), capacitance: cs });
  }
  return {
    title: `${dynamic ? 'NCM' : 'TLM'} ladder, ${n} layers`,
    nodeNames,
    elements,
    analyses: spec.analyses ?? [],
    options: spec.options ?? {},
    saves: [],
    file,
  };
}
