/** `ncm discover <csv> --target <col> --features <cols>`: symbolic regression (evolution or SINDy). */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { NcmError } from '../diagnostics.js';
import { integerOption, nonNegativeOption } from './optionValues.js';
import { writeFileAtomic } from '../io/atomicWrite.js';
import { readNumericCsv, tableColumn } from '../io/tableCsv.js';
import { DEFAULT_DISCOVERY, discover, type DiscoveryOptions, type DiscoveryResult } from '../discovery/engine.js';
import { sindy } from '../discovery/sindy.js';
import { discoverParallel } from '../discovery/parallel.js';
import type { DiscoveredModel } from '../discovery/model.js';

interface DiscoverCliOptions {
  target: string;
  features: string;
  method: string;
  seed: string;
  generations: string;
  time: string;
  islands: string;
  population: string;
  operators: string;
  constants: boolean;
  linearScaling: boolean;
  normalize: boolean;
  targetError: string;
  maxLength: string;
  degree: string;
  json?: string;
  progress: boolean;
  threads: string;
}


/** The model as JSON: display forms plus the exact program, so it can be evaluated again. */
export function modelJson(m: DiscoveredModel): Record<string, unknown> {
  return {
    complexity: m.complexity,
    error: m.error,
    parameters: m.parameters,
    text: m.text,
    latex: m.latex,
    expression: m.expression,
    program: { postfix: m.tokens, constants: m.consts, a: m.a, b: m.b, featureScales: m.featureScales, targetScale: m.targetScale },
  };
}

export function frontTable(r: DiscoveryResult): string {
  const L = ['complexity  error (SSE/SST)  model'];
  for (const m of r.front) L.push(`${String(m.complexity).padStart(10)}  ${m.error.toExponential(4).padStart(15)}  ${m === r.best ? '* ' : '  '}${m.text}`);
  return L.join('\n') + '\n';
}

export function registerDiscover(program: Command): void {
  program
    .command('discover')
    .description('find an equation target = f(features) in a CSV table by symbolic regression (docs/discovery.md)')
    .argument('<csv>', 'numeric CSV table with a header line (# comments allowed)')
    .requiredOption('--target <column>', 'column to explain')
    .requiredOption('--features <columns>', 'comma-separated input columns')
    .option('--method <ea|sindy>', 'evolution (ea) or sparse regression (sindy)', 'ea')
    .option('--seed <n>', 'random seed (same seed, same result)', '1')
    .option('--generations <n>', 'generation limit', String(DEFAULT_DISCOVERY.generations))
    .option('--time <s>', 'wall-clock limit in seconds, checked at migration boundaries (0 = none)', '60')
    .option('--islands <n>', 'number of islands', String(DEFAULT_DISCOVERY.islands))
    .option('--population <n>', 'programs per island', String(DEFAULT_DISCOVERY.population))
    .option('--operators <list>', 'comma-separated operators (+ - * / pow sin cos exp log sqrt square cube neg inv abs tanh)', DEFAULT_DISCOVERY.operators.join(','))
    .option('--no-constants', 'no numeric constants inside programs')
    .option('--no-linear-scaling', 'do not fit y ~ a + b f')
    .option('--no-normalize', 'search on raw columns instead of unit-RMS ones')
    .option('--target-error <e>', 'stop when SSE/SST reaches this', String(DEFAULT_DISCOVERY.targetError))
    .option('--max-length <n>', 'longest program (tokens)', String(DEFAULT_DISCOVERY.maxLength))
    .option('--degree <d>', 'sindy: highest monomial degree', '2')
    .option('--json <file>', 'write the front and the chosen model as JSON')
    .option('--threads <n>', 'worker threads for the islands (same result for any number)', '1')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, o: DiscoverCliOptions) => {
      const table = readNumericCsv(file);
      const featureNames = o.features.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (featureNames.length === 0) throw new NcmError('--features needs at least one column', { exitCode: 2 });
      const data = { names: featureNames, features: featureNames.map((f) => tableColumn(table, f)), target: tableColumn(table, o.target) };
      let result: DiscoveryResult;
      let settings: Record<string, unknown>;
      if (o.method === 'sindy') {
        const degree = integerOption('degree', o.degree, 1);
        settings = { method: 'sindy', degree, normalize: o.normalize };
        result = sindy(data, { degree, normalize: o.normalize });
      } else if (o.method === 'ea') {
        const opts: Partial<DiscoveryOptions> = {
          seed: integerOption('seed', o.seed, 0),
          generations: integerOption('generations', o.generations, 1),
          timeLimit: nonNegativeOption('time', o.time),
          islands: integerOption('islands', o.islands, 1),
          population: integerOption('population', o.population, 4),
          operators: o.operators.split(',').map((s) => s.trim()).filter((s) => s !== ''),
          constants: o.constants,
          linearScaling: o.linearScaling,
          normalize: o.normalize,
          targetError: nonNegativeOption('target-error', o.targetError),
          maxLength: integerOption('max-length', o.maxLength, 1),
        };
        let bar: cliProgress.SingleBar | undefined;
        if (o.progress && process.stderr.isTTY) {
          bar = new cliProgress.SingleBar({ format: 'generation {value}/{total} | best SSE/SST {best} | {duration}s', stream: process.stderr }, cliProgress.Presets.shades_classic);
          bar.start(opts.generations!, 0, { best: '-' });
          opts.onProgress = (p) => bar!.update(p.generation, { best: p.bestError.toExponential(3) });
        }
        try {
          const threads = integerOption('threads', o.threads, 1);
          // Progress callbacks cannot cross into workers; the driver still reports per epoch.
          result = threads > 1 ? await discoverParallel(data, opts, threads) : discover(data, opts);
        } catch (e) {
          if (e instanceof RangeError) throw new NcmError(e.message, { exitCode: 2 });
          throw e;
        } finally {
          bar?.stop();
        }
        const { onProgress: _ignored, ...rest } = opts;
        void _ignored;
        settings = { method: 'ea', ...rest };
      } else throw new NcmError(`--method expects 'ea' or 'sindy', got '${o.method}'`, { exitCode: 2 });
      if (o.json) {
        const doc = {
          source: file,
          target: o.target,
          features: featureNames,
          settings,
          stats: { generations: result.generations, evaluations: result.evaluations, nodeEvaluations: result.nodeEvaluations, seconds: result.elapsedSeconds, stoppedBy: result.stoppedBy },
          best: modelJson(result.best),
          front: result.front.map(modelJson),
        };
        writeFileAtomic(o.json, JSON.stringify(doc, null, 2) + '\n');
      }
      process.stdout.write(frontTable(result));
      process.stdout.write(`best (${o.target} =): ${result.best.text}\nLaTeX: ${result.best.latex}\n`);
      if (o.method !== 'sindy') {
        process.stdout.write(
          `${result.generations} generations, ${result.evaluations} evaluations, ${(result.nodeEvaluations / Math.max(1e-9, result.elapsedSeconds) / 1e6).toFixed(1)} M node evaluations/s, stopped by ${result.stoppedBy}\n`,
        );
      }
    });
}
