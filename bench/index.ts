/**
 * `npm run bench`: every benchmark of the project, printed as figures. Each suite is one module.
 * `NCM_BENCH=engine,mpnp` runs only the named suites.
 */
import { runParseBench } from './parse.js';
import { runEngineBench } from './engine.js';
import { runMpnpBench } from './mpnp.js';
import { runDiscoveryBench } from './discovery.js';
import { runElectrodeBench } from './electrode.js';
import { runSweepBench } from './sweep.js';
import { runLoadsBench } from './loads.js';
import { runQueueBench } from './queue.js';
import { runMdBench } from './md.js';
import { runPlaygroundBench } from './playground.js';
import { runSensitivityBench } from './sensitivity.js';
import { runFitBench } from './fit.js';
import { runNgspiceBench } from './ngspice.js';
import { runRecoveryBench } from './recovery.js';
import { runEisBench } from './eis.js';
import { runKernelsBench } from './tridiagonal.js';
import { runSparseLuBench } from './sparseLu.js';

const suites: Array<{ id: string; name: string; run: () => Promise<void> }> = [
  { id: 'parse', name: 'netlist: parse + elaborate a 100,000-element ladder', run: runParseBench },
  { id: 'engine', name: 'engine: CV on NCM ladders', run: runEngineBench },
  { id: 'kernels', name: 'kernels: engine vs a minimal tridiagonal BDF2/Newton solver, ns per unknown per Newton iteration (issue 12)', run: runKernelsBench },
  { id: 'lu', name: 'lu: sparse LU refactor and solve on engine-assembled TLM/NCM ladder matrices, ns per unknown per call (issue 12)', run: runSparseLuBench },
  { id: 'ngspice', name: 'speed: start-up, NCM and TLM against ngspice (CPU, interleaved, step cap 20 ns), memory (issue 12)', run: runNgspiceBench },
  { id: 'eis', name: 'eis: NCM/TLM impedance (.ac, 71 frequencies) against ngspice (CPU, interleaved), memory (issue 12)', run: runEisBench },
  { id: 'mpnp', name: 'mpnp: nanoslit network under CV', run: runMpnpBench },
  { id: 'sweep', name: 'sweep: 20-point gamma sweep of a 50-layer NCM, serial vs a warm pool of 1 and 2 threads', run: runSweepBench },
  { id: 'discovery', name: 'discovery: law picks (synthetic, mPNP), extraction, Nguyen and Feynman recovery, throughput', run: runDiscoveryBench },
  { id: 'electrode', name: 'electrode: 1000-layer NCM vs TLM comparison (.ladder)', run: runElectrodeBench },
  { id: 'loads', name: 'loads: GCD and constant-power protocols on NCM ladders', run: runLoadsBench },
  { id: 'queue', name: 'queue: 1000-point gamma x R_c sweep of a 50-layer NCM, local pool vs Redis queue with 1, 2, 4 worker processes', run: runQueueBench },
  { id: 'md', name: 'md: LAMMPS ns/day of the default coarse-grained MD system', run: runMdBench },
  { id: 'playground', name: 'playground: first-load size and a 20-layer NCM CV in chromium', run: runPlaygroundBench },
  { id: 'sensitivity', name: 'sensitivity: 20-layer NCM CV, N-parameter forward sensitivities vs 2N+1 finite-difference runs', run: runSensitivityBench },
  { id: 'fit', name: 'fit: 20-layer NCM to 3 CVs of 1000 points; NCM vs TLM selection rate', run: runFitBench },
  { id: 'recovery', name: 'recovery: true vs fitted R_c, gamma, C_total, R_open (1 % noise, default starts), N = 6 and 20 x one CV, 3 CVs, CV + EIS', run: runRecoveryBench },
];

const only = process.env.NCM_BENCH?.split(',').map((s) => s.trim().toLowerCase());
for (const s of suites) {
  if (only && !only.includes(s.id)) continue;
  console.log(`\n== ${s.name} ==`);
  await s.run();
}
