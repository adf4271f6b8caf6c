import { expect } from 'vitest';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';
import type { Circuit } from '../../src/circuit/circuit.js';

/** A netlist from its lines after a title line: line 2 of the file is `lines[0]`. */
export function netlist(...lines: string[]): string {
  return ['test title', ...lines].join('\n') + '\n';
}

/** Every diagnostic of parse + elaborate as `line:column severity: message` (file t.cir). */
export function diagnose(text: string, files: Record<string, string> = {}): string[] {
  const p = parseNetlist(text, { file: 't.cir' });
  const e = elaborate(p.ast, { readFile: memoryReader(files) });
  return [...p.diagnostics, ...e.diagnostics].map((d) => {
    const where = d.loc.file === 't.cir' ? '' : `${d.loc.file}:`;
    return `${where}${d.loc.line}:${d.loc.column} ${d.severity}: ${d.message}`;
  });
}

/** Files by absolute path (resolved from the current directory like the real reader). */
export function memoryReader(files: Record<string, string>): (path: string) => string {
  const byPath = new Map(Object.entries(files).map(([k, v]) => [k.startsWith('/') ? k : `${process.cwd()}/${k}`, v]));
  return (path) => {
    const text = byPath.get(path);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
}

/** The elaborated circuit, asserting that there is no diagnostic at all. */
export function circuit(text: string, files: Record<string, string> = {}): Circuit {
  const p = parseNetlist(text, { file: 't.cir' });
  const e = elaborate(p.ast, { readFile: memoryReader(files) });
  expect([...p.diagnostics, ...e.diagnostics]).toEqual([]);
  expect(e.circuit).toBeDefined();
  return e.circuit!;
}

/** Lines that make a netlist valid around the element under test. */
export const GROUNDED = ['Vs in 0 1', 'Rs in 0 1k'];
