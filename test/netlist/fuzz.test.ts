/**
 * Property test: random mutations of the bundled netlists (delete, duplicate and swap tokens and
 * lines, insert garbage bytes, truncate). Parsing and elaboration never throw, always finish, and
 * every failure comes back as a diagnostic with a real position.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elaborate, parseNetlist } from '../../src/netlist/index.js';

const SOURCES = ['netlists/ncm-6.cir', 'netlists/tlm-6.cir', 'netlists/rc.cir'].map((f) => readFileSync(f, 'utf8'));

type Mutation =
  | { op: 'deleteToken' | 'duplicateToken' | 'deleteLine' | 'duplicateLine' | 'truncate'; at: number }
  | { op: 'swapTokens' | 'swapLines'; at: number; with: number }
  | { op: 'insert'; at: number; bytes: string };

const GARBAGE = fc.string({
  unit: fc.constantFrom('{', '}', '(', ')', '=', '"', "'", '+', '*', ';', '$', '.', ',', '\n', '\r', '\t', ' ', '0', 'x', 'µ', '\u0000', '\uffff', '.subckt', '.ends', '.include', 'RDYN', 'X', '^', '/'),
  maxLength: 12,
});

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('deleteToken', 'duplicateToken', 'deleteLine', 'duplicateLine', 'truncate'), at: fc.nat() }),
  fc.record({ op: fc.constantFrom('swapTokens', 'swapLines'), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('insert'), at: fc.nat(), bytes: GARBAGE }),
) as fc.Arbitrary<Mutation>;

function mutate(text: string, m: Mutation): string {
  if (m.op === 'insert') {
    const at = m.at % (text.length + 1);
    return text.slice(0, at) + m.bytes + text.slice(at);
  }
  if (m.op === 'truncate') return text.slice(0, m.at % (text.length + 1));
  if (m.op.endsWith('Line')  || m.op === 'swapLines') {
    const lines = text.split('\n');
    const i = m.at % lines.length;
    if (m.op === 'deleteLine') lines.splice(i, 1);
    else if (m.op === 'duplicateLine') lines.splice(i, 0, lines[i]!);
    else {
      const j = (m as { with: number }).with % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    }
    return lines.join('\n');
  }
  const tokens = text.split(/(\s+)/); // separators kept at odd indices
  const words = tokens.map((_, i) => i).filter((i) => i % 2 === 0 && tokens[i] !== '');
  if (words.length === 0) return text;
  const i = words[m.at % words.length]!;
  if (m.op === 'deleteToken') tokens[i] = '';
  else if (m.op === 'duplicateToken') tokens[i] = `${tokens[i]} ${tokens[i]}`;
  else {
    const j = words[(m as { with: number }).with % words.length]!;
    [tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!];
  }
  return tokens.join('');
}

const noFiles = (path: string): string => {
  throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
};

describe('mutated bundled netlists', () => {
  it('never throw or hang, and report every failure as a positioned diagnostic', () => {
    fc.assert(
      fc.property(fc.nat(SOURCES.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const text = mutations.reduce(mutate, SOURCES[which]!);
        const started = performance.now();
        const parsed = parseNetlist(text, { file: 'm.cir' });
        const { circuit, diagnostics } = elaborate(parsed.ast, { readFile: noFiles });
        expect(performance.now() - started).toBeLessThan(1000);
        const all = [...parsed.diagnostics, ...diagnostics];
        const lineCount = text.split('\n').length;
        for (const d of all) {
          expect(d.loc.file).toBe('m.cir');
          expect(Number.isInteger(d.loc.line) && d.loc.line >= 1 && d.loc.line <= lineCount).toBe(true);
          expect(Number.isInteger(d.loc.column) && d.loc.column >= 1).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
        }
        const errors = all.filter((d) => d.severity === 'error').length;
        if (circuit) expect(errors).toBe(0);
        else expect(errors).toBeGreaterThan(0);
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });
});
