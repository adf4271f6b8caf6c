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
import { runPlaygroundBench } from './playground.js';

const suites: Array<{ id: string; name: string; run: () => Promise<void> }> = [
  { id: 'parse', name: 'netlist: parse + elaborate a 100,000-element ladder', run: runParseBench },
  { id: 'engine', name: 'engine: CV on NCM ladders', run: runEngineBench },
  { id: 'mpnp', name: 'mpnp: nanoslit network under CV', run: runMpnpBench },
  { id: 'sweep', name: 'sweep: 200-point gamma sweep of a 50-layer NCM, serial vs worker threads', run: runSweepBench },
  { id: 'discovery', name: 'discovery: law recovery, extraction, Nguyen, throughput', run: runDiscoveryBench },
  { id: 'electrode', name: 'electrode: 1000-layer NCM vs TLM comparison (.ladder)', run: runElectrodeBench },
  { id: 'loads', name: 'loads: GCD and constant-power protocols on NCM ladders', run: runLoadsBench },
  { id: 'playground', name: 'playground: first-load size and a 20-layer NCM CV in chromium', run: runPlaygroundBench },
];

const only = process.env.NCM_BENCH?.split(',').map((s) => s.trim().toLowerCase());
for (const s of suites) {
  if (only && !only.includes(s.id)) continue;
  console.log(`\n== ${s.name} ==`);
  await s.run();
}
