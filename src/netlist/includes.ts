/**
 * `.include "<path>"`: replaces each include statement by the statements of the named file, read
 * relative to the including file. Included files have no title line (ngspice). Circular and missing
 * includes are reported at the `.include` line.
 */
import type { StatementAst } from './ast.js';
import type { DiagnosticSink } from './params.js';
import { parseNetlist } from './parse.js';
import { dirnameOf, displayPath, resolvePath } from './sourcePaths.js';

/**
 * Reads a file's text; throws an error with a Node-style `code` (ENOENT, EISDIR, ...) when it
 * cannot. The disk reader is an adapter of the IO layer (src/io/netlistFiles.ts): the language
 * itself reads no disk, so it runs in a browser.
 */
export type FileReader = (path: string) => string;

/** The reader when none is given: there are no files (a page, a netlist built in memory). */
export const noFiles: FileReader = () => {
  throw Object.assign(new Error('no files can be read here (no file reader was given)'), { code: 'ENOFILES' });
};

function reason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

export function expandIncludes(statements: StatementAst[], file: string, read: FileReader, sink: DiagnosticSink, stack: string[] = [resolvePath('.', file)]): StatementAst[] {
  const out: StatementAst[] = [];
  for (const st of statements) {
    if (st.kind === 'subckt') {
      out.push({ ...st, body: expandIncludes(st.body, file, read, sink, stack) });
      continue;
    }
    if (st.kind !== 'include') {
      out.push(st);
      continue;
    }
    const target = resolvePath(dirnameOf(st.loc.file), st.path);
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].map(displayPath).join(' -> ');
      sink.error(st.loc, `circular .include: ${cycle}`);
      continue;
    }
    let text: string;
    try {
      text = read(target);
    } catch (e) {
      const shown = displayPath(target);
      sink.error(st.loc, `cannot read included file '${st.path}'${shown === st.path ? '' : ` (${shown})`}: ${reason(e)}`);
      continue;
    }
    const shown = displayPath(target);
    const parsed = parseNetlist(text, { file: shown, hasTitle: false });
    for (const d of parsed.diagnostics) sink.add(d);
    out.push(...expandIncludes(parsed.ast.statements, shown, read, sink, [...stack, target]));
  }
  return out;
}
