/** `npm run bench`: every benchmark of the project, printed as figures. Each suite is one module. */
import { runParseBench } from './parse.js';
import { runEngineBench } from './engine.js';

const suites: Array<{ name: string; run: () => Promise<void> }> = [
  { name: 'netlist: parse + elaborate a 100,000-element ladder', run: runParseBench },
  { name: 'engine: CV on NCM ladders', run: runEngineBench },
];

for (const s of suites) {
  console.log(`\n== ${s.name} ==`);
  await s.run();
}
if (suites.length === 0) console.log('no benchmark suites yet');
