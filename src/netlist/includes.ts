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
export type FileReader = ((path: string) => string) & {
  /** The file's canonical path (symlinks resolved), so that include cycles through links are found. */
  realPath?: (path: string) => string;
};

/** Included files read for one netlist, in all: a bound on include fan-out (a file included twice by each of 40 levels). */
export const MAX_INCLUDED_FILES = 1000;

/** The reader when none is given: there are no files (a page, a netlist built in memory). */
export const noFiles: FileReader = () => {
  throw Object.assign(new Error('no files can be read here (no file reader was given)'), { code: 'ENOFILES' });
};

function reason(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return e instanceof Error ? e.message : String(e);
}

function identity(read: FileReader, path: string): string {
  try {
    return read.realPath ? read.realPath(path) : path;
  } catch {
    return path;
  }
}

/**
 * `stack`: the files being included, outermost first. At the top it is made on the first include:
 * a netlist without includes (every evaluation of a fit, every sweep point) asks the disk nothing.
 */
export function expandIncludes(
  statements: StatementAst[],
  file: string,
  read: FileReader,
  sink: DiagnosticSink,
  stack?: string[],
  count: { files: number } = { files: 0 },
): StatementAst[] {
  const out: StatementAst[] = [];
  for (const st of statements) {
    if (st.kind === 'subckt') {
      out.push({ ...st, body: expandIncludes(st.body, file, read, sink, stack, count) });
      continue;
    }
    if (st.kind === 'lib-section') continue;
    if (st.kind !== 'include' && st.kind !== 'lib') {
      out.push(st);
      continue;
    }
    stack ??= [identity(read, resolvePath('.', file))];
    const filePath = resolvePath(dirnameOf(st.loc.file), st.path);
    // A library file may include its own sections: the cycle is of (real) file and section.
    const real = identity(read, filePath);
    const target = st.kind === 'lib' ? `${real}#${st.section.toLowerCase()}` : real;
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].map((t) => displayPath(t.replace(/#.*$/, '')) + (t.includes('#') ? ` (${t.replace(/^.*#/, '')})` : '')).join(' -> ');
      sink.error(st.loc, `circular .${st.kind}: ${cycle}`);
      continue;
    }
    if (++count.files > MAX_INCLUDED_FILES) {
      if (count.files === MAX_INCLUDED_FILES + 1) sink.error(st.loc, `more than ${MAX_INCLUDED_FILES} files included in all: include each library once`);
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
    const errorLines = new Set(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.loc.line)).size;
    const lines = text.split('\n').filter((l) => /^\s*[^\s*+]/.test(l)).length;
    if (errorLines >= 3 && 2 * errorLines >= lines) {
      // Mostly not netlist lines (a system or data file): say so without quoting any of it.
      sink.error(st.loc, `included file '${st.path}' does not read as a netlist (${errorLines} of its ${lines} lines are not element lines or dot commands); none of it is used`);
      continue;
    }
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
    out.push(...expandIncludes(body, shown, read, sink, [...stack, target], count));
  }
  return out;
}
