/**
 * Checks the imports between folders against the layer table of docs/architecture.md: each
 * folder (a "layer") may import only the layers its row names, and the table itself must be
 * acyclic, so the code has no folder cycle either. Imports inside one folder, npm packages and
 * Node built-ins are not checked here. Back-edges that are still being removed are listed by
 * exact import in a second table; one that no longer occurs must be deleted from that table.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

export interface Layer {
  name: string;
  /** A folder (`src/io/`, ending in `/`) or one file (`src/diagnostics.ts`), relative to the root. */
  path: string;
  mayImport: string[];
}

export interface LayerTable {
  layers: Layer[];
  /** Pending back-edges as `from -> to` file paths. */
  pending: Array<{ from: string; to: string }>;
}

export interface SourceFile {
  /** Path relative to the repository root, with `/`. */
  path: string;
  text: string;
}

/** One import between two layers. */
export interface Edge {
  from: string;
  to: string;
  line: number;
  specifier: string;
  fromLayer: string;
  toLayer: string;
}

const cell = (s: string) => s.trim().replace(/^`|`$/g, '');

/** Reads the layer table (under `## Layers`) and the pending back-edges (under `### Back-edges being removed`). */
export function parseLayerTable(markdown: string): LayerTable {
  const lines = markdown.split('\n');
  const rowsAfter = (heading: string): string[][] => {
    const start = lines.findIndex((l) => l.trim() === heading);
    if (start < 0) throw new Error(`docs/architecture.md has no '${heading}' section`);
    const rows: string[][] = [];
    for (let i = start + 1; i < lines.length && !/^#{1,3} /.test(lines[i]!); i++) {
      const l = lines[i]!.trim();
      if (!l.startsWith('|') || /^\|[\s:|-]+\|$/.test(l)) continue;
      rows.push(l.slice(1, -1).split('|').map(cell));
    }
    return rows.slice(1); // the header row
  };
  const layers = rowsAfter('## Layers').map(([name, path, may]) => ({
    name: name!,
    path: path!,
    mayImport: (may ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== '-' && s !== '—'),
  }));
  const pending = rowsAfter('### Back-edges being removed').map(([edge]) => {
    const m = /^`?([^`\s]+)`?\s*->\s*`?([^`\s]+)`?$/.exec(edge!);
    if (!m) throw new Error(`docs/architecture.md: a back-edge is written \`from.ts\` -> \`to.ts\`, found '${edge}'`);
    return { from: m[1]!, to: m[2]! };
  });
  return { layers, pending };
}

/** The layer a repository path belongs to: the longest matching folder, or the exact file. */
export function layerOf(table: LayerTable, path: string): Layer | undefined {
  let best: Layer | undefined;
  for (const l of table.layers) {
    const hit = l.path.endsWith('/') ? path.startsWith(l.path) : path === l.path;
    if (hit && (!best || l.path.length > best.path.length)) best = l;
  }
  return best;
}

/** The folder a file would form a layer with, for the message about a missing row. */
function folderOf(path: string): string {
  const parts = path.split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : parts.length === 2 && parts[0] !== 'src' ? `${parts[0]}/` : path;
}

/** Relative imports of one file, with their lines, resolved to repository paths (`.js` -> `.ts` when that exists). */
export function importsOf(file: SourceFile, exists: (p: string) => boolean = () => false): Array<{ to: string; line: number; specifier: string }> {
  const info = ts.preProcessFile(file.text, true, true);
  const out: Array<{ to: string; line: number; specifier: string }> = [];
  for (const ref of info.importedFiles) {
    if (!ref.fileName.startsWith('.')) continue;
    let to = normalize(join(dirname(file.path), ref.fileName)).split('\\').join('/');
    if (to.endsWith('.js') && exists(to.slice(0, -3) + '.ts')) to = to.slice(0, -3) + '.ts';
    const line = file.text.slice(0, ref.pos).split('\n').length;
    out.push({ to, line, specifier: ref.fileName });
  }
  return out;
}

/** A cycle in a graph given as adjacency sets, as a path that returns to its start, or undefined. */
export function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of [...(graph.get(n) ?? [])].sort()) {
      if (state.get(m) === 'open') return [...stack.slice(stack.indexOf(m)), m];
      if (!state.has(m)) {
        const c = visit(m);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of [...graph.keys()].sort()) {
    if (state.has(n)) continue;
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}

/** Every problem, one message each; empty when the code keeps to the table. */
export function checkLayering(table: LayerTable, files: SourceFile[], exists: (p: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  const names = new Set(table.layers.map((l) => l.name));
  for (const l of table.layers) {
    for (const m of l.mayImport) if (!names.has(m)) problems.push(`docs/architecture.md: layer '${l.name}' may import '${m}', which is no layer of the table`);
  }
  const allowed = new Map(table.layers.map((l) => [l.name, new Set(l.mayImport.filter((m) => names.has(m)))]));
  const tableCycle = findCycle(allowed);
  if (tableCycle) problems.push(`docs/architecture.md: the layer table has a cycle: ${tableCycle.join(' -> ')}`);

  const pendingKey = (from: string, to: string) => `${from} -> ${to}`;
  const pending = new Set(table.pending.map((p) => pendingKey(p.from, p.to)));
  const seenPending = new Set<string>();
  const unlisted = new Set<string>();
  const actual = new Map<string, Set<string>>();
  const example = new Map<string, Edge>();
  for (const f of files) {
    const from = layerOf(table, f.path);
    if (!from) {
      const folder = folderOf(f.path);
      if (!unlisted.has(folder)) problems.push(`${f.path}: '${folder}' has no row in the layer table of docs/architecture.md (## Layers): add one with the layers it may import`);
      unlisted.add(folder);
      continue;
    }
    for (const imp of importsOf(f, exists)) {
      const to = layerOf(table, imp.to);
      if (to === from) continue;
      const where = `${f.path}:${imp.line}`;
      if (!to) {
        problems.push(`${where}: imports '${imp.specifier}' (${imp.to}), which lies in no layer of docs/architecture.md`);
        continue;
      }
      const key = pendingKey(f.path, imp.to);
      if (pending.has(key)) {
        seenPending.add(key);
        continue;
      }
      if (!allowed.get(from.name)!.has(to.name)) {
        const may = from.mayImport.length > 0 ? from.mayImport.join(', ') : 'nothing';
        problems.push(`${where}: '${from.name}' imports '${to.name}' ('${imp.specifier}'), but ${from.name} may import only: ${may} (docs/architecture.md, ## Layers)`);
      }
      if (!actual.has(from.name)) actual.set(from.name, new Set());
      actual.get(from.name)!.add(to.name);
      const edgeKey = `${from.name} -> ${to.name}`;
      if (!example.has(edgeKey)) example.set(edgeKey, { from: f.path, to: imp.to, line: imp.line, specifier: imp.specifier, fromLayer: from.name, toLayer: to.name });
    }
  }
  const cycle = findCycle(actual);
  if (cycle) {
    const steps = cycle.slice(1).map((to, i) => {
      const e = example.get(`${cycle[i]} -> ${to}`)!;
      return `${e.fromLayer} -> ${e.toLayer} (${e.from}:${e.line} imports '${e.specifier}')`;
    });
    problems.push(`folder cycle: ${steps.join(', ')}`);
  }
  for (const p of table.pending) {
    const key = pendingKey(p.from, p.to);
    if (!seenPending.has(key)) problems.push(`docs/architecture.md: the back-edge ${key} no longer occurs: delete its row from '### Back-edges being removed'`);
  }
  return problems;
}

/** The TypeScript and JavaScript sources under the given folders of the repository (no node_modules, dist). */
export function sourceFiles(root: string, folders: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push({ path: relative(root, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  for (const f of folders) if (existsSync(join(root, f))) walk(join(root, f));
  return out;
}
