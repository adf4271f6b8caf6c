/**
 * Worker-thread host of some islands of a search (see parallel.ts). It rebuilds the problem from the
 * same data and options, so its islands are bit-for-bit those the main thread would run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createIsland, prepareProblem, type DiscoveryData, type DiscoveryOptions } from './engine.js';
import type { Snapshot } from './island.js';

export type WorkerRequest =
  | { type: 'epoch'; generations: number }
  | { type: 'emigrants'; k: number }
  | { type: 'immigrate'; lists: Snapshot[][] }
  | { type: 'restart'; keep: number }
  | { type: 'archives' };

export interface WorkerInit {
  data: DiscoveryData;
  options: Partial<DiscoveryOptions>;
  /** Global indices of the islands this worker hosts. */
  indices: number[];
}

const init = workerData as WorkerInit;
const prep = prepareProblem(init.data, init.options);
const islands = init.indices.map((i) => createIsland(prep, i));

parentPort!.on('message', (msg: WorkerRequest) => {
  switch (msg.type) {
    case 'epoch':
      parentPort!.postMessage(
        islands.map((isl) => {
          for (let g = 0; g < msg.generations; g++) isl.generation();
          return isl.bestError();
        }),
      );
      break;
    case 'emigrants':
      parentPort!.postMessage(islands.map((isl) => isl.emigrants(msg.k)));
      break;
    case 'immigrate':
      islands.forEach((isl, j) => isl.immigrate(msg.lists[j]!));
      parentPort!.postMessage(null);
      break;
    case 'restart':
      islands.forEach((isl) => isl.restart(msg.keep));
      parentPort!.postMessage(null);
      break;
    case 'archives':
      parentPort!.postMessage(islands.map((isl) => ({ archive: isl.archive, evaluations: isl.fitness.evaluations, nodeEvaluations: isl.fitness.interp.nodeEvaluations })));
      break;
  }
});
