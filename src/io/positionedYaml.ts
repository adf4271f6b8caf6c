/**
 * A positioned reader of YAML/JSON configuration files (the mPNP and MD configs): every problem is
 * collected with its file:line:column, and all of them are reported at once by `finish`. What a
 * value means (its units) stays with each config; this holds what they share.
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument, Scalar, visit, type Node as YamlNode, type Pair } from 'yaml';
import { NcmError, type Diagnostic, type SourceLocation } from '../diagnostics.js';

export type { YamlNode };
export type Section = Map<string, Pair<YamlNode, YamlNode>>;

/**
 * How one configuration reads physical quantities ("<number> <unit>"): its units (factors to SI per
 * dimension D), an example per dimension for the messages, and two rules that differ between the
 * configs: what a bare number means, and what a failed check reports after "got".
 */
export interface QuantityStyle<D extends string> {
  units: Record<D, Record<string, number>>;
  /** Shown in "expected a <dim> such as <example>" (and, when bare numbers are refused, "e.g. <example>"). */
  example: Record<D, string>;
  /**
   * A bare number for a dimensioned key: 'si' takes it in SI units (MD); a record of SI unit names
   * refuses it, except 0, and names what it would have meant (mPNP: a bare slitWidth 3 is 3 m).
   */
  bare: 'si' | Record<D, string>;
  /** A failed check says "got <the value as written>" (true) or "got <the SI value>" (false). */
  gotAsWritten: boolean;
}

const QUANTITY = /^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S+)?\s*$/;

export class PositionedYaml {
  readonly diags: Diagnostic[] = [];
  /** The document's top node (null for an empty file). */
  readonly root: YamlNode | null;
  private readonly lc = new LineCounter();

  /** Parses `text`; a YAML syntax error throws at once with every syntax problem positioned. */
  /** Nodes that came from a `--set key=value` argument, with the place of the value in it. */
  private readonly fromSet = new Map<YamlNode, SourceLocation>();

  /**
   * Parses `text`; a YAML syntax error throws at once with every syntax problem positioned.
   * `sets` (`key.path=value`, the value read as YAML) replace keys of the file; a problem with such a
   * value is reported at `--set key.path=value:1:<column of the value>`.
   */
  constructor(
    text: string,
    readonly file: string,
    sets: readonly string[] = [],
  ) {
    // an empty file has no mapping to set keys in
    const doc = parseDocument(sets.length > 0 && text.trim() === '' ? '{}' : text, { lineCounter: this.lc, prettyErrors: false });
    for (const e of doc.errors) {
      const p = this.lc.linePos(e.pos[0]);
      this.diags.push({ severity: 'error', message: e.message.split('\n')[0]!, loc: { file, line: p.line, column: p.col } });
    }
    if (doc.errors.length > 0) throw new NcmError(`${file}: not valid YAML/JSON`, { diagnostics: this.diags });
    for (const s of sets) {
      const eq = s.indexOf('=');
      if (eq <= 0) throw new NcmError(`--set ${s}: expected key.path=value, e.g. --set geometry.slitWidth="2 nm"`, { exitCode: 2 });
      const where: SourceLocation = { file: `--set ${s}`, line: 1, column: eq + 2 };
      const vdoc = parseDocument(s.slice(eq + 1), { prettyErrors: false });
      if (vdoc.errors.length > 0) {
        this.diags.push({ severity: 'error', message: `${s.slice(0, eq)}: not a valid YAML value (${vdoc.errors[0]!.message.split('\n')[0]!})`, loc: where });
        continue;
      }
      const node = (vdoc.contents ?? vdoc.createNode(null)) as YamlNode;
      const path = s.slice(0, eq).split('.');
      doc.setIn(path, node);
      // keys that setIn created are plain strings: make them nodes placed at their part of the argument
      let col = 1;
      path.forEach((part, i) => {
        const parent = i === 0 ? doc.contents : doc.getIn(path.slice(0, i), true);
        if (isMap(parent)) {
          for (const pair of parent.items) {
            if (pair.key === part) {
              const key = new Scalar(part);
              pair.key = key;
              this.fromSet.set(key as YamlNode, { ...where, column: col });
            }
          }
        }
        col += part.length + 1;
      });
      // every node of the value (a mapping given to --set has keys and items) points into the argument
      visit(node, (_k, n) => {
        if (isNode(n)) this.fromSet.set(n, { ...where, column: where.column + (n.range?.[0] ?? 0) });
      });
      this.fromSet.set(node, { ...where, column: where.column + (node.range?.[0] ?? 0) });
    }
    this.root = doc.contents as YamlNode | null;
  }

  loc(node: YamlNode | null | undefined): SourceLocation {
    const set = node ? this.fromSet.get(node) : undefined;
    if (set) return set;
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
      // a key added by --set is a plain string, not a node: place its problems at the value
      const key = isScalar(pair.key) ? String(pair.key.value) : typeof pair.key === 'string' ? pair.key : '';
      if (!allowed.includes(key)) {
        this.error(isNode(pair.key) ? pair.key : pair.value, `${path ? path + '.' : ''}${key}: unknown key (expected one of ${allowed.join(', ')})`);
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

  choice<T extends string>(sec: Section, path: string, key: string, options: readonly T[], def: T): T {
    const pair = sec.get(key);
    if (!pair) return def;
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.error(pair.value, `${path ? path + '.' : ''}${key}: expected one of ${options.join(', ')}, got ${JSON.stringify(v ?? null)}`);
    return def;
  }

  flag(sec: Section, path: string, key: string, def: boolean): boolean {
    const pair = sec.get(key);
    if (!pair) return def;
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v === 'boolean') return v;
    this.error(pair.value, `${path ? path + '.' : ''}${key}: expected true or false, got ${JSON.stringify(v ?? null)}`);
    return def;
  }

  /**
   * The quantity at `key` of `sec` in SI units (`def` when absent), read in `style`; dimension
   * 'number' is a pure number. Problems are collected with the value's position and `def` returned.
   */
  readQuantity<D extends string>(style: QuantityStyle<D>, sec: Section, path: string, key: string, dim: D | 'number', def: number, check?: (v: number) => string | null): number {
    const pair = sec.get(key);
    if (!pair) return def;
    const node = pair.value;
    const where = `${path}.${key}`;
    const v = isScalar(node) ? node.value : undefined;
    const refuseBare = style.bare !== 'si' && dim !== 'number';
    let value: number | null = null;
    let bare: number | null = null;
    if (typeof v === 'number') {
      if (refuseBare && v !== 0) bare = v;
      else value = v;
    } else if (typeof v === 'string') {
      const m = QUANTITY.exec(v);
      if (m) {
        const num = Number(m[1]);
        if (m[2] === undefined) {
          if (refuseBare && num !== 0) bare = num;
          else value = num;
        } else if (dim !== 'number') {
          const table = style.units[dim];
          const f = table[m[2]];
          if (f === undefined) {
            this.error(node, `${where}: unknown unit '${m[2]}' for a ${dim} (expected one of ${Object.keys(table).join(', ')})`);
            return def;
          }
          value = num * f;
        }
      }
    }
    if (bare !== null && style.bare !== 'si' && dim !== 'number') {
      // refused: a dimensioned bare number other than 0
      this.error(node, `${where}: a ${dim} needs a unit, e.g. ${style.example[dim]}; got the bare number ${bare}, which would be ${bare} ${style.bare[dim]}`);
      return def;
    }
    if (value === null || !Number.isFinite(value)) {
      this.error(node, `${where}: expected ${dim === 'number' ? 'a number' : `a ${dim} such as ${style.example[dim]}`}, got ${JSON.stringify(v ?? null)}`);
      return def;
    }
    const problem = check?.(value);
    if (problem) {
      this.error(node, `${where}: ${problem}, got ${style.gotAsWritten ? String(v) : value}`);
      return def;
    }
    return value;
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
