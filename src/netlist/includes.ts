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

export function expandIncludes(
  statements: StatementAst[],
  file: string,
  read: FileReader,
  sink: DiagnosticSink,
  stack: string[] = [identity(read, resolvePath('.', file))],
  count: { files: number } = { files: 0 },
): StatementAst[] {
  const out: StatementAst[] = [];
  for (const st of statements) {
    if (st.kind === 'subckt') {
      out.push({ ...st, body: expandIncludes(st.body, file, read, sink, stack, count) });
      continue;
    }
    if (st.kind !== 'include') {
      out.push(st);
      continue;
    }
    const target = resolvePath(dirnameOf(st.loc.file), st.path);
    const real = identity(read, target);
    if (stack.includes(real)) {
      const cycle = [...stack.slice(stack.indexOf(real)), real].map(displayPath).join(' -> ');
      sink.error(st.loc, `circular .include: ${cycle}`);
      continue;
    }
    if (++count.files > MAX_INCLUDED_FILES) {
      if (count.files === MAX_INCLUDED_FILES + 1) sink.error(st.loc, `more than ${MAX_INCLUDED_FILES} files included in all: include each library once`);
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
    const errorLines = new Set(parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.loc.line)).size;
    const lines = text.split('\n').filter((l) => /^\s*[^\s*+]/.test(l)).length;
    if (errorLines >= 3 && 2 * errorLines >= lines) {
      // Mostly not netlist lines (a system or data file): say so without quoting any of it.
      sink.error(st.loc, `included file '${st.path}' does not read as a netlist (${errorLines} of its ${lines} lines are not element lines or dot commands); none of it is used`);
      continue;
    }
    for (const d of parsed.diagnostics) sink.add(d);
    out.push(...expandIncludes(parsed.ast.statements, shown, read, sink, [...stack, real], count));
  }
  return out;
}
