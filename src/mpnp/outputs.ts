/** The files an mPNP run writes: series, open-space cut, field snapshots, plots and a summary. */
import { toCsv } from '../io/csv.js';
import { seriesToCsv } from '../io/series.js';
import { cvSpec, fluxSpec, phiMapSpec, renderSvg } from './plots.js';
import type { RunResult } from './run.js';
import { slitCapacitances } from './slitCapacitance.js';
import { SPLIT_ERROR_NOT_ESTIMATED, type SplitGridError } from './splitGridError.js';

/** splitError: the grid error of the trans-slit split (`--split-error`); without it a network run's summary says it was not estimated. */
export async function mpnpOutputs(r: RunResult, splitError?: SplitGridError): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const s = r.series;
  files.set('series.csv', seriesToCsv(s));
  const is2d = r.network !== null;
  const unit = is2d ? 'A per period' : 'A/m^2';
  files.set('cv.svg', await renderSvg(cvSpec(s, unit)));
  if (r.openSpace) {
    const o = r.openSpace;
    const rows = Array.from(o.time, (t, k) => [t, o.total[k]!, o.migration[k]!, o.diffusion[k]!, o.steric[k]!, o.displacement[k]!].map(String));
    const comments = ['open-space cut (geometry.openCut from sheet 1), current toward the reservoir, A (per period of the network)'];
    files.set('open-space.csv', toCsv({ comments, header: ['time[s]', 'I_total[A]', 'I_mig[A]', 'I_diff[A]', 'I_ster[A]', 'I_disp[A]'], rows }));
  }
  if (is2d) files.set('flux-components.svg', await renderSvg(fluxSpec(s, r.openSpace, 0)));
  const net = r.network;
  for (let k = 0; k < r.snapshots.length; k++) {
    const snap = r.snapshots[k]!;
    if (net) {
      const title = `phi at t = ${(snap.time * 1e6).toFixed(3)} us (phi_m = ${(snap.phiM * 1000).toFixed(1)} mV), ionic current arrows`;
      files.set(`phi-map-${k + 1}.svg`, await renderSvg(phiMapSpec(net, snap.phi, snap.jx, snap.jy, r.scales.lambdaD * 1e9, title)));
      const rows = Array.from(snap.phi, (phi, i) => [net.mesh.cx[i]! * r.scales.lambdaD, net.mesh.cy[i]! * r.scales.lambdaD, phi, snap.cPlus[i]!, snap.cMinus[i]!, snap.jx[i]!, snap.jy[i]!].map(String));
      const header = ['x[m]', 'y[m]', 'phi[V]', 'c_plus[mol/m3]', 'c_minus[mol/m3]', 'jx[A/m2]', 'jy[A/m2]'];
      files.set(`snapshot-${k + 1}.csv`, toCsv({ comments: [`t = ${snap.time} s, phi_m = ${snap.phiM} V`], header, rows }));
    }
  }
  const summary = {
    stats: r.stats,
    cycles: r.cycles ?? undefined,
    debyeLength_m: r.scales.lambdaD,
    slitCapacitance_F_m2: is2d && net ? slitCapacitances(r.series, net) : undefined,
    splitGridError: is2d ? (splitError ?? SPLIT_ERROR_NOT_ESTIMATED) : undefined,
  };
  files.set('summary.json', JSON.stringify(summary, null, 2) + '\n');
  return files;
}
