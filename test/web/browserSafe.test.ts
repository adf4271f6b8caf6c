/**
 * The playground runs the library in a browser: its worker and page, and the core folders they
 * use, must not reach a Node built-in (fs, path, worker_threads, ...) through any import chain.
 * Node-only code lives behind adapters in src/io and src/cli (e.g. src/io/loadNetlist.ts).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importsOf, nodeOnlyImports } from './importGraph.js';

const tsIn = (dir: string, except: string[] = []): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !except.includes(f))
    .map((f) => `${dir}/${f}`);

describe('browser-bound modules import no Node built-in', () => {
  it('the playground worker and page', () => {
    expect(nodeOnlyImports(['web/src/worker.ts', 'web/src/main.ts'])).toEqual([]);
  });

  it('the core: grammar, netlist, circuit, engine, analyses and the plot specifications', () => {
    // grammar/diagram.ts and grammar/cstTypes.ts write the railroad diagram page and the CST types:
    // Node scripts, not part of the parser.
    const core = [
      ...tsIn('grammar', ['diagram.ts', 'cstTypes.ts']),
      ...['src/netlist', 'src/circuit', 'src/engine', 'src/analyses'].flatMap((d) => tsIn(d)),
      'src/io/plotSpecs.ts',
      'src/io/chargeMapSpec.ts',
      'src/io/runSummary.ts',
      'src/electrode/compare.ts',
    ];
    expect(nodeOnlyImports(core)).toEqual([]);
  });

  it('finds a Node built-in through an import chain (the check can fail)', () => {
    expect(nodeOnlyImports(['src/io/runNetlistFile.ts'])).toEqual([
      'src/io/runNetlistFile.ts -> src/io/loadNetlist.ts -> node:fs',
      'src/io/runNetlistFile.ts -> src/io/loadNetlist.ts -> node:path',
    ]);
    expect(importsOf('src/io/acPlots.ts')).toEqual([]); // `import type` is erased, not followed
  });
});
