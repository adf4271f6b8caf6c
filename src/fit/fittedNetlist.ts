/**
 * The template with the fitted values written into its `.param` lines (only the assignments of
 * the fitted parameters change; every other character stays as the user wrote it).
 */
import type { NetlistAst } from '../netlist/ast.js';

const EXPR = String.raw`(?:\{[^}]*\}|'[^']*'|[^\s,]+)`;

export function fittedNetlist(text: string, ast: NetlistAst, values: Record<string, number>, note: string): string {
  const lines = text.split('\n');
  const edits: Array<{ line: number; column: number; value: number }> = [];
  for (const st of ast.statements) {
    if (st.kind !== 'param') continue;
    for (const a of st.assignments) {
      const v = values[a.name];
      if (v !== undefined && a.loc.file === ast.file) edits.push({ line: a.loc.line - 1, column: a.loc.column - 1, value: v });
    }
  }
  // Right to left within a line, so that earlier columns stay valid.
  edits.sort((a, b) => a.line - b.line || b.column - a.column);
  for (const e of edits) {
    const line = lines[e.line]!;
    const tail = line.slice(e.column).replace(new RegExp(String.raw`^([A-Za-z_][\w]*\s*=\s*)${EXPR}`), (_m, lhs: string) => `${lhs}${e.value}`);
    lines[e.line] = line.slice(0, e.column) + tail;
  }
  // The title stays the first line; the note follows it as comments.
  return [lines[0]!, ...note.split('\n').map((l) => `* ${l}`), ...lines.slice(1)].join('\n');
}
