/**
 * Writes the synthetic measurements of docs/fitting.md: the 6-layer NCM of examples/fit/ncm6.cir at
 * R_c = 5 ohm, gamma = 0.5, C_total = 80 nF, R_open = 1 ohm, with 1 % seeded noise, as an EC-Lab CV
 * (.mpt, 400 points) and a Gamry EIS (.DTA, 21 frequencies).
 * Run: npx tsx examples/fit-data.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseNetlist } from '../src/netlist/parse.js';
import { templateBuilder } from '../src/fit/fit.js';
import { syntheticMeasurement, toBiologicMpt, toGamryDta } from '../src/fit/synthetic.js';

const file = 'examples/fit/ncm6.cir';
const ast = parseNetlist(readFileSync(file, 'utf8'), { file }).ast;
const c = templateBuilder(ast)({ rc: 5, gamma: 0.5, ctotal: 80e-9, ropen: 1 });
writeFileSync('examples/fit/cv.mpt', toBiologicMpt(syntheticMeasurement(c, c.analyses.find((a) => a.kind === 'cv')!, { relative: 0.01, seed: 7, points: 400 })), 'latin1');
writeFileSync('examples/fit/eis.DTA', toGamryDta(syntheticMeasurement(c, c.analyses.find((a) => a.kind === 'ac')!, { relative: 0.01, seed: 8 })), 'latin1');
console.log('wrote examples/fit/cv.mpt and examples/fit/eis.DTA');
