/**
 * The import graph of TypeScript sources, read from their import/export statements (static and
 * dynamic `import('...')`): which Node built-in modules a module reaches, and through which chain.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Specifiers a file imports at run time (`import type` is erased and skipped). */
export function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (/^(?:^|[\s;])(?:import|export)\s+type\s/.test(m[0])) continue;
    out.push((m[1] ?? m[2])!);
  }
  return out;
}

/** A relative specifier as a source file: `./x.js` -> `./x.ts`, `./dir` -> `./dir/index.ts`. */
function resolveSource(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec.replace(/\?.*$/, ''));
  for (const c of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`]) if (existsSync(c) && /\.ts$/.test(c)) return c;
  return undefined;
}

/** Every `import chain -> node built-in` reachable from the roots (empty when they are browser-safe). */
export function nodeOnlyImports(roots: string[], root = process.cwd()): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const here = [...chain, relative(root, file)];
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const next = resolveSource(file, spec);
        if (next) walk(next, here);
      } else if (spec.startsWith('node:') || isBuiltin(spec)) {
        found.push(`${here.join(' -> ')} -> ${spec}`);
      }
    }
  };
  for (const r of roots) walk(resolve(root, r), []);
  return found;
}
