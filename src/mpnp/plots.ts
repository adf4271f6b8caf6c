/** Vega-Lite figures of an mPNP run, rendered to SVG in Node (no browser). */
import type * as vl from 'vega-lite';
import type { SlitSeries } from '../series/slitSeries.js';
import type { NetworkMesh } from './network.js';
import type { OpenSpaceParts } from './recorder.js';

type Spec = vl.TopLevelSpec;

export { renderSvg } from '../io/plots.js';

/** Cyclic voltammogram I_m(phi_m) (current into the electrode, positive while charging). */
export function cvSpec(s: SlitSeries, unit: string): Spec {
  const values = Array.from(s.time, (t, k) => ({ k, t, v: s.phiM[k]! * 1000, i: s.totalCurrent ? s.totalCurrent[k]! : 0 }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'mPNP cyclic voltammogram',
    width: 420,
    height: 300,
    data: { values },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'v', type: 'quantitative', title: 'phi_m (mV)' },
      y: { field: 'i', type: 'quantitative', title: `I_m (${unit}), into the electrode` },
      order: { field: 'k', type: 'quantitative' },
    },
  };
}

/**
 * Current components through a surface over the cycle, normalised by max |I_m| (the paper's
 * Fig. 2c/f): the open-space cut and the cut between slit `slit` and slit + 1.
 */
export function fluxSpec(s: SlitSeries, open: OpenSpaceParts | null, slit: number): Spec {
  let iMax = 0;
  for (const v of s.totalCurrent ?? []) iMax = Math.max(iMax, Math.abs(v));
  if (iMax === 0) iMax = 1;
  const rows: Array<{ t: number; part: string; where: string; value: number }> = [];
  const t0 = s.time[s.time.length - 1]! || 1;
  const push = (where: string, part: string, arr: Float64Array | undefined): void => {
    if (!arr) return;
    arr.forEach((v, k) => rows.push({ t: s.time[k]! / t0, part, where, value: v / iMax }));
  };
  if (open) {
    const w = 'open space';
    push(w, 'migration', open.migration);
    push(w, 'diffusion', open.diffusion);
    push(w, 'steric', open.steric);
    push(w, 'total (with displacement)', open.total);
  }
  if (s.parts && s.current.length > slit) {
    const w = `slit ${slit + 1} -> ${slit + 2} (I_${slit + 1})`;
    push(w, 'migration', s.parts.migration[slit]);
    push(w, 'diffusion', s.parts.diffusion[slit]);
    push(w, 'steric', s.parts.steric[slit]);
    push(w, 'total (with displacement)', s.current[slit]);
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Current components toward the reservoir / max |I_m|',
    data: { values: rows },
    facet: { row: { field: 'where', type: 'nominal', title: null } },
    spec: {
      width: 460,
      height: 180,
      mark: { type: 'line' },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 't / run time' },
        y: { field: 'value', type: 'quantitative', title: 'I / max|I_m|' },
        color: { field: 'part', type: 'nominal', scale: { domain: ['migration', 'diffusion', 'steric', 'total (with displacement)'], range: ['#1f4fd1', '#d62728', '#8c3fbf', '#222222'] } },
      },
    },
    resolve: { scale: { y: 'independent' } },
  };
}

/** Colour map of phi (mV) over the network cells with ionic current arrows (the paper's Fig. 4a). */
export function phiMapSpec(net: NetworkMesh, phi: Float64Array, jx: Float64Array, jy: Float64Array, lambdaNm: number, title: string): Spec {
  const m = net.mesh;
  const { xNodes, yNodes, cellOf } = net;
  const ny = yNodes.length - 1;
  const nx = xNodes.length - 1;
  const cells: Array<{ x: number; x2: number; y: number; y2: number; phi: number }> = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const c = cellOf[i * ny + j]!;
      if (c < 0) continue;
      cells.push({ x: xNodes[i]! * lambdaNm, x2: xNodes[i + 1]! * lambdaNm, y: yNodes[j]! * lambdaNm, y2: yNodes[j + 1]! * lambdaNm, phi: phi[c]! * 1000 });
    }
  }
  // arrows on a coarse subset of cells, length scaled to the largest current
  let jMax = 0;
  for (let c = 0; c < m.nCells; c++) jMax = Math.max(jMax, Math.hypot(jx[c]!, jy[c]!));
  const arrows: Array<{ x: number; y: number; x2: number; y2: number }> = [];
  const step = Math.max(1, Math.round(Math.min(nx, ny) / 12));
  const len = 0.04 * (xNodes[nx]! - xNodes[0]!) * lambdaNm;
  for (let i = 0; i < nx; i += step) {
    for (let j = 0; j < ny; j += step) {
      const c = cellOf[i * ny + j]!;
      if (c < 0 || jMax === 0) continue;
      const f = len / jMax;
      const x0 = m.cx[c]! * lambdaNm;
      const y0 = m.cy[c]! * lambdaNm;
      arrows.push({ x: x0, y: y0, x2: x0 + jx[c]! * f, y2: y0 + jy[c]! * f });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 560,
    height: 240,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: 'x (nm), reservoir at 0' },
          x2: { field: 'x2' },
          y: { field: 'y', type: 'quantitative', title: 'y (nm)' },
          y2: { field: 'y2' },
          color: { field: 'phi', type: 'quantitative', title: 'phi (mV)', scale: { scheme: 'viridis' } },
        },
      },
      {
        data: { values: arrows },
        mark: { type: 'rule', color: 'white', strokeWidth: 1 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, x2: { field: 'x2' }, y2: { field: 'y2' } },
      },
      {
        data: { values: arrows },
        mark: { type: 'point', color: 'white', size: 6, filled: true },
        encoding: { x: { field: 'x2', type: 'quantitative' }, y: { field: 'y2', type: 'quantitative' } },
      },
    ],
  };
}
