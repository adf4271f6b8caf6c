import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Relative imports of every file of src/netlist, as paths from the repository root. */
function netlistImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of readdirSync('src/netlist').filter((x) => x.endsWith('.ts'))) {
    const path = join('src/netlist', f);
    const deps = [...readFileSync(path, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => normalize(join(dirname(path), m[1]!)).replace(/\.js$/, '.ts'));
    graph.set(path, deps);
  }
  return graph;
}

describe('src/netlist imports', () => {
  it('form no cycle between its files', () => {
    const graph = netlistImports();
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('reach below the language only: grammar/, src/circuit/ and src/diagnostics.ts (text -> AST -> Circuit)', () => {
    const outside = [...netlistImports()].flatMap(([f, deps]) =>
      deps.filter((d) => !d.startsWith('src/netlist/') && !d.startsWith('src/circuit/') && !d.startsWith('grammar/') && d !== 'src/diagnostics.ts').map((d) => `${f} -> ${d}`),
    );
    expect(outside).toEqual([]);
  });
});
