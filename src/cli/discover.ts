/** `ncm discover <csv> --target <col> --features <cols>`: symbolic regression (evolution or SINDy). */
import type { Command } from 'commander';
import { NcmError } from '../diagnostics.js';
import { integerOption, nonNegativeOption } from './optionValues.js';
import { DEFAULT_DISCOVERY, LOSS_FLOOR, SELECTION_WINDOW } from '../discovery/defaults.js';
import type { DiscoveryOptions, DiscoveryResult } from '../discovery/engine.js';
import type { DiscoveredModel } from '../discovery/model.js';
import { createProgress } from './progress.js';
import { readFileSync } from 'node:fs';

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
  units?: string | false;
  window: string;
}

/** `60`, `60s`, `2min`, `1h`: seconds. */
export function durationOption(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|min|m|h)?\s*$/.exec(text);
  if (!m) throw new NcmError(`--time expects seconds such as 60, 60s, 2min or 1h, got '${text}'`, { exitCode: 2 });
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'min' || m[2] === 'm' ? 60 : 1);
}


/** The model as JSON: display forms plus the exact program, so it can be evaluated again. */
export function modelJson(m: DiscoveredModel): Record<string, unknown> {
  return {
    complexity: m.complexity,
    error: m.error,
    parameters: m.parameters,
    text: m.text,
    latex: m.latex,
    sympy: m.sympy,
    expression: m.expression,
    program: { postfix: m.tokens, constants: m.consts, a: m.a, b: m.b, featureScales: m.featureScales, targetScale: m.targetScale },
  };
}

/**
 * The Pareto front with each model's score (-d ln(error) / d complexity against the simpler
 * neighbour) and the picked one marked in a column of its own, where no sign can read as an operator.
 */
export function frontTable(r: DiscoveryResult): string {
  const sel = r.selection;
  const L = ['complexity  error (SSE/SST)   score  pick    model'];
  r.front.forEach((m, i) => {
    const inWindow = Math.max(m.error, LOSS_FLOOR) <= sel.window * sel.minLoss;
    const mark = m === r.best ? 'PICKED' : inWindow ? 'cand.' : '';
    L.push(`${String(m.complexity).padStart(10)}  ${m.error.toExponential(4).padStart(15)}  ${sel.scores[i]!.toFixed(3).padStart(6)}  ${mark.padEnd(6)}  ${m.text}`);
  });
  return L.join('\n') + '\n';
}

/** One sentence: which law was picked and the score that picked it. */
export function selectionReport(r: DiscoveryResult, target: string): string {
  const sel = r.selection;
  const n = r.front.filter((m) => Math.max(m.error, LOSS_FLOOR) <= sel.window * sel.minLoss).length;
  return (
    `picked: ${target} = ${r.best.text}\n` +
    `  complexity ${r.best.complexity}, error ${r.best.error.toExponential(3)}, score ${sel.score.toFixed(3)} = -d ln(error)/d complexity: ` +
    `the largest among the ${n} front model${n === 1 ? '' : 's'} ("cand.") within ${sel.window}x of the smallest error ${sel.minLoss.toExponential(3)} (knee rule, docs/discovery.md)\n`
  );
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
    .option('--time <duration>', 'wall-clock limit (60, 60s, 2min), checked at migration boundaries (0 = none)', '60s')
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
    .option('--no-progress', 'no progress on stderr (same as ncm --progress none)')
    .option('--units <list>', 'units of the columns, e.g. I=A,Q=C,dphi=V (a name matches a column or its stem: I matches I_2); default: from the header ([unit]) or its # comment lines')
    .option('--no-units', 'ignore units: no dimensional check')
    .option('--window <factor>', 'knee rule: candidates have error <= factor x the smallest', String(SELECTION_WINDOW))
    .action(async (file: string, o: DiscoverCliOptions) => {
      const [{ writeFileAtomic }, { readNumericCsv, tableColumn }, { discover }, { sindy }, { discoverParallel }, { columnUnits }] = await Promise.all([
        import('../io/atomicWrite.js'), import('../io/tableCsv.js'), import('../discovery/engine.js'), import('../discovery/sindy.js'), import('../discovery/parallel.js'), import('./discoverUnits.js'),
      ]);
      const table = readNumericCsv(file);
      const featureNames = o.features.split(',').map((s) => s.trim()).filter((s) => s !== '');
      if (featureNames.length === 0) throw new NcmError('--features needs at least one column', { exitCode: 2 });
      const data = { names: featureNames, features: featureNames.map((f) => tableColumn(table, f)), target: tableColumn(table, o.target) };
      const unitList = o.units === false ? undefined : columnUnits(readFileSync(file, 'utf8'), table.names, [o.target, ...featureNames], o.units, (w) => process.stderr.write(w + '\n'));
      const units = unitList ? { target: unitList[0]!, features: unitList.slice(1) } : undefined;
      const window = Number(o.window);
      if (!(window >= 1)) throw new NcmError(`--window expects a factor >= 1, got '${o.window}'`, { exitCode: 2 });
      let result: DiscoveryResult;
      let settings: Record<string, unknown>;
      if (o.method === 'sindy') {
        const degree = integerOption('degree', o.degree, 1);
        settings = { method: 'sindy', degree, normalize: o.normalize };
        result = sindy(data, { degree, normalize: o.normalize, selectionWindow: window });
      } else if (o.method === 'ea') {
        const opts: Partial<DiscoveryOptions> = {
          seed: integerOption('seed', o.seed, 0),
          generations: integerOption('generations', o.generations, 1),
          timeLimit: durationOption(o.time),
          ...(units ? { units } : {}),
          selectionWindow: window,
          islands: integerOption('islands', o.islands, 1),
          population: integerOption('population', o.population, 4),
          operators: o.operators.split(',').map((s) => s.trim()).filter((s) => s !== ''),
          constants: o.constants,
          linearScaling: o.linearScaling,
          normalize: o.normalize,
          targetError: nonNegativeOption('target-error', o.targetError),
          maxLength: integerOption('max-length', o.maxLength, 1),
        };
        const bar = createProgress(o.progress ? {} : { mode: 'none' });
        opts.onProgress = (p) => bar.update(p.generation / p.generations, 'discover', `generation ${p.generation}/${p.generations} | best SSE/SST ${p.bestError.toExponential(3)}`);
        try {
          const threads = integerOption('threads', o.threads, 1);
          // Progress callbacks cannot cross into workers; the driver still reports per epoch.
          result = threads > 1 ? await discoverParallel(data, opts, threads) : discover(data, opts);
        } catch (e) {
          if (e instanceof RangeError) throw new NcmError(e.message, { exitCode: 2 });
          throw e;
        } finally {
          bar.stop();
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
          units: units ?? null,
          selection: { rule: 'knee: largest -d ln(error)/d complexity among front models with error <= window x the smallest', window: result.selection.window, score: result.selection.score, scores: result.selection.scores, smallestError: result.selection.minLoss },
          best: modelJson(result.best),
          front: result.front.map(modelJson),
        };
        writeFileAtomic(o.json, JSON.stringify(doc, null, 2) + '\n');
      }
      if (units) process.stdout.write(`units: ${o.target} [${units.target}], ${featureNames.map((f, i) => `${f} [${units.features[i]}]`).join(', ')}: dimensionally inconsistent models are excluded\n`);
      process.stdout.write(frontTable(result));
      process.stdout.write(selectionReport(result, o.target));
      process.stdout.write(`LaTeX: ${result.best.latex}\nSymPy: ${result.best.sympy}\n`);
      if (o.method !== 'sindy') {
        process.stdout.write(
          `${result.generations} generations, ${result.evaluations} evaluations, ${(result.nodeEvaluations / Math.max(1e-9, result.elapsedSeconds) / 1e6).toFixed(1)} M node evaluations/s, stopped by ${result.stoppedBy}\n`,
        );
      }
    });
}
