/**
 * Stage 3: the 2D nanoslit network on a tensor grid. x is the stacking direction (reservoir at
 * x = 0, then the open space, then sheet 1, slit 1, sheet 2, ... sheet N, slit N and the inner
 * end), y runs along the sheets with mirror planes at the y edges of one period (-L..L, or 0..L
 * on the half domain, which the y-symmetry of both layouts allows).
 */
import { gradedCount, gradedNodes, RESERVOIR, WALL, type FvMesh } from './mesh.js';
import type { GridSpec } from './halfCell.js';
import { InputError } from '../diagnostics.js';

/** Default least number of cells across half an edge gap (grid.gapCells). */
export const DEFAULT_GAP_CELLS = 8;

export interface NetworkGeometry {
  sheets: number;
  /** Slit width d (sheet surface to sheet surface), m. */
  slitWidth: number;
  /** Sheet thickness, m (0: sheets are lines). */
  sheetThickness: number;
  /** Length of one sheet along y, m. */
  sheetLength: number;
  /** Gap between the ends of collinear sheets, m; the period is sheetLength + edgeGap. */
  edgeGap: number;
  /** 'aligned': every gap at the mirror planes; 'brick': alternate sheets shifted by half a period. */
  layout: 'aligned' | 'brick';
  /** Open space between reservoir and sheet 1, m. */
  openSpace: number;
  /** 'wall': a Stern wall at phi_m closes slit N; 'mirror': slit N ends in a symmetry plane at d/2. */
  innerEnd: 'wall' | 'mirror';
  /** Depth W, m (outputs are multiplied by it; 1 m gives values per unit depth). */
  depth: number;
  /** Model the full period -L..L instead of the half 0..L. */
  fullPeriod: boolean;
  /** Distance of the open-space cut (current split outside the electrode) from sheet 1, m. */
  openCut: number;
}

export function defaultGeometry(): NetworkGeometry {
  return {
    sheets: 6,
    slitWidth: 1.5e-9,
    sheetThickness: 0.335e-9,
    sheetLength: 10e-9,
    edgeGap: 1e-9,
    layout: 'aligned',
    openSpace: 5e-9,
    innerEnd: 'wall',
    depth: 1,
    fullPeriod: false,
    openCut: 0.5e-9,
  };
}

export interface SlitBookkeeping {
  /** Cells of slit i's region (from the middle of sheet i to the middle of sheet i+1). */
  cells: Int32Array;
  /**
   * Where phi_i is read: cells and weights (sum 1) that interpolate phi at the slit middle (x) on
   * the probe line (y = 0 for aligned sheets; for brick, y = L/2, midway between the two gaps that
   * bound the slit, so that every slit is read at the same place relative to its own gaps).
   */
  probeCells: Int32Array;
  probeWeights: Float64Array;
  /** Internal faces of the cut toward slit i+1 (the gaps of sheet i+1, at its middle), oriented in +x; empty for slit N. */
  cut: Int32Array;
}

/** phi_i (dimensionless) of a slit from the state vector (phi, c+, c-) per cell. */
export function probePotential(sl: SlitBookkeeping, x: Float64Array): number {
  let v = 0;
  for (let k = 0; k < sl.probeCells.length; k++) v += sl.probeWeights[k]! * x[3 * sl.probeCells[k]!]!;
  return v;
}

export interface NetworkMesh {
  mesh: FvMesh;
  geometry: NetworkGeometry;
  /** Grid nodes (dimensionless). */
  xNodes: Float64Array;
  yNodes: Float64Array;
  /** Cell number of (ix, iy) at ix * ny + iy, -1 inside a sheet. */
  cellOf: Int32Array;
  slits: SlitBookkeeping[];
  /** x-faces across the open space at openCut from sheet 1, oriented in +x. */
  openCut: Int32Array;
  /** x positions of the sheets' reservoir-side surfaces (dimensionless). */
  sheetX: Float64Array;
}

function concatNodes(parts: Float64Array[]): Float64Array {
  const out: number[] = [0];
  let off = 0;
  for (const p of parts) {
    for (let i = 1; i < p.length; i++) out.push(off + p[i]!);
    off += p[p.length - 1]!;
  }
  return Float64Array.from(out);
}

type Ends = 'left' | 'right' | 'both' | 'none';
/** Makes one graded segment of an axis: its nodes (gradedNodes) or only their count (gradedCount). */
type SegmentMaker<T> = (length: number, h0: number, growth: number, hMax: number, ends: Ends) => T;

/**
 * The segments of both axes, in order, made by `make`; lengths of `g` in m, grid in units of
 * lambda_D. Shared by the mesh and by the size estimate, which must not allocate the axes.
 */
function networkAxes<T>(g: NetworkGeometry, lambdaD: number, grid: GridSpec, make: SegmentMaker<T>) {
  const u = (v: number): number => v / lambdaD;
  const d = u(g.slitWidth);
  const t = u(g.sheetThickness);
  const len = u(g.sheetLength);
  const gap = u(g.edgeGap);
  const L = 0.5 * (len + gap);
  const lo = u(g.openSpace);
  const segWith = (w: number, mx: number) => (length: number, ends: Ends): T =>
    make(length, Math.min(w, length / 3), grid.growth, Math.max(mx, Math.min(w, length / 3)), ends);
  const seg = segWith(grid.wall, grid.max);
  const segY = segWith(grid.alongWall ?? 3 * grid.wall, grid.alongMax ?? 2 * grid.max);
  // the trans-slit current and its split are taken on the faces across the gaps: at least
  // gapCells cells across a half gap (3 gave a 5% grid error in the diffusion / migration split)
  const hGap = Math.min(gap / 2, len) / (grid.gapCells ?? DEFAULT_GAP_CELLS);
  const segGap = segWith(Math.min(grid.alongWall ?? 3 * grid.wall, hGap), Math.min(grid.alongMax ?? 2 * grid.max, hGap));

  // x: open space, then (sheet, slit) x N
  const xs: T[] = [seg(lo, 'right')];
  const sheetX = new Float64Array(g.sheets);
  const slitMid = new Float64Array(g.sheets);
  let x = lo;
  for (let k = 0; k < g.sheets; k++) {
    sheetX[k] = x;
    // two halves, so that a grid line (the cut for I_i) runs along the sheet's middle
    if (t > 0) xs.push(seg(t / 2, 'left'), seg(t / 2, 'right'));
    x += t;
    const last = k === g.sheets - 1;
    if (last && g.innerEnd === 'mirror') {
      xs.push(seg(d / 2, 'left'));
      slitMid[k] = x + d / 2;
      x += d / 2;
    } else {
      xs.push(seg(d, 'both'));
      slitMid[k] = x + d / 2;
      x += d;
    }
  }
  // y: half period 0..L with refinement toward sheet edges
  // brick: L/2 (midway between a sheet's gap and its neighbour's) is a node with a mirror-symmetric
  // grid around it, so phi there is the mean of the two adjacent rows
  const edges = g.layout === 'aligned' ? [len / 2] : [Math.min(gap, len) / 2, L / 2, len / 2].sort((a, b) => a - b);
  const ys: T[] = [];
  let y0 = 0;
  edges.forEach((e, i) => {
    // brick: the first segment (0..gap/2) is a half gap
    ys.push((g.layout === 'brick' && i === 0 ? segGap : segY)(e - y0, i === 0 ? 'right' : 'both'));
    y0 = e;
  });
  // the last segment (sheet end .. mirror plane) is a half gap
  if (L - y0 > 1e-12) ys.push(segGap(L - y0, 'left'));
  return { xs, ys, sheetX, slitMid, t, len, gap, L, lo };
}

/** Grid cells of the network (sheets included) without building it: for the memory estimate. */
export function networkCellCount(g: NetworkGeometry, lambdaD: number, grid: GridSpec): number {
  const a = networkAxes<number>(g, lambdaD, grid, gradedCount);
  const nx = a.xs.reduce((p, c) => p + c, 0);
  const ny = a.ys.reduce((p, c) => p + c, 0) * (g.fullPeriod ? 2 : 1);
  return nx * ny;
}

/** Builds the mesh; lengths of `g` in m, grid in units of lambda_D. */
export function networkMesh(g: NetworkGeometry, lambdaD: number, grid: GridSpec): NetworkMesh {
  if (!Number.isInteger(g.sheets) || g.sheets < 1) throw new InputError('sheets must be a positive integer');
  const { xs, ys, sheetX, slitMid, t, len, gap, L, lo } = networkAxes(g, lambdaD, grid, gradedNodes);
  const xNodes = concatNodes(xs);
  let yNodes = concatNodes(ys);
  if (g.fullPeriod) {
    const m = yNodes.length;
    const full: number[] = [];
    for (let i = m - 1; i > 0; i--) full.push(-yNodes[i]!);
    for (let i = 0; i < m; i++) full.push(yNodes[i]!);
    yNodes = Float64Array.from(full);
  }
  const covers = (k: number, y: number): boolean => {
    const ay = Math.abs(y);
    if (g.layout === 'aligned' || k % 2 === 0) return ay < len / 2;
    return ay > gap / 2;
  };
  const nx = xNodes.length - 1;
  const ny = yNodes.length - 1;
  const cxs = new Float64Array(nx);
  const cys = new Float64Array(ny);
  for (let i = 0; i < nx; i++) cxs[i] = 0.5 * (xNodes[i]! + xNodes[i + 1]!);
  for (let j = 0; j < ny; j++) cys[j] = 0.5 * (yNodes[j]! + yNodes[j + 1]!);
  const eps = 1e-9;
  const solid = (i: number, j: number): boolean => {
    if (t <= 0) return false;
    for (let k = 0; k < g.sheets; k++) {
      if (cxs[i]! > sheetX[k]! && cxs[i]! < sheetX[k]! + t && covers(k, cys[j]!)) return true;
    }
    return false;
  };
  /** Zero-thickness sheet on the grid line between column i and i+1 covering row j. */
  const lineWall = (i: number, j: number): boolean => {
    if (t > 0) return false;
    const xf = xNodes[i + 1]!;
    for (let k = 0; k < g.sheets; k++) if (Math.abs(xf - sheetX[k]!) < eps && covers(k, cys[j]!)) return true;
    return false;
  };
  const cellOf = new Int32Array(nx * ny).fill(-1);
  let nCells = 0;
  for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) if (!solid(i, j)) cellOf[i * ny + j] = nCells++;
  const volume = new Float64Array(nCells);
  const cx = new Float64Array(nCells);
  const cy = new Float64Array(nCells);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const c = cellOf[i * ny + j]!;
      if (c < 0) continue;
      volume[c] = (xNodes[i + 1]! - xNodes[i]!) * (yNodes[j + 1]! - yNodes[j]!);
      cx[c] = cxs[i]!;
      cy[c] = cys[j]!;
    }
  }
  const fA: number[] = [];
  const fB: number[] = [];
  const fArea: number[] = [];
  const fDist: number[] = [];
  const bCell: number[] = [];
  const bArea: number[] = [];
  const bDist: number[] = [];
  const bKind: number[] = [];
  const wall = (c: number, area: number, dist: number): void => {
    bCell.push(c);
    bArea.push(area);
    bDist.push(dist);
    bKind.push(WALL);
  };
  // x-faces, remembering those on sheet-surface lines for the cuts
  const xFaceAt = new Map<number, number[]>();
  for (let i = 0; i < nx - 1; i++) {
    for (let j = 0; j < ny; j++) {
      const a = cellOf[i * ny + j]!;
      const b = cellOf[(i + 1) * ny + j]!;
      const hy = yNodes[j + 1]! - yNodes[j]!;
      if (a >= 0 && b >= 0 && !lineWall(i, j)) {
        const f = fA.length;
        fA.push(a);
        fB.push(b);
        fArea.push(hy);
        fDist.push(cxs[i + 1]! - cxs[i]!);
        const list = xFaceAt.get(i + 1) ?? [];
        list.push(f);
        xFaceAt.set(i + 1, list);
      } else {
        if (a >= 0) wall(a, hy, xNodes[i + 1]! - cxs[i]!);
        if (b >= 0) wall(b, hy, cxs[i + 1]! - xNodes[i + 1]!);
      }
    }
  }
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny - 1; j++) {
      const a = cellOf[i * ny + j]!;
      const b = cellOf[i * ny + j + 1]!;
      const hx = xNodes[i + 1]! - xNodes[i]!;
      if (a >= 0 && b >= 0) {
        fA.push(a);
        fB.push(b);
        fArea.push(hx);
        fDist.push(cys[j + 1]! - cys[j]!);
      } else {
        if (a >= 0) wall(a, hx, yNodes[j + 1]! - cys[j]!);
        if (b >= 0) wall(b, hx, cys[j + 1]! - yNodes[j + 1]!);
      }
    }
  }
  for (let j = 0; j < ny; j++) {
    const hy = yNodes[j + 1]! - yNodes[j]!;
    const a = cellOf[j]!;
    bCell.push(a);
    bArea.push(hy);
    bDist.push(cxs[0]!);
    bKind.push(RESERVOIR);
    const e = cellOf[(nx - 1) * ny + j]!;
    if (g.innerEnd === 'wall' && e >= 0) wall(e, hy, xNodes[nx]! - cxs[nx - 1]!);
  }
  let bw = 1;
  for (let f = 0; f < fA.length; f++) bw = Math.max(bw, Math.abs(fA[f]! - fB[f]!));
  const mesh: FvMesh = {
    nCells,
    volume,
    cx,
    cy,
    faceA: Int32Array.from(fA),
    faceB: Int32Array.from(fB),
    faceArea: Float64Array.from(fArea),
    faceDist: Float64Array.from(fDist),
    bCell: Int32Array.from(bCell),
    bArea: Float64Array.from(bArea),
    bDist: Float64Array.from(bDist),
    bKind: Uint8Array.from(bKind),
    bSign: new Float64Array(bCell.length).fill(1),
    cellBandwidth: bw,
  };
  // column index of a grid line
  const lineIndex = (xv: number): number => {
    let best = 0;
    for (let i = 0; i <= nx; i++) if (Math.abs(xNodes[i]! - xv) < Math.abs(xNodes[best]! - xv)) best = i;
    return best;
  };
  // slit i's region runs from the middle of sheet i to the middle of sheet i+1
  const cutLines = Array.from(sheetX, (sx) => lineIndex(sx + t / 2));
  // probe rows and their weights: aligned, the cell row containing y = 0 (on the half domain: the
  // first row, next to the mirror); brick, the two rows on either side of the node y = L/2
  const probeRows: Array<[number, number]> = [];
  if (g.layout === 'aligned') {
    let jProbe = 0;
    for (let j = 0; j < ny; j++) if (yNodes[j]! <= 0 + eps && yNodes[j + 1]! > 0) jProbe = j;
    if (!g.fullPeriod) jProbe = 0;
    probeRows.push([jProbe, 1]);
  } else {
    let jn = 0;
    for (let j = 0; j <= ny; j++) if (Math.abs(yNodes[j]! - L / 2) < Math.abs(yNodes[jn]! - L / 2)) jn = j;
    probeRows.push([jn - 1, 0.5], [jn, 0.5]);
  }
  const slits: SlitBookkeeping[] = [];
  for (let k = 0; k < g.sheets; k++) {
    const i0 = cutLines[k]!;
    const i1 = k + 1 < g.sheets ? cutLines[k + 1]! : nx;
    const cells: number[] = [];
    for (let i = i0; i < i1; i++) for (let j = 0; j < ny; j++) if (cellOf[i * ny + j]! >= 0) cells.push(cellOf[i * ny + j]!);
    // bracket the slit middle by two cell centres in the probe row
    const xm = slitMid[k]!;
    let ia = i0;
    while (ia + 1 < i1 && cxs[ia + 1]! <= xm) ia++;
    const ib = Math.min(ia + 1, i1 - 1);
    const w = ib === ia ? 0 : Math.min(1, Math.max(0, (xm - cxs[ia]!) / (cxs[ib]! - cxs[ia]!)));
    const probeCells: number[] = [];
    const probeWeights: number[] = [];
    for (const [j, wy] of probeRows) {
      const pa = cellOf[ia * ny + j]!;
      const pb = cellOf[ib * ny + j]!;
      if (pa < 0 || pb < 0) throw new InputError(`slit ${k + 1}: probe cell inside a sheet`);
      probeCells.push(pa, pb);
      probeWeights.push(wy * (1 - w), wy * w);
    }
    slits.push({
      cells: Int32Array.from(cells),
      probeCells: Int32Array.from(probeCells),
      probeWeights: Float64Array.from(probeWeights),
      cut: Int32Array.from(k + 1 < g.sheets ? (xFaceAt.get(cutLines[k + 1]!) ?? []) : []),
    });
  }
  const openLine = lineIndex(Math.max(0, lo - g.openCut / lambdaD));
  return {
    mesh,
    geometry: g,
    xNodes,
    yNodes,
    cellOf,
    slits,
    openCut: Int32Array.from(xFaceAt.get(openLine) ?? []),
    sheetX,
  };
}
