/**
 * Netlist TEXT for electrodes: half-cells (NCM or TLM), full cells (two electrodes and a
 * separator, driven symmetrically about the mid-plane) and branched ladders, with per-layer
 * overrides. Uniform electrodes are written with the one-line `.ladder` directive (`compact`);
 * anything else element by element from the same topology (src/circuit/ladderTopology.ts) that `buildLadder`
 * and the `.ladder` expansion use, so all three describe one circuit.
 */
import { layerValues, type LayerOverride } from './ladder.js';
import { ladderParts, type LadderPart, type LayerValues } from '../circuit/ladderTopology.js';

export interface ElectrodeSpec {
  layers: number;
  /** R_c (ohm). */
  rc: number;
  /** 0 (default) = TLM with plain resistors; otherwise the NCM. */
  gamma?: number;
  /** Give one: the capacitance of all slits together or of each slit (F). */
  cTotal?: number;
  cSlit?: number;
  /** Open-space resistance (ohm, default 1) and capacitance (F, default half a slit). */
  rOpen?: number;
  cOpen?: number;
  /** RDYN Q_max: `peak` (default, self-consistent over a cycle) or a charge (C). */
  qmax?: number | 'peak';
  overrides?: LayerOverride[];
  /** Write RDYN elements even at gamma = 0 (NCM with gamma 0, for checks against the TLM). */
  forceNcm?: boolean;
}

export interface CvProtocol {
  /** Electrode potential window phi_m: start and vertex (V). For a full cell the cell is driven to 2 phi. */
  vStart?: number;
  vVertex: number;
  /** Scan rate of phi_m (V/s; 20 mV/us = 2e4 V/s). */
  rate: number;
  cycles?: number;
}

export interface BuildCommon {
  title?: string;
  cv: CvProtocol;
  /** `.ladder` lines where possible (default true); false writes every element. */
  compact?: boolean;
  options?: Record<string, number | string>;
  /** Extra comment lines under the title. */
  comments?: string[];
}

export interface HalfCellSpec extends BuildCommon {
  electrode: ElectrodeSpec;
}

export interface FullCellSpec extends BuildCommon {
  /** Both electrodes alike unless `negative` is given. */
  electrode: ElectrodeSpec;
  negative?: ElectrodeSpec;
  /** Separator / open-space resistance between the two reservoirs (ohm), split about the mid-plane. */
  rSep: number;
}

export interface BranchSpec {
  layers: number;
  /** Capacitance of each slit of this branch (F): the slit size differs between branches. */
  cSlit: number;
  rc?: number;
  gamma?: number;
}

export interface BranchedSpec extends BuildCommon {
  /** The trunk from the open space down to the split. */
  trunk: ElectrodeSpec;
  branches: [BranchSpec, BranchSpec];
}

const DEFAULT_OPTIONS = { method: 'trap', reltol: 1e-6 };

/** A number as the shortest text that reads back to the same double. */
export function num(v: number): string {
  return String(v);
}

/** Scan rate with its unit (the language refuses bare rates). */
export function rateText(vPerS: number): string {
  return `${num(vPerS / 1e3)}mV/us`;
}

function cSlitOf(e: ElectrodeSpec): number {
  if ((e.cTotal === undefined) === (e.cSlit === undefined)) throw new RangeError('electrode: give exactly one of cTotal and cSlit');
  return e.cSlit ?? e.cTotal! / e.layers;
}

function layersOf(e: ElectrodeSpec): LayerValues[] {
  return layerValues({ layers: e.layers, rc: e.rc, gamma: e.gamma ?? 0, cTotal: cSlitOf(e) * e.layers, ...(e.overrides ? { overrides: e.overrides } : {}) });
}

function checkElectrode(e: ElectrodeSpec): void {
  if (!(Number.isInteger(e.layers) && e.layers >= 1)) throw new RangeError(`electrode: layers must be a whole number of 1 or more, found ${e.layers}`);
  if (!(e.rc > 0)) throw new RangeError(`electrode: rc must be positive, found ${e.rc}`);
  const g = e.gamma ?? 0;
  if (!(g >= -1 && g < 1)) throw new RangeError(`electrode: gamma must lie in [-1, 1), found ${g}`);
  cSlitOf(e);
}

/** Element name in netlist text: kind letters first (RDYN, R, C), the ladder tag last (`Cslit3_P`). */
function textName(part: { kind: string; name: string }): string {
  const dot = part.name.lastIndexOf('.');
  const local = dot < 0 ? part.name : part.name.slice(dot + 1);
  const tag = dot < 0 ? '' : `_${part.name.slice(0, dot)}`;
  const rest = local.replace(/^(RDYN|R|C)/i, '');
  return `${part.kind}${rest}${tag}`;
}
const textNode = (n: string): string => n.replace(/\./g, '_');
const controlName = (c: string): string => textName({ kind: 'C', name: c });

function partLines(parts: LadderPart[]): string[] {
  return parts.map((p) => {
    const [a, b] = [textNode(p.nodes[0]), textNode(p.nodes[1])];
    switch (p.kind) {
      case 'R':
        return `${textName(p)} ${a} ${b} ${num(p.resistance)}`;
      case 'C':
        return `${textName(p)} ${a} ${b} ${num(p.capacitance)}`;
      case 'RDYN':
        return `${textName(p)} ${a} ${b} RC=${num(p.rc)} GAMMA=${num(p.gamma)} Q=${controlName(p.control)} QMAX=${p.qmax === 'peak' ? 'peak' : num(p.qmax)}`;
    }
  });
}

function isNcm(e: ElectrodeSpec): boolean {
  return e.forceNcm === true || layersOf(e).some((l) => l.gamma !== 0);
}

/** The electrode as netlist lines between `rail` and `reservoir`, tagged `tag` ('' = untagged). */
function electrodeLines(e: ElectrodeSpec, tag: string, rail: string, reservoir: string, polarity: 1 | -1, compact: boolean): string[] {
  checkElectrode(e);
  const ncm = isNcm(e);
  if (compact && !e.overrides?.length) {
    const keys = [
      `layers=${e.layers}`, `model=${ncm ? 'ncm' : 'tlm'}`, `rc=${num(e.rc)}`, ...(ncm ? [`gamma=${num(e.gamma ?? 0)}`] : []),
      e.cSlit !== undefined ? `cslit=${num(e.cSlit)}` : `ctotal=${num(e.cTotal!)}`,
      `ropen=${num(e.rOpen ?? 1)}`, ...(e.cOpen !== undefined ? [`copen=${num(e.cOpen)}`] : []),
      ...(ncm ? [`qmax=${e.qmax === undefined || e.qmax === 'peak' ? 'peak' : num(e.qmax)}`] : []),
      ...(polarity === -1 ? ['polarity=neg'] : []),
    ];
    return [`.ladder ${tag || 'E'} ${rail} ${reservoir} ${keys.join(' ')}`];
  }
  const layers = layersOf(e);
  const parts = ladderParts({
    prefix: tag ? `${tag}.` : '', rail, reservoir, layers, dynamic: ncm, qmax: e.qmax ?? 'peak', polarity,
    rOpen: e.rOpen ?? 1, cOpen: e.cOpen ?? layers[0]!.cSlit / 2,
  });
  return partLines(parts);
}

function tail(common: BuildCommon, source: string, scale: number): string[] {
  const cv = common.cv;
  const opts = { ...DEFAULT_OPTIONS, ...(common.options ?? {}) };
  return [
    '',
    `* Cyclic voltammetry: ${num((cv.vStart ?? 0) * scale)} -> ${num(cv.vVertex * scale)} V at ${rateText(cv.rate * scale)}${scale !== 1 ? ' (cell voltage = 2 phi_m)' : ''}.`,
    `.cv ${source} ${num((cv.vStart ?? 0) * scale)} ${num(cv.vVertex * scale)} rate=${rateText(cv.rate * scale)} cycles=${cv.cycles ?? 1}`,
    `.options ${Object.entries(opts).map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : v}`).join(' ')}`,
    '.end',
    '',
  ];
}

function describeElectrode(e: ElectrodeSpec): string {
  const c = e.cSlit !== undefined ? `C_slit = ${num(e.cSlit)} F per slit` : `C_total = ${num(e.cTotal!)} F`;
  const over = e.overrides?.length ? `; overrides: ${e.overrides.map((o) => `layer ${o.layer} ${Object.entries(o).filter(([k]) => k !== 'layer').map(([k, v]) => `${k}=${num(v as number)}`).join(' ')}`).join(', ')}` : '';
  return `${isNcm(e) ? 'NCM' : 'TLM'}, ${e.layers} layers, R_c = ${num(e.rc)} ohm${isNcm(e) ? `, gamma = ${num(e.gamma ?? 0)}` : ''}, ${c}, R_open = ${num(e.rOpen ?? 1)} ohm${over}`;
}

/** Half-cell: reservoir = ground, `Vm m 0` drives the electrode rail m (phi_m). */
export function halfCellNetlist(spec: HalfCellSpec): string {
  const e = spec.electrode;
  const compact = spec.compact ?? true;
  return [
    spec.title ?? `${isNcm(e) ? 'NCM' : 'TLM'} half-cell, ${e.layers} layers`,
    `* ${describeElectrode(e)}`,
    '* Written by nanocircuit (src/electrode/netlistBuilder.ts). Reservoir = ground; Vm drives the electrode rail m.',
    ...(spec.comments ?? []).map((c) => `* ${c}`),
    '',
    'Vm m 0 DC 0',
    ...electrodeLines(e, compact && !e.overrides?.length ? 'E' : '', 'm', '0', 1, compact),
    ...tail(spec, 'Vm', 1),
  ].join('\n');
}

/**
 * Full cell: positive electrode P on rail mp, negative electrode N on rail mn (capacitors turned
 * round so both store positive charge while the cell charges), reservoirs rp and rn joined through
 * the separator, R_sep/2 on each side of the mid-plane, which is ground. `Vcell mp mn` is swept to
 * 2 phi_m: by the point symmetry of the circuit v(mp) = -v(mn) = Vcell/2 at every instant, so
 * each electrode sees phi_m = V_cell/2 as in the paper.
 */
export function fullCellNetlist(spec: FullCellSpec): string {
  const compact = spec.compact ?? true;
  const neg = spec.negative ?? spec.electrode;
  if (!(spec.rSep >= 0)) throw new RangeError(`full cell: rSep must not be negative, found ${spec.rSep}`);
  const sep = spec.rSep > 0;
  return [
    spec.title ?? `Full cell, two ${isNcm(spec.electrode) ? 'NCM' : 'TLM'} electrodes of ${spec.electrode.layers} layers`,
    `* positive: ${describeElectrode(spec.electrode)}`,
    `* negative: ${describeElectrode(neg)}`,
    `* Separator R_sep = ${num(spec.rSep)} ohm split about the mid-plane (ground); Vcell = 2 phi_m drives mp against mn.`,
    '* Written by nanocircuit (src/electrode/netlistBuilder.ts).',
    ...(spec.comments ?? []).map((c) => `* ${c}`),
    '',
    'Vcell mp mn DC 0',
    '* The rails float at DC (capacitors only): a symmetric pair of 1 Tohm leaks gives them a reference',
    '* without breaking the point symmetry (leak current < 1e-12 A at 0.4 V).',
    'Rref_p mp 0 1e12',
    'Rref_n 0 mn 1e12',
    ...(sep ? [`Rsep_p rp 0 ${num(spec.rSep / 2)}`, `Rsep_n 0 rn ${num(spec.rSep / 2)}`] : []),
    ...electrodeLines(spec.electrode, 'P', 'mp', sep ? 'rp' : '0', 1, compact),
    ...electrodeLines(neg, 'N', 'mn', sep ? 'rn' : '0', -1, compact),
    ...tail(spec, 'Vcell', 2),
  ].join('\n');
}

/**
 * Branched: the trunk (with the open space) down to its last slit, where the ladder splits into
 * branches A and B with their own slit capacitance; the first resistor of each branch is controlled
 * by the trunk's last slit capacitor (its upstream charge).
 */
export function branchedNetlist(spec: BranchedSpec): string {
  const t = spec.trunk;
  checkElectrode(t);
  const trunkLayers = layersOf(t);
  const ncm = isNcm(t) || spec.branches.some((b) => (b.gamma ?? t.gamma ?? 0) !== 0);
  const lines = partLines(ladderParts({
    prefix: '', rail: 'm', reservoir: '0', layers: trunkLayers, dynamic: ncm, qmax: t.qmax ?? 'peak',
    rOpen: t.rOpen ?? 1, cOpen: t.cOpen ?? trunkLayers[0]!.cSlit / 2,
  }));
  const split = { node: `s${t.layers}`, control: `Cslit${t.layers}` };
  spec.branches.forEach((b, i) => {
    const tag = i === 0 ? 'A' : 'B';
    if (!(Number.isInteger(b.layers) && b.layers >= 1)) throw new RangeError(`branch ${tag}: layers must be a whole number of 1 or more`);
    lines.push(...partLines(ladderParts({
      prefix: `${tag}.`, rail: 'm', reservoir: '0', dynamic: ncm, qmax: t.qmax ?? 'peak', from: split,
      layers: Array.from({ length: b.layers }, () => ({ rc: b.rc ?? t.rc, gamma: b.gamma ?? t.gamma ?? 0, cSlit: b.cSlit })),
    })));
  });
  return [
    spec.title ?? `Branched ${ncm ? 'NCM' : 'TLM'} electrode: ${t.layers}-layer trunk, branches of ${spec.branches[0].layers} and ${spec.branches[1].layers} layers`,
    `* trunk: ${describeElectrode(t)}`,
    ...spec.branches.map((b, i) => `* branch ${i === 0 ? 'A' : 'B'} (from slit ${t.layers}): ${b.layers} layers, C_slit = ${num(b.cSlit)} F per slit`),
    '* Written by nanocircuit (src/electrode/netlistBuilder.ts). Reservoir = ground; Vm drives the electrode rail m.',
    ...(spec.comments ?? []).map((c) => `* ${c}`),
    '',
    'Vm m 0 DC 0',
    ...lines,
    ...tail(spec, 'Vm', 1),
  ].join('\n');
}
