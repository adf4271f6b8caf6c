/**
 * `loadNetlist`: read a netlist file (and its includes) from disk, parse and elaborate it. The
 * disk adapter of the netlist language, which itself reads no files (it also runs in a browser).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Circuit } from '../circuit/circuit.js';
import type { Diagnostic } from '../diagnostics.js';
import { elaborate, type ElaborateOptions } from '../netlist/elaborate.js';
import type { FileReader } from '../netlist/includes.js';
import { parseNetlist } from '../netlist/parse.js';

export const readFromDisk: FileReader = (path) => readFileSync(path, 'utf8');

export function loadNetlist(path: string, opts: { readFile?: FileReader; paramOverrides?: ElaborateOptions['paramOverrides'] } = {}): { circuit: Circuit | undefined; diagnostics: Diagnostic[] } {
  const read = opts.readFile ?? readFromDisk;
  const rel = relative(process.cwd(), path);
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : e instanceof Error ? e.message : String(e);
    return { circuit: undefined, diagnostics: [{ severity: 'error', message: `cannot read netlist '${path}': ${why}`, loc: { file, line: 1, column: 1 } }] };
  }
  const parsed = parseNetlist(text, { file });
  const elaborated = elaborate(parsed.ast, { readFile: read, ...(opts.paramOverrides ? { paramOverrides: opts.paramOverrides } : {}) });
  const diagnostics = [...parsed.diagnostics, ...elaborated.diagnostics];
  const hasError = diagnostics.some((d) => d.severity === 'error');
  return { circuit: hasError ? undefined : elaborated.circuit, diagnostics };
}
