/**
 * A netlist template as a function of its top-level `.param` values: parsed once, elaborated per
 * call with the values as overrides (what sensitivities and fits differentiate through). A value
 * set that makes the netlist invalid (a negative resistance) is an NcmError naming the first problem.
 */
import type { Circuit } from '../circuit/circuit.js';
import { InputError } from '../diagnostics.js';
import type { NetlistAst } from './ast.js';
import { elaborate } from './elaborate.js';
import type { FileReader } from './includes.js';
import { parseNetlist } from './parse.js';

export function circuitOfParams(text: string, file: string, readFile?: FileReader): (values: Record<string, number>) => Circuit {
  const parsed = parseNetlist(text, { file });
  const firstParse = parsed.diagnostics.find((d) => d.severity === 'error');
  if (firstParse) throw new InputError(firstParse.message, { loc: firstParse.loc, diagnostics: parsed.diagnostics });
  return circuitOfAst(parsed.ast, readFile);
}

/** The same from a netlist already parsed (`ncm run` keeps the parse it elaborated). */
export function circuitOfAst(ast: NetlistAst, readFile?: FileReader): (values: Record<string, number>) => Circuit {
  const loc = { file: ast.file, line: 1, column: 1 };
  return (values) => {
    const paramOverrides = Object.entries(values).map(([name, value]) => ({ name, value, loc }));
    const out = elaborate(ast, { paramOverrides, ...(readFile ? { readFile } : {}) });
    const bad = out.diagnostics.find((d) => d.severity === 'error');
    if (bad || !out.circuit) {
      const at = Object.entries(values).map(([k, v]) => `${k}=${v}`).join(', ');
      throw new InputError(`${bad?.message ?? 'the netlist did not elaborate'}${at ? ` (with ${at})` : ''}`, { ...(bad ? { loc: bad.loc } : {}), diagnostics: out.diagnostics });
    }
    return out.circuit;
  };
}
