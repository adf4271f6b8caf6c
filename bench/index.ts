/** `npm run bench`: every benchmark of the project, printed as figures. Each suite is one module. */
import { runDiscoveryBench } from './discovery.js';

const suites: Array<{ name: string; run: () => Promise<void> }> = [
  { name: 'discovery', run: runDiscoveryBench },
];

for (const s of suites) {
  console.log(`\n== ${s.name} ==`);
  await s.run();
}
if (suites.length === 0) console.log('no benchmark suites yet');
