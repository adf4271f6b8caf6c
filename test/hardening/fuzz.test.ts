/**
 * Fuzz suite (issue 19): seeded mutations of the bundled and paper netlists go through the parser
 * and the elaboration (what `ncm check` does), in-process. Every outcome must be a circuit or
 * positioned diagnostics: no exception (an internal error), no hang (each input within a time
 * limit), every error with a line and column inside the input. NCM_FUZZ_RUNS sets the number of
 * mutations (default 5,000 in CI; 100,000 for a nightly run, see docs/security.md), NCM_FUZZ_SEED the seed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elaborate } from '../../src/netlist/elaborate.js';
import { parseNetlist } from '../../src/netlist/parse.js';

const RUNS = Number(process.env.NCM_FUZZ_RUNS ?? 5000);
const SEED = Number(process.env.NCM_FUZZ_SEED ?? 19);
/** Slowest acceptable check of one mutant (the unmutated netlists take a few ms). */
const HANG_MS = 2000;

const sources = [
  ...readdirSync('netlists').filter((f) => f.endsWith('.cir') && f !== 'ncm-1000.cir').map((f) => join('netlists', f)),
  ...readdirSync('netlists/paper').filter((f) => f.endsWith('.cir')).map((f) => join('netlists/paper', f)),
].map((f) => readFileSync(f, 'utf8'));

/** Tokens a mutation may insert: the language's own words, troublesome names and numbers. */
const TOKENS = [
  '{', '}', '(', ')', '=', '+', '-', '*', '/', '^', '"', "'", ',', '\n', '\n+', '.subckt', '.ends', '.param', '.include "x"', '.step param', '.ac dec 10',
  '.ladder', 'layers=', 'cycles=', 'rate=', 'constructor', '__proto__', 'toString', 'v(a)', 'i(V1)', 'X1', 'B1 b 0 I=', 'RDYN', '1e308', '1e-308', '-1', '0',
  'NaN', 'Infinity', '1e15', '\u001b[31m', '\u0000', '\r', '\t', 'pi', 'sqrt(', 'min(', 'meg', 'mV/us',
];

type Mutation = { kind: 'delete' | 'insert' | 'duplicate' | 'swap'; at: number; len: number; token: number };

function mutate(text: string, ms: Mutation[]): string {
  let s = text;
  for (const m of ms) {
    const at = m.at % (s.length + 1);
    const len = m.len % 40;
    if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + len);
    else if (m.kind === 'insert') s = s.slice(0, at) + TOKENS[m.token % TOKENS.length]! + s.slice(at);
    else if (m.kind === 'duplicate') s = s.slice(0, at) + s.slice(at, at + len).repeat(1 + (m.token % 4)) + s.slice(at);
    else {
      const lines = s.split('\n');
      const i = at % lines.length;
      const j = m.token % lines.length;
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      s = lines.join('\n');
    }
  }
  return s;
}

const mutation = fc.record({
  kind: fc.constantFrom('delete', 'insert', 'duplicate', 'swap' as const),
  at: fc.nat(),
  len: fc.nat(),
  token: fc.nat(),
}) as fc.Arbitrary<Mutation>;

describe('fuzzed netlists', () => {
  it(`${RUNS} seeded mutations of ${sources.length} bundled and paper netlists: no crash, no hang, every error positioned`, () => {
    let slowest = 0;
    fc.assert(
      fc.property(fc.nat(sources.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 }), (k, ms) => {
        const text = mutate(sources[k]!, ms);
        const lineCount = text.split('\n').length;
        const start = performance.now();
        const parsed = parseNetlist(text, { file: 'fuzz.cir' });
        const { circuit, diagnostics } = elaborate(parsed.ast);
        const ms_ = performance.now() - start;
        slowest = Math.max(slowest, ms_);
        expect(ms_).toBeLessThan(HANG_MS);
        const all = [...parsed.diagnostics, ...diagnostics];
        for (const d of all) {
          expect(d.loc.line).toBeGreaterThanOrEqual(1);
          expect(d.loc.column).toBeGreaterThanOrEqual(1);
          if (d.loc.file === 'fuzz.cir') expect(d.loc.line).toBeLessThanOrEqual(lineCount);
          // What the message says itself (quoted input aside) must not leak a JavaScript value.
          expect(d.message.replace(/'[^']*'/g, "''")).not.toMatch(/\bundefined\b|\[object|is not a function|internal error/);
        }
        if (!circuit) expect(all.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(slowest).toBeLessThan(HANG_MS);
  });
});
