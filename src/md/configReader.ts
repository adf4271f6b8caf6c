/**
 * A positioned reader of YAML configuration sections for the MD configs: every value is a number in
 * SI units or a string "<number> <unit>" ("0.59 nm", "5 fs", "0.068 kcal/mol", "0.041 e"); every
 * problem is collected with its file:line:column, and all of them are reported at once.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { NcmError, type Diagnostic, type SourceLocation } from '../diagnostics.js';

export type Dim = 'length' | 'time' | 'energy' | 'charge' | 'mass' | 'temperature' | 'concentration' | 'diffusivity' | 'number';

const AVOGADRO = 6.02214076e23;
const E = 1.602176634e-19;

/** Factors to SI. Energies are per particle (J); masses per particle (kg). */
export const UNITS: Record<Exclude<Dim, 'number'>, Record<string, number>> = {
  length: { m: 1, nm: 1e-9, A: 1e-10, 'Å': 1e-10, pm: 1e-12, um: 1e-6 },
  time: { s: 1, ns: 1e-9, ps: 1e-12, fs: 1e-15 },
  energy: { J: 1, 'kcal/mol': 4184 / AVOGADRO, 'kJ/mol': 1000 / AVOGADRO, eV: E },
  charge: { C: 1, e: E },
  mass: { kg: 1, 'g/mol': 1e-3 / AVOGADRO, u: 1e-3 / AVOGADRO, Da: 1e-3 / AVOGADRO },
  temperature: { K: 1 },
  concentration: { 'mol/m3': 1, 'mol/m^3': 1, M: 1000, 'mol/L': 1000, mM: 1 },
  diffusivity: { 'm2/s': 1, 'm^2/s': 1, 'cm2/s': 1e-4, 'cm^2/s': 1e-4 },
};

const EXAMPLE: Record<Dim, string> = {
  length: '0.59 nm or 3.4 A',
  time: '5 fs or 100 ps',
  energy: '0.068 kcal/mol',
  charge: '0.041 e',
  mass: '39.0983 g/mol',
  temperature: '298.15 K',
  concentration: '1 M or 1000 (mol/m^3)',
  diffusivity: '2e-9 (m^2/s)',
  number: 'a number',
};

export type Section = Map<string, Pair<YamlNode, YamlNode>>;

export class ConfigReader {
  readonly diags: Diagnostic[] = [];
  readonly root: YamlNode | null;
  private readonly lc = new LineCounter();

  constructor(
    text: string,
    readonly file: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lc, prettyErrors: false });
    for (const e of doc.errors) {
      const p = this.lc.linePos(e.pos[0]);
      this.diags.push({ severity: 'error', message: e.message.split('\n')[0]!, loc: { file, line: p.line, column: p.col } });
    }
    if (doc.errors.length > 0) throw new NcmError(`${file}: not valid YAML/JSON`, { diagnostics: this.diags });
    this.root = doc.contents as YamlNode | null;
  }

  loc(node: YamlNode | null | undefined): SourceLocation {
    const p = this.lc.linePos(node?.range?.[0] ?? 0);
    return { file: this.file, line: p.line, column: p.col };
  }

  error(node: YamlNode | null | undefined, message: string): void {
    this.diags.push({ severity: 'error', message, loc: this.loc(node) });
  }

  /** The pairs of a mapping, after checking that every key is one of `allowed`. */
  section(node: YamlNode | null | undefined, path: string, allowed: readonly string[]): Section {
    const out: Section = new Map();
    if (node === null || node === undefined) return out;
    if (!isMap(node)) {
      this.error(node, `${path || 'the file'}: expected a mapping of keys (${allowed.join(', ')})`);
      return out;
    }
    for (const pair of node.items as Array<Pair<YamlNode, YamlNode>>) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) {
        this.error(pair.key, `${path ? path + '.' : ''}${key}: unknown key (expected one of ${allowed.join(', ')})`);
        continue;
      }
      out.set(key, pair);
    }
    return out;
  }

  /** A sub-section of `sec` (a nested mapping), empty when absent. */
  sub(sec: Section, path: string, key: string, allowed: readonly string[]): Section {
    return this.section(sec.get(key)?.value, `${path ? path + '.' : ''}${key}`, allowed);
  }

  quantity(sec: Section, path: string, key: string, dim: Dim, def: number, check?: (v: number) => string | null): number {
    const pair = sec.get(key);
    if (!pair) return def;
    const node = pair.value;
    const where = `${path}.${key}`;
    const v = isScalar(node) ? node.value : undefined;
    let value: number | null = null;
    if (typeof v === 'number') value = v;
    else if (typeof v === 'string') {
      const m = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S+)?\s*$/.exec(v);
      if (m) {
        const num = Number(m[1]);
        if (m[2] === undefined) value = num;
        else if (dim === 'number') value = null;
        else {
          const f = UNITS[dim][m[2]];
          if (f === undefined) {
            this.error(node, `${where}: unknown unit '${m[2]}' for a ${dim} (expected one of ${Object.keys(UNITS[dim]).join(', ')})`);
            return def;
          }
          value = num * f;
        }
      }
    }
    if (value === null || !Number.isFinite(value)) {
      this.error(node, `${where}: expected ${dim === 'number' ? 'a number' : `a ${dim} such as ${EXAMPLE[dim]}`}, got ${JSON.stringify(v ?? null)}`);
      return def;
    }
    const problem = check?.(value);
    if (problem) {
      this.error(node, `${where}: ${problem}, got ${v}`);
      return def;
    }
    return value;
  }

  choice<T extends string>(sec: Section, path: string, key: string, options: readonly T[], def: T): T {
    const pair = sec.get(key);
    if (!pair) return def;
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.error(pair.value, `${path ? path + '.' : ''}${key}: expected one of ${options.join(', ')}, got ${JSON.stringify(v ?? null)}`);
    return def;
  }

  /** Throws one NcmError with every collected problem, in file order. */
  finish(what: string): void {
    this.diags.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
    if (this.diags.length > 0) throw new NcmError(`${this.file}: ${this.diags.length} problem${this.diags.length > 1 ? 's' : ''} in the ${what}`, { diagnostics: this.diags });
  }
}

export const positive = (v: number): string | null => (v > 0 ? null : 'must be > 0');
export const nonNegative = (v: number): string | null => (v >= 0 ? null : 'must be >= 0');
export const positiveInt = (v: number): string | null => (Number.isInteger(v) && v >= 1 ? null : 'must be a whole number >= 1');
