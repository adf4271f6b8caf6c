/**
 * The words of the netlist language the editor offers: element letters from the element declarations
 * (src/circuit/registry.ts), directives from the list the parser itself prints (one source: a new
 * element or directive shows up here when the parser learns it), and `.param` names of the text being edited.
 */
import { DIRECTIVES } from '../../src/netlist/directiveLines.js';
import { elementDeclarations } from '../../src/circuit/registry.js';
import type { NetlistAst } from '../../src/netlist/ast.js';

/** `'R, RDYN, C or X'` -> `['R', 'RDYN', 'C', 'X']`. */
function listOf(words: string): string[] {
  return words.split(/,\s*|\s+or\s+/).map((w) => w.trim()).filter(Boolean);
}

export interface Word {
  label: string;
  detail: string;
}

export function elementLetters(): Word[] {
  const words: Word[] = [];
  for (const d of elementDeclarations()) if (d.letter !== undefined) words.push({ label: d.letter, detail: d.noun });
  words.push({ label: 'X', detail: 'subcircuit instance' });
  return words;
}

export function directives(): Word[] {
  return listOf(DIRECTIVES).map((label) => ({ label, detail: 'directive' }));
}

/** Top-level `.param` names with their numeric value when they have one (for completion and sliders). */
export interface ParamInfo {
  name: string;
  /** As written (case kept), and where: 1-based line and column of the name. */
  written: string;
  line: number;
  column: number;
  /** The number and where it is written, when the value is a plain number. */
  value: { number: number; line: number; column: number } | undefined;
}

export function paramsOf(ast: NetlistAst): ParamInfo[] {
  const out: ParamInfo[] = [];
  for (const st of ast.statements) {
    if (st.kind !== 'param') continue;
    for (const a of st.assignments) {
      const e = a.expr;
      out.push({
        name: a.name,
        written: a.name,
        line: a.loc.line,
        column: a.loc.column,
        value: e.kind === 'number' ? { number: e.value, line: e.loc.line, column: e.loc.column } : undefined,
      });
    }
  }
  return out;
}
