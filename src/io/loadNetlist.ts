/**
 * `loadNetlist`: read a netlist file (and its includes) from disk, parse and elaborate it. The
 * disk adapter of the netlist language, which itself reads no files (it also runs in a browser).
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Circuit } from '../circuit/circuit.js';
import type { Diagnostic } from '../diagnostics.js';
import type { NetlistAst } from '../netlist/ast.js';
import { elaborate, type ElaborateOptions } from '../netlist/elaborate.js';
import type { FileReader } from '../netlist/includes.js';
import { parseNetlist } from '../netlist/parse.js';

/** Largest netlist or included file read (a generated 1000-layer ladder is ~100 KB). */
export const MAX_NETLIST_BYTES = 16 * 1024 * 1024;

/**
 * Reads a netlist file: a regular file only (a FIFO, /dev/zero or a directory is refused without
 * blocking: the file is opened non-blocking and checked before any read), at most
 * MAX_NETLIST_BYTES, and text (a NUL byte marks a binary file such as /proc/self/environ, whose
 * content must not end up quoted in messages).
 */
function readNetlistFile(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw Object.assign(new Error(st.isDirectory() ? 'it is a directory' : 'not a regular file (a device, a pipe or a socket)'), { code: st.isDirectory() ? 'EISDIR' : 'ENOTREG' });
    if (st.size > MAX_NETLIST_BYTES) throw Object.assign(new Error(`it is ${st.size} bytes, more than the limit of ${MAX_NETLIST_BYTES}`), { code: 'EFBIG' });
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < buf.length) {
      const n = readSync(fd, buf, off, buf.length - off, off);
      if (n === 0) break;
      off += n;
    }
    const bytes = buf.subarray(0, off);
    if (bytes.includes(0)) throw Object.assign(new Error('not a text file (it holds NUL bytes)'), { code: 'EBINARY' });
    return bytes.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

export const readFromDisk: FileReader = Object.assign(readNetlistFile, { realPath: (path: string) => realpathSync(path) });

export function loadNetlist(
  path: string,
  opts: { readFile?: FileReader; paramOverrides?: ElaborateOptions['paramOverrides'] } = {},
): { circuit: Circuit | undefined; diagnostics: Diagnostic[]; ast?: NetlistAst } {
  const read = opts.readFile ?? readFromDisk;
  const rel = relative(process.cwd(), path);
  const file = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : e instanceof Error ? e.message : String(e);
    return { circuit: undefined, diagnostics: [{ severity: 'error', message: `cannot read netlist '${path}': ${why}`, loc: { file, line: 1, column: 1 } }] };
  }
  const parsed = parseNetlist(text, { file });
  const elaborated = elaborate(parsed.ast, { readFile: read, ...(opts.paramOverrides ? { paramOverrides: opts.paramOverrides } : {}) });
  const diagnostics = [...parsed.diagnostics, ...elaborated.diagnostics];
  const hasError = diagnostics.some((d) => d.severity === 'error');
  // The parse goes with the circuit: `.sens` re-elaborates it at other parameter values.
  return { circuit: hasError ? undefined : elaborated.circuit, diagnostics, ast: parsed.ast };
}
