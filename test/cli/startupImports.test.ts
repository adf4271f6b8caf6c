/**
 * Start-up (issue 12): what `ncm --version` evaluates is the static import graph of the CLI's entry,
 * as esbuild bundles it (scripts/bundle.mjs). Command registration must not pull a library in: the
 * parser (chevrotain), the engine, plotting (vega), YAML, fitting, discovery or the instrument
 * readers load in the actions, on use. A static import of any of them from a command file fails here.
 * And the program registers only the command that runs (src/cli/commands.ts).
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program.js';
import { ncm } from '../helpers/cli.js';

/** The packages and our own modules that importing `entries` evaluates: their static import graph. */
async function staticGraph(entries: string[]): Promise<{ packages: string[]; ours: string[] }> {
  const r = await build({
    entryPoints: entries,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    outdir: 'dist/ncm-startup-test',
    metafile: true,
    logLevel: 'silent',
    // What the actions load on use stays out: only the static graph is bundled (and fast to build).
    plugins: [{ name: 'on-use', setup: (b) => b.onResolve({ filter: /.*/ }, (a) => (a.kind === 'dynamic-import' ? { path: a.path, external: true } : undefined)) }],
  });
  const inputs = r.metafile.inputs;
  const reached = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (reached.has(f)) continue;
    reached.add(f);
    for (const i of inputs[f]?.imports ?? []) if (i.kind !== 'dynamic-import' && !i.external) todo.push(i.path);
  }
  const packages = new Set([...reached].flatMap((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1] ?? []));
  return { packages: [...packages].sort(), ours: [...reached].filter((f) => !f.includes('node_modules')).sort() };
}

describe('the CLI entry loads no library before a command runs', () => {
  it('the static imports from src/cli/main.ts reach only commander, cli-progress and the CLI layer', async () => {
    const { packages, ours } = await staticGraph(['src/cli/main.ts']);
    expect(packages).toEqual(['ansi-regex', 'cli-progress', 'commander', 'emoji-regex', 'is-fullwidth-code-point', 'string-width', 'strip-ansi']);
    // diagnostics for the error messages; modules without imports: constants shown in option help
    // and the number format of `ncm extract`'s report
    expect(ours.filter((f) => !f.startsWith('src/cli/'))).toEqual(['src/diagnostics.ts', 'src/discovery/defaults.ts', 'src/extract/ncmNetlist.ts', 'src/io/instruments/types.ts', 'src/io/waveformFormats.ts']);
  });

  it('`ncm check` loads the parser only; `ncm run` of a netlist without .step adds no sweep pool, no plots', async () => {
    // the modules the actions of src/cli/check.ts and src/cli/run.ts import before they branch
    const check = await staticGraph(['src/io/loadNetlist.ts', 'src/netlist/describe.ts', 'src/sweep/plan.ts']);
    expect(check.packages).toEqual(['@chevrotain/cst-dts-gen', '@chevrotain/gast', '@chevrotain/regexp-to-ast', '@chevrotain/utils', 'chevrotain', 'lodash-es']);
    const run = await staticGraph(['src/io/runNetlistFile.ts', 'src/io/writeRun.ts', 'src/io/runSummary.ts', 'src/sweep/plan.ts']);
    // piscina (the sweep threads) costs about 60 ms and 10 MiB to load; vega loads on the first plot
    expect(run.packages).toEqual([...check.packages, 'simplify-js'].sort());
  });
});

describe('the program registers only the command that runs', () => {
  const names = (argv: string[]) => createProgram(['node', 'ncm', ...argv]).commands.map((c) => c.name());
  const ALL = ['check', 'run', 'mpnp', 'extract', 'discover', 'multiscale', 'build', 'compare', 'export', 'worker', 'sweep', 'md', 'import', 'fit'];

  it('one command when the line starts with its name, none for --version, all otherwise', () => {
    expect(names(['check', 'netlists/rc.cir'])).toEqual(['check']);
    expect(names(['sweep', 'status', 'id'])).toEqual(['sweep']);
    expect(names(['--version'])).toEqual([]);
    expect(names(['-V'])).toEqual([]);
    for (const argv of [[], ['--help'], ['help', 'check'], ['chek'], ['--progress', 'none', 'check', 'x.cir']]) expect(names(argv)).toEqual(ALL);
    expect(createProgram().commands.map((c) => c.name())).toEqual(ALL);
  });

  it('a misspelt command still gets the suggestion, the version still prints', async () => {
    const r = await ncm('chek', 'x.cir');
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr).toBe("error: unknown command 'chek'\n(Did you mean check?)\n");
    expect(await ncm('--version')).toEqual({ status: 0, stdout: '0.1.0\n', stderr: '' });
  });
});
