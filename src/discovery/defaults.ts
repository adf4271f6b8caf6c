/**
 * The search's default settings and the selection constants, in a module of their own with no
 * imports: `ncm discover`'s option help shows them without loading the engine (start-up, issue 12).
 * engine.ts and model.ts re-export them.
 */
import type { DiscoveryOptions } from './engine.js';

/** Loss floor: below this normalised error a model is exact to rounding, and ties go to the simpler. */
export const LOSS_FLOOR = 1e-12;

/** The knee rule's window: models whose loss is within this factor of the smallest are candidates. */
export const SELECTION_WINDOW = 10;

export const DEFAULT_DISCOVERY: DiscoveryOptions = {
  operators: ['+', '-', '*', '/', 'sin', 'cos', 'exp', 'log'],
  constants: true,
  linearScaling: true,
  normalize: true,
  seed: 1,
  islands: 4,
  population: 200,
  generations: 200,
  timeLimit: 0,
  patience: 0,
  restartOnStagnation: false,
  targetError: 1e-14,
  tournament: 5,
  crossoverRate: 0.6,
  parsimony: 0.003,
  migrationInterval: 10,
  migrants: 3,
  maxLength: 30,
  maxDepth: 10,
  maxConstants: 6,
  optimiseProbability: 0.1,
  optimiseIterations: 3,
  alwaysOptimiseLength: 7,
  maxRows: 500,
  unitsMode: 'constraint',
  unitsPenalty: 1000,
  selectionWindow: SELECTION_WINDOW,
};
