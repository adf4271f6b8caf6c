import { defaultPhysics } from './src/mpnp/params.js';
import { defaultGeometry } from './src/mpnp/network.js';
import { runMpnp } from './src/mpnp/run.js';
const g = { kind: 'network' as const, ...defaultGeometry(), sheets: Number(process.argv[2] ?? 3) };
const r = runMpnp({ physics: defaultPhysics(), geometry: g, grid: { wall: 0.1, growth: 1.3, max: 0.6 }, protocol: { kind: 'cv', from: 0, to: 0.2, rate: Number(process.argv[3] ?? 2e4), cycles: 1, smoothing: 0 }, solver: { tol: 1e-3, maxStep: 0 }, snapshots: [0.25] }, (p) => console.log(p));
console.log(r.stats, r.network!.mesh.nCells);
const s = r.series; const n = s.time.length;
for (let k = 0; k < n; k += Math.ceil(n/12)) console.log(s.time[k]!.toExponential(3), s.phiM[k]!.toFixed(4), s.phi.map(p=>p[k]!.toFixed(5)).join(' '), '|Q', s.charge.map(p=>p[k]!.toExponential(3)).join(' '), '|I', s.current.map(p=>p[k]!.toExponential(3)).join(' '), '| mig', s.parts!.migration.map(p=>p[k]!.toExponential(2)).join(' '), '| diff', s.parts!.diffusion.map(p=>p[k]!.toExponential(2)).join(' '), 'Im', s.totalCurrent![k]!.toExponential(3));
