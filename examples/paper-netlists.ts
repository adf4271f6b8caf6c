/** Writes the paper's bundled netlists to netlists/paper/ (run: npm run paper-netlists). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { paperNetlists } from '../src/electrode/paperCases.js';
import { writeFilesAtomic } from '../src/io/atomicWrite.js';

const dir = join('netlists', 'paper');
mkdirSync(dir, { recursive: true });
const files = paperNetlists();
writeFilesAtomic(dir, files);
process.stdout.write(`wrote ${files.size} netlists to ${dir}/\n`);
