/**
 * Builds the MD system of a graphene-membrane supercapacitor (Extended Data Fig. 4a of the paper):
 * along z (the membrane normal) a left electrode, an electrolyte reservoir and a right electrode,
 * each electrode a stack of graphene sheets with an edge gap (the passage between slits) closed by a
 * full sheet (the end wall). Positions in SI (m). The electrolyte fills the reservoir and every slit
 * at the bulk concentration (the electrodes were immersed before charging); with the explicit model,
 * SPC/E water fills the free space.
 *
 *   z:  wall_L | sheet N ... sheet 2 | sheet 1 |~~ reservoir ~~| sheet 1 | sheet 2 ... sheet N | wall_R
 *       slit i of an electrode lies between its sheet i and sheet i+1 (sheet N+1 = the end wall).
 */
import { Rng } from '../numeric/random.js';
import { NcmError } from '../diagnostics.js';
import type { MdConfig } from './config.js';

/** Graphene: orthogonal 4-atom cell, a = 2.46 A along x, sqrt(3) a along y (zigzag along x). */
export const GRAPHENE_A = 2.46e-10;
const CELL_Y = Math.sqrt(3) * GRAPHENE_A;
const BASIS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, 1.42e-10],
  [GRAPHENE_A / 2, CELL_Y / 2],
  [GRAPHENE_A / 2, CELL_Y / 2 + 1.42e-10],
];
/** SPC/E geometry. */
const OH = 1e-10;
const HOH = (109.47 * Math.PI) / 180;
/** Number density of liquid water at 298 K, 1/m^3. */
const WATER_DENSITY = 33.37e27;

export type AtomRole = 'carbon' | 'cation' | 'anion' | 'oxygen' | 'hydrogen';

export interface AtomType {
  role: AtomRole;
  name: string;
  /** kg per particle */
  mass: number;
  /** J per particle */
  epsilon: number;
  /** m */
  sigma: number;
  /** Charge of the type before the step, C (carbons: 0; changed per electrode at the step). */
  charge: number;
}

export interface ElectrodeLayout {
  /** +1 for the left electrode (charged positive), -1 for the right. */
  sign: 1 | -1;
  /** Atom ids (1-based, inclusive) of its carbons. */
  firstId: number;
  lastId: number;
  /** z of sheet 1..N and, last, the end wall, m. */
  sheetZ: number[];
  /** Slit i spans [lo[i], hi[i]] in z (lo < hi), m. */
  slitLo: number[];
  slitHi: number[];
}

/** Everything the input writer and the trajectory reader need to know about the system. */
export interface MdSystem {
  model: MdConfig['model'];
  box: { lx: number; ly: number; lz: number };
  types: AtomType[];
  /** Per atom: 1-based type, molecule id (0: none), charge (C), position (m). */
  type: Int32Array;
  mol: Int32Array;
  q: Float64Array;
  x: Float64Array;
  y: Float64Array;
  z: Float64Array;
  /** Bonds and angles of the water molecules as atom indices (0-based). */
  bonds: Int32Array;
  angles: Int32Array;
  electrodes: [ElectrodeLayout, ElectrodeLayout];
  /** z of the reservoir middle (potential reference), m; reservoir between the two sheet-1 planes. */
  reservoirMid: number;
  reservoirLo: number;
  reservoirHi: number;
  /** Carbons per electrode, ions per species, water molecules. */
  counts: { carbonPerElectrode: number; cations: number; anions: number; waters: number };
  /** Interlayer distance (sheet to sheet), m. */
  spacing: number;
}

/** Closest whole number of cells (at least `min`) to `length / cell`. */
function cells(length: number, cell: number, min: number): number {
  return Math.max(min, Math.round(length / cell));
}

export function buildSystem(cfg: MdConfig): MdSystem {
  const el = cfg.electrode;
  const nx = cells(el.width, GRAPHENE_A, 4);
  const ny = cells(el.depth, CELL_Y, 2);
  const lx = nx * GRAPHENE_A;
  const ly = ny * CELL_Y;
  const h = el.slitWidth + el.sheetThickness;
  const margin = 3e-10;
  const n = el.sheets;
  const zWallL = margin;
  const zL1 = zWallL + n * h;
  const zR1 = zL1 + cfg.reservoir.length;
  const zWallR = zR1 + n * h;
  const lz = zWallR + margin;

  const ions = cfg.electrolyte;
  const types: AtomType[] = [
    { role: 'carbon', name: 'C', mass: (12.011e-3) / 6.02214076e23, epsilon: el.carbonEpsilon, sigma: el.carbonSigma, charge: 0 },
    { role: 'cation', name: ions.cation.name, mass: ions.cation.mass, epsilon: ions.cation.epsilon, sigma: ions.cation.sigma, charge: ions.cation.valence * 1.602176634e-19 },
    { role: 'anion', name: ions.anion.name, mass: ions.anion.mass, epsilon: ions.anion.epsilon, sigma: ions.anion.sigma, charge: ions.anion.valence * 1.602176634e-19 },
  ];
  if (cfg.model === 'spce') {
    const kcal = 4184 / 6.02214076e23;
    const e = 1.602176634e-19;
    types.push({ role: 'oxygen', name: 'O', mass: 15.9994e-3 / 6.02214076e23, epsilon: 0.1553 * kcal, sigma: 3.166e-10, charge: -0.8476 * e });
    types.push({ role: 'hydrogen', name: 'H', mass: 1.008e-3 / 6.02214076e23, epsilon: 0, sigma: 0, charge: 0.4238 * e });
  }

  const atoms: Array<{ type: number; mol: number; q: number; x: number; y: number; z: number }> = [];
  const sheet = (z: number, gapCentre: number | null): void => {
    for (let i = 0; i < nx; i++)
      for (let j = 0; j < ny; j++)
        for (const [bx, by] of BASIS) {
          const x = i * GRAPHENE_A + bx;
          const y = j * CELL_Y + by;
          if (gapCentre !== null) {
            // periodic distance to the gap centre along x
            let dx = Math.abs(x - gapCentre);
            dx = Math.min(dx, lx - dx);
            if (dx < el.edgeGap / 2) continue;
          }
          atoms.push({ type: 1, mol: 0, q: 0, x, y, z });
        }
  };
  const gapOf = (k: number): number => (el.layout === 'brick' && k % 2 === 1 ? lx / 2 : 0);
  const electrode = (sign: 1 | -1): ElectrodeLayout => {
    const firstId = atoms.length + 1;
    const sheetZ: number[] = [];
    for (let k = 0; k < n; k++) {
      const z = sign > 0 ? zL1 - k * h : zR1 + k * h;
      sheet(z, gapOf(k));
      sheetZ.push(z);
    }
    const wall = sign > 0 ? zWallL : zWallR;
    sheet(wall, null);
    sheetZ.push(wall);
    const slitLo: number[] = [];
    const slitHi: number[] = [];
    for (let k = 0; k < n; k++) {
      slitLo.push(Math.min(sheetZ[k]!, sheetZ[k + 1]!));
      slitHi.push(Math.max(sheetZ[k]!, sheetZ[k + 1]!));
    }
    return { sign, firstId, lastId: atoms.length, sheetZ, slitLo, slitHi };
  };
  const left = electrode(1);
  const right = electrode(-1);
  if (right.lastId - right.firstId !== left.lastId - left.firstId) throw new Error('electrodes differ in size');

  // ions: on a lateral grid in the reservoir and on the mid-plane of every slit, drawn at random
  const rng = new Rng(cfg.seed);
  const avo = 6.02214076e23;
  const area = lx * ly;
  const clearance = 3.5e-10;
  const siteGrid = (spacing: number, zLo: number, zHi: number, planes: number | null): Array<[number, number, number]> => {
    const mx = Math.max(1, Math.floor(lx / spacing));
    const my = Math.max(1, Math.floor(ly / spacing));
    const zs: number[] = [];
    if (planes === null) {
      const mz = Math.max(1, Math.floor((zHi - zLo) / spacing) + 1);
      for (let k = 0; k < mz; k++) zs.push(mz === 1 ? (zLo + zHi) / 2 : zLo + ((zHi - zLo) * k) / (mz - 1));
    } else zs.push(planes);
    const out: Array<[number, number, number]> = [];
    for (const z of zs) for (let i = 0; i < mx; i++) for (let j = 0; j < my; j++) out.push([(i + 0.5) * (lx / mx), (j + 0.5) * (ly / my), z]);
    return out;
  };
  const shuffle = <T>(a: T[]): T[] => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const ionSpacing = 5e-10;
  let cations = 0;
  let anions = 0;
  const placed: Array<[number, number, number]> = [];
  const place = (sites: Array<[number, number, number]>, pairs: number, where: string): void => {
    if (2 * pairs > sites.length) throw new NcmError(`md: ${where} has room for ${sites.length} ions on a 0.5 nm grid but needs ${2 * pairs} (lower electrolyte.concentration or enlarge the box)`);
    const s = shuffle(sites);
    for (let k = 0; k < 2 * pairs; k++) {
      const [x, y, z] = s[k]!;
      const cat = k % 2 === 0;
      atoms.push({ type: cat ? 2 : 3, mol: 0, q: types[cat ? 1 : 2]!.charge, x, y, z });
      placed.push([x, y, z]);
      if (cat) cations++;
      else anions++;
    }
  };
  const resFree = cfg.reservoir.length - el.sheetThickness;
  place(siteGrid(ionSpacing, zL1 + clearance, zR1 - clearance, null), Math.round(ions.concentration * avo * area * resFree), 'the reservoir');
  const slitPairs = Math.round(ions.concentration * avo * area * el.slitWidth);
  const slitIons = h >= 2 * clearance * 0.85;
  if (slitIons)
    for (const e of [left, right])
      for (let k = 0; k < n; k++) place(siteGrid(ionSpacing, 0, 0, (e.slitLo[k]! + e.slitHi[k]!) / 2), slitPairs, `slit ${k + 1}`);

  const bonds: number[] = [];
  const angles: number[] = [];
  let waters = 0;
  if (cfg.model === 'spce') {
    // water on a cubic grid at liquid density, outside 2.8 A of the sheets and 2.9 A of the ions
    const a = Math.cbrt(1 / WATER_DENSITY);
    const sites: Array<[number, number, number]> = [];
    const free = (zLo: number, zHi: number): void => {
      if (zHi - zLo < 0) return;
      sites.push(...siteGrid(a, zLo, zHi, zHi - zLo < a ? (zLo + zHi) / 2 : null));
    };
    const gapToSheet = 2.8e-10;
    free(zL1 + gapToSheet, zR1 - gapToSheet);
    for (const e of [left, right]) for (let k = 0; k < n; k++) free(e.slitLo[k]! + gapToSheet, e.slitHi[k]! - gapToSheet);
    const near = (x: number, y: number, z: number): boolean =>
      placed.some(([px, py, pz]) => {
        let dx = Math.abs(px - x);
        dx = Math.min(dx, lx - dx);
        let dy = Math.abs(py - y);
        dy = Math.min(dy, ly - dy);
        return dx * dx + dy * dy + (pz - z) ** 2 < (2.9e-10) ** 2;
      });
    const e = 1.602176634e-19;
    for (const [x, y, z] of sites) {
      if (near(x, y, z)) continue;
      waters++;
      const mol = waters;
      // a random orientation: H1 along u, H2 at the HOH angle in the plane of u and v
      const u = randomUnit(rng);
      let v = randomUnit(rng);
      const dot = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
      v = normalise([v[0] - dot * u[0], v[1] - dot * u[1], v[2] - dot * u[2]]);
      const o = atoms.length;
      atoms.push({ type: 4, mol, q: -0.8476 * e, x, y, z });
      atoms.push({ type: 5, mol, q: 0.4238 * e, x: wrap(x + OH * u[0], lx), y: wrap(y + OH * u[1], ly), z: z + OH * u[2] });
      const c = Math.cos(HOH);
      const s = Math.sin(HOH);
      const w = [c * u[0] + s * v[0], c * u[1] + s * v[1], c * u[2] + s * v[2]];
      atoms.push({ type: 5, mol, q: 0.4238 * e, x: wrap(x + OH * w[0]!, lx), y: wrap(y + OH * w[1]!, ly), z: z + OH * w[2]! });
      bonds.push(o, o + 1, o, o + 2);
      angles.push(o + 1, o, o + 2);
    }
  }
  // ions first get molecule ids after the waters so that every molecule id is unique
  let nextMol = waters;
  for (const a of atoms) if (a.type === 2 || a.type === 3) a.mol = cfg.model === 'spce' ? ++nextMol : 0;

  const N = atoms.length;
  const sys: MdSystem = {
    model: cfg.model,
    box: { lx, ly, lz },
    types,
    type: new Int32Array(N),
    mol: new Int32Array(N),
    q: new Float64Array(N),
    x: new Float64Array(N),
    y: new Float64Array(N),
    z: new Float64Array(N),
    bonds: Int32Array.from(bonds),
    angles: Int32Array.from(angles),
    electrodes: [left, right],
    reservoirMid: (zL1 + zR1) / 2,
    reservoirLo: zL1,
    reservoirHi: zR1,
    counts: { carbonPerElectrode: left.lastId - left.firstId + 1, cations, anions, waters },
    spacing: h,
  };
  atoms.forEach((a, i) => {
    sys.type[i] = a.type;
    sys.mol[i] = a.mol;
    sys.q[i] = a.q;
    sys.x[i] = a.x;
    sys.y[i] = a.y;
    sys.z[i] = a.z;
  });
  return sys;
}

function wrap(v: number, l: number): number {
  return v - Math.floor(v / l) * l;
}

function normalise(v: [number, number, number]): [number, number, number] {
  const n = Math.hypot(v[0], v[1], v[2]);
  return [v[0] / n, v[1] / n, v[2] / n];
}

function randomUnit(rng: Rng): [number, number, number] {
  for (;;) {
    const v: [number, number, number] = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)];
    const n = Math.hypot(v[0], v[1], v[2]);
    if (n > 0.1 && n <= 1) return normalise(v);
  }
}
