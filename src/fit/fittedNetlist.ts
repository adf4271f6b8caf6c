/**
 * The template with the fitted values written into its `.param` lines (only the assignments of
 * the fitted parameters change; every other character stays as the user wrote it).
 */
import type { NetlistAst } from '../netlist/ast.js';

const EXPR = String.raw`(?:\{[^}]*\}|'[^']*'|[^\s,]+)`;

export function fittedNetlist(text: string, ast: NetlistAst, values: Record<string, number>, note: string): string {
  const lines = text.split('\n');
  for (const st of ast.statements) {
    if (st.kind !== 'param') continue;
    for (const a of st.assignments) {
      const v = values[a.name];
      if (v === undefined || a.loc.file !== ast.file) continue;
      const i = a.loc.line - 1;
      const line = lines[i]!;
      const head = line.slice(0, a.loc.column - 1);
      const tail = line.slice(a.loc.column - 1).replace(new RegExp(String.raw`^([A-Za-z_][\w]*\s*=\s*)${EXPR}`), (_m, lhs: string) => `${lhs}${v}`);
      lines[i] = head + tail;
    }
  }
  // The title stays the first line; the note follows it as comments.
  return [lines[0]!, ...note.split('\n').map((l) => `* ${l}`), ...lines.slice(1)].join('\n');
}
