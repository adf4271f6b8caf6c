/**
 * `.include "<path>"`: replaces each include statement by the statements of the named file, read
 * relative to the including file. Included files have no title line (ngspice). Circular and missing
 * includes are reported at the `.include` line.
 * `.lib "<path>" <section>` does the same with the statements of one `.lib <section>` ... `.endl`
 * block of the file (ngspice); section blocks themselves contribute nothing where they stand.
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
    if (st.kind === 'lib-section') continue;
    if (st.kind !== 'include' && st.kind !== 'lib') {
      out.push(st);
      continue;
    }
    const filePath = resolvePath(dirnameOf(st.loc.file), st.path);
    // A library file may include its own sections: the cycle is of file and section.
    const target = st.kind === 'lib' ? `${filePath}#${st.section.toLowerCase()}` : filePath;
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].map((t) => displayPath(t.replace(/#.*$/, '')) + (t.includes('#') ? ` (${t.replace(/^.*#/, '')})` : '')).join(' -> ');
      sink.error(st.loc, `circular .${st.kind}: ${cycle}`);
      continue;
    }
    let text: string;
    try {
      text = read(filePath);
    } catch (e) {
      const shown = displayPath(filePath);
      sink.error(st.loc, `cannot read ${st.kind === 'lib' ? 'library' : 'included'} file '${st.path}'${shown === st.path ? '' : ` (${shown})`}: ${reason(e)}`);
      continue;
    }
    const shown = displayPath(filePath);
    const parsed = parseNetlist(text, { file: shown, hasTitle: false });
    for (const d of parsed.diagnostics) sink.add(d);
    let body = parsed.ast.statements;
    if (st.kind === 'lib') {
      const sections = body.filter((s): s is Extract<StatementAst, { kind: 'lib-section' }> => s.kind === 'lib-section');
      const wanted = sections.filter((s) => s.name.toLowerCase() === st.section.toLowerCase());
      if (wanted.length === 0) {
        sink.error(st.loc, `.lib: no section '${st.section}' in ${shown}: ${sections.length ? `expected one of ${sections.map((s) => s.name).join(', ')}` : 'the file defines no .lib <section> ... .endl block'}`);
        continue;
      }
      body = wanted.flatMap((s) => s.body);
    }
    out.push(...expandIncludes(body, shown, read, sink, [...stack, target]));
  }
  return out;
}
