/**
 * Child process for outputs.test.ts: stages a run folder through replaceFolderAtomic, and after the
 * second file announces "staged" on stdout and blocks, so the parent can SIGKILL it mid-write.
 */
import { writeSync } from 'node:fs';
import { replaceFolderAtomic } from '../../src/io/atomicWrite.js';

const entries: [string, string][] = [
  ['cv.csv', 'new\n'],
  ['cv.json', '{}\n'],
  ['summary.json', '{"files":["cv.csv","cv.json","summary.json"]}\n'],
];
// Iterating it (as the staging loop does) blocks after two files, once "staged" is announced.
const files = {
  *[Symbol.iterator](): Generator<[string, string]> {
    for (let k = 0; k < entries.length; k++) {
      if (k === 2) {
        writeSync(1, 'staged\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      }
      yield entries[k]!;
    }
  },
  keys: () => entries.map(([name]) => name)[Symbol.iterator](),
} as unknown as ReadonlyMap<string, string>;
replaceFolderAtomic(process.argv[2]!, files);
