/**
 * The mPNP run configuration: a YAML (or JSON, which is YAML) file, validated with positions.
 * Every physical quantity is a string "<number> <unit>", e.g. "1.5 nm", "200 mV", "20 mV/us", "1 M"
 * (molar: 1000 mol/m^3; in this file M is molar, not SPICE's milli). A bare number is an error (a
 * bare `slitWidth: 3` would be 3 m, a bare `rate: 20` 20 V/s): only 0 and pure numbers go without one.
 * Grid spacings are in units of the Debye length. Missing keys take the defaults (1 M KCl, mpnp.md).
 */
import { isScalar, isSeq } from 'yaml';
import { nonNegative, positive, positiveInt, PositionedYaml, type QuantityStyle, type Section, type YamlNode } from '../io/positionedYaml.js';
import { DEFAULT_GRID, type GridSpec } from './halfCell.js';
import { defaultGeometry } from './network.js';
import { defaultPhysics } from './params.js';
import { speciesConstants, speciesSi } from './species.js';
import type { GeometryConfig, MpnpConfig, ProtocolConfig } from './run.js';

type Dim = 'length' | 'potential' | 'time' | 'rate' | 'concentration' | 'diffusivity' | 'temperature';

/** The mPNP's units; bare numbers are refused (a bare `slitWidth: 3` would be 3 m) and checks report SI values. */
const STYLE: QuantityStyle<Dim> = {
  units: {
    length: { m: 1, mm: 1e-3, um: 1e-6, 'µm': 1e-6, nm: 1e-9, pm: 1e-12 },
    potential: { V: 1, mV: 1e-3, uV: 1e-6, 'µV': 1e-6 },
    time: { s: 1, ms: 1e-3, us: 1e-6, 'µs': 1e-6, ns: 1e-9, ps: 1e-12 },
    rate: { 'V/s': 1, 'mV/s': 1e-3, 'mV/ms': 1, 'mV/us': 1e3, 'mV/µs': 1e3, 'V/us': 1e6, 'V/µs': 1e6 },
    concentration: { 'mol/m3': 1, 'mol/m^3': 1, M: 1000, 'mol/L': 1000, mM: 1 },
    diffusivity: { 'm2/s': 1, 'm^2/s': 1, 'cm2/s': 1e-4, 'cm^2/s': 1e-4 },
    temperature: { K: 1 },
  },
  example: {
    length: '"1.5 nm"',
    potential: '"200 mV"',
    time: '"1 us"',
    rate: '"20 mV/us"',
    concentration: '"1 M"',
    diffusivity: '"2e-9 m^2/s"',
    temperature: '"298.15 K"',
  },
  bare: { length: 'm', potential: 'V', time: 's', rate: 'V/s', concentration: 'mol/m^3', diffusivity: 'm^2/s', temperature: 'K' },
  gotAsWritten: false,
};

/** The mPNP config reader: the shared positioned reader with quantities in the mPNP's style. */
class Reader extends PositionedYaml {
  quantity(sec: Section, path: string, key: string, dim: Dim | 'number', def: number, check?: (v: number) => string | null): number {
    return this.readQuantity(STYLE, sec, path, key, dim, def, check);
  }
}

/** Parses and validates a configuration text; throws NcmError with one diagnostic per problem. */
export function parseMpnpConfig(text: string, file: string, sets: readonly string[] = []): MpnpConfig {
  const r = new Reader(text, file, sets);
  const root = r.section(r.root, '', ['electrolyte', 'stern', 'geometry', 'grid', 'protocol', 'solver', 'snapshots']);
  const physics = defaultPhysics();
  const el = r.section(root.get('electrolyte')?.value, 'electrolyte', ['concentration', 'permittivity', 'temperature', 'D+', 'D-', 'ionSize', 'valence+', 'valence-', 'ionSize+', 'ionSize-', 'solventSize']);
  const e = physics.electrolyte;
  e.concentration = r.quantity(el, 'electrolyte', 'concentration', 'concentration', e.concentration, positive);
  e.epsR = r.quantity(el, 'electrolyte', 'permittivity', 'number', e.epsR, positive);
  e.temperature = r.quantity(el, 'electrolyte', 'temperature', 'temperature', e.temperature, positive);
  e.dPlus = r.quantity(el, 'electrolyte', 'D+', 'diffusivity', e.dPlus, positive);
  e.dMinus = r.quantity(el, 'electrolyte', 'D-', 'diffusivity', e.dMinus, positive);
  e.ionSize = r.quantity(el, 'electrolyte', 'ionSize', 'length', e.ionSize, nonNegative);
  // an asymmetric salt: valences, the ions' own sizes and the solvent site (species.ts); absent keys keep the 1:1 one-size model
  if (el.has('valence+')) e.valencePlus = r.quantity(el, 'electrolyte', 'valence+', 'number', 1, positiveInt);
  if (el.has('valence-')) e.valenceMinus = r.quantity(el, 'electrolyte', 'valence-', 'number', -1, (v) => (Number.isInteger(v) && v <= -1 ? null : 'must be a whole number <= -1 (the anion)'));
  if (el.has('ionSize+')) e.ionSizePlus = r.quantity(el, 'electrolyte', 'ionSize+', 'length', e.ionSize, nonNegative);
  if (el.has('ionSize-')) e.ionSizeMinus = r.quantity(el, 'electrolyte', 'ionSize-', 'length', e.ionSize, nonNegative);
  if (el.has('solventSize')) e.solventSize = r.quantity(el, 'electrolyte', 'solventSize', 'length', e.ionSize, positive);
  const st = r.section(root.get('stern')?.value, 'stern', ['thickness', 'permittivity']);
  physics.stern.thickness = r.quantity(st, 'stern', 'thickness', 'length', physics.stern.thickness, nonNegative);
  physics.stern.epsR = r.quantity(st, 'stern', 'permittivity', 'number', physics.stern.epsR, positive);
  const two = el.has('ionSize+') || el.has('ionSize-') || el.has('valence+') || el.has('valence-');
  if (!two) {
    const nu = 2 * e.ionSize ** 3 * e.concentration * 6.02214076e23;
    if (nu >= 1) r.error(el.get('ionSize')?.value ?? el.get('concentration')?.value, `electrolyte: packing fraction 2 a^3 c0 N_A = ${nu.toFixed(3)} must be below 1 (smaller ionSize or concentration)`);
  } else {
    const sp = speciesConstants(speciesSi(e));
    const nu = sp.packPlus + sp.packMinus;
    const at = el.get('ionSize+')?.value ?? el.get('ionSize-')?.value ?? el.get('ionSize')?.value ?? el.get('concentration')?.value ?? el.get('valence+')?.value ?? el.get('valence-')?.value;
    if (nu >= 1) r.error(at, `electrolyte: packing fraction a+^3 c+ N_A + a-^3 c- N_A = ${nu.toFixed(3)} (${sp.packPlus.toFixed(3)} + ${sp.packMinus.toFixed(3)}) must be below 1 (smaller ion sizes or concentration)`);
  }

  const geoNode = root.get('geometry')?.value;
  const geoKeys = ['kind', 'length', 'sheets', 'slitWidth', 'sheetThickness', 'sheetLength', 'edgeGap', 'layout', 'openSpace', 'innerEnd', 'depth', 'fullPeriod', 'openCut'];
  const gs = r.section(geoNode, 'geometry', geoKeys);
  const kind = r.choice(gs, 'geometry', 'kind', ['halfcell', 'network'] as const, 'halfcell');
  let geometry: GeometryConfig;
  if (kind === 'halfcell') {
    for (const k of geoKeys) if (k !== 'kind' && k !== 'length' && gs.has(k)) r.error(gs.get(k)!.key, `geometry.${k}: only for kind: network`);
    geometry = { kind, length: r.quantity(gs, 'geometry', 'length', 'length', 10e-9, positive) };
  } else {
    if (gs.has('length')) r.error(gs.get('length')!.key, 'geometry.length: only for kind: halfcell (use openSpace, sheetLength)');
    const d = defaultGeometry();
    geometry = {
      kind,
      sheets: r.quantity(gs, 'geometry', 'sheets', 'number', d.sheets, positiveInt),
      slitWidth: r.quantity(gs, 'geometry', 'slitWidth', 'length', d.slitWidth, positive),
      sheetThickness: r.quantity(gs, 'geometry', 'sheetThickness', 'length', d.sheetThickness, nonNegative),
      sheetLength: r.quantity(gs, 'geometry', 'sheetLength', 'length', d.sheetLength, positive),
      edgeGap: r.quantity(gs, 'geometry', 'edgeGap', 'length', d.edgeGap, positive),
      layout: r.choice(gs, 'geometry', 'layout', ['aligned', 'brick'] as const, d.layout),
      openSpace: r.quantity(gs, 'geometry', 'openSpace', 'length', d.openSpace, positive),
      innerEnd: r.choice(gs, 'geometry', 'innerEnd', ['wall', 'mirror'] as const, d.innerEnd),
      depth: r.quantity(gs, 'geometry', 'depth', 'length', d.depth, positive),
      fullPeriod: r.flag(gs, 'geometry', 'fullPeriod', d.fullPeriod),
      openCut: r.quantity(gs, 'geometry', 'openCut', 'length', d.openCut, nonNegative),
    };
    if (geometry.openCut > geometry.openSpace) r.error(gs.get('openCut')?.value, `geometry.openCut: must not exceed geometry.openSpace (${geometry.openSpace} m), got ${geometry.openCut}`);
  }
  const gr = r.section(root.get('grid')?.value, 'grid', ['wall', 'growth', 'max', 'alongWall', 'alongMax', 'gapCells']);
  const grid: GridSpec = {
    wall: r.quantity(gr, 'grid', 'wall', 'number', DEFAULT_GRID.wall, positive),
    growth: r.quantity(gr, 'grid', 'growth', 'number', DEFAULT_GRID.growth, (v) => (v >= 1 && v <= 2 ? null : 'must be between 1 and 2')),
    max: r.quantity(gr, 'grid', 'max', 'number', DEFAULT_GRID.max, positive),
  };
  if (gr.has('alongWall')) grid.alongWall = r.quantity(gr, 'grid', 'alongWall', 'number', 0, positive);
  if (gr.has('alongMax')) grid.alongMax = r.quantity(gr, 'grid', 'alongMax', 'number', 0, positive);
  if (gr.has('gapCells')) grid.gapCells = r.quantity(gr, 'grid', 'gapCells', 'number', 0, positiveInt);
  if (grid.max < grid.wall) r.error(gr.get('max')?.value ?? gr.get('wall')?.value, `grid.max: must be >= grid.wall (${grid.wall}), got ${grid.max}`);

  const pr = r.section(root.get('protocol')?.value, 'protocol', ['kind', 'from', 'to', 'rate', 'cycles', 'smoothing', 'periodicTol', 'value', 'duration']);
  const pk = r.choice(pr, 'protocol', 'kind', ['cv', 'step'] as const, 'cv');
  let protocol: ProtocolConfig;
  if (pk === 'cv') {
    for (const k of ['value', 'duration']) if (pr.has(k)) r.error(pr.get(k)!.key, `protocol.${k}: only for kind: step`);
    protocol = {
      kind: 'cv',
      from: r.quantity(pr, 'protocol', 'from', 'potential', 0),
      to: r.quantity(pr, 'protocol', 'to', 'potential', 0.2),
      rate: r.quantity(pr, 'protocol', 'rate', 'rate', 2e4, positive),
      cycles: r.quantity(pr, 'protocol', 'cycles', 'number', 1, positiveInt),
      smoothing: r.quantity(pr, 'protocol', 'smoothing', 'time', 0, nonNegative),
      periodicTol: r.quantity(pr, 'protocol', 'periodicTol', 'number', 0, (v) => (v >= 0 && v < 1 ? null : 'must be between 0 and 1 (0: run every cycle)')),
    };
    if (protocol.from === protocol.to) r.error(pr.get('to')?.value ?? pr.get('from')?.value, `protocol.to: must differ from protocol.from (${protocol.from} V)`);
  } else {
    for (const k of ['from', 'to', 'rate', 'cycles', 'smoothing', 'periodicTol']) if (pr.has(k)) r.error(pr.get(k)!.key, `protocol.${k}: only for kind: cv`);
    protocol = { kind: 'step', value: r.quantity(pr, 'protocol', 'value', 'potential', 0.01), duration: r.quantity(pr, 'protocol', 'duration', 'time', 1e-8, positive) };
  }
  const so = r.section(root.get('solver')?.value, 'solver', ['tol', 'maxStep', 'linear']);
  const solver = {
    tol: r.quantity(so, 'solver', 'tol', 'number', 1e-3, (v) => (v > 0 && v < 1 ? null : 'must be between 0 and 1')),
    maxStep: r.quantity(so, 'solver', 'maxStep', 'time', 0, nonNegative),
    linear: r.choice(so, 'solver', 'linear', ['auto', 'band', 'sparse'] as const, 'auto'),
  };
  const snapshots: number[] = [];
  const sn = root.get('snapshots')?.value;
  if (sn) {
    if (!isSeq(sn)) r.error(sn, 'snapshots: expected a list of fractions of the run time, e.g. [0.25, 0.75]');
    else
      for (const item of sn.items as YamlNode[]) {
        const v = isScalar(item) ? item.value : undefined;
        if (typeof v === 'number' && v >= 0 && v <= 1) snapshots.push(v);
        else r.error(item, `snapshots: expected a fraction between 0 and 1, got ${JSON.stringify(v ?? null)}`);
      }
  } else snapshots.push(0.25);
  r.finish('configuration');
  return { physics, geometry, grid, protocol, solver, snapshots };
}
