/**
 * `.include "<path>"`: replaces each include statement by the statements of the named file, read
 * relative to the including file. Included files have no title line (ngspice). Circular and missing
 * includes are reported at the `.include` line.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { StatementAst } from './ast.js';
import type { DiagnosticSink } from './params.js';
import { parseNetlist } from './parse.js';

/** Reads a file's text; throws a Node error (ENOENT, EISDIR, ...) when it cannot. */
export type FileReader = (path: string) => string;

export const readFromDisk: FileReader = (path) => readFileSync(path, 'utf8');

function display(path: string): string {
  const r = relative(process.cwd(), path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'EACCES') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

export function expandIncludes(statements: StatementAst[], file: string, read: FileReader, sink: DiagnosticSink, stack: string[] = [resolve(file)]): StatementAst[] {
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
    const target = resolve(dirname(st.loc.file), st.path);
    if (stack.includes(target)) {
      const cycle = [...stack.slice(stack.indexOf(target)), target].map(display).join(' -> ');
      sink.error(st.loc, `circular .include: ${cycle}`);
      continue;
    }
    let text: string;
    try {
      text = read(target);
    } catch (e) {
      const shown = display(target);
      sink.error(st.loc, `cannot read included file '${st.path}'${shown === st.path ? '' : ` (${shown})`}: ${reason(e)}`);
      continue;
    }
    const shown = display(target);
    const parsed = parseNetlist(text, { file: shown, hasTitle: false });
    for (const d of parsed.diagnostics) sink.add(d);
    out.push(...expandIncludes(parsed.ast.statements, shown, read, sink, [...stack, target]));
  }
  return out;
}
