/**
 * A positioned reader of YAML/JSON configuration files (the mPNP and MD configs): every problem is
 * collected with its file:line:column, and all of them are reported at once by `finish`. What a
 * value means (its units) stays with each config; this holds what they share.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { NcmError, type Diagnostic, type SourceLocation } from '../diagnostics.js';

export type { YamlNode };
export type Section = Map<string, Pair<YamlNode, YamlNode>>;

export class PositionedYaml {
  readonly diags: Diagnostic[] = [];
  /** The document's top node (null for an empty file). */
  readonly root: YamlNode | null;
  private readonly lc = new LineCounter();

  /** Parses `text`; a YAML syntax error throws at once with every syntax problem positioned. */
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

  /** Throws one NcmError with every collected problem, in file order. */
  finish(what: string): void {
    this.diags.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
    if (this.diags.length > 0) throw new NcmError(`${this.file}: ${this.diags.length} problem${this.diags.length > 1 ? 's' : ''} in the ${what}`, { diagnostics: this.diags });
  }
}

export const positive = (v: number): string | null => (v > 0 ? null : 'must be > 0');
export const nonNegative = (v: number): string | null => (v >= 0 ? null : 'must be >= 0');
export const positiveInt = (v: number): string | null => (Number.isInteger(v) && v >= 1 ? null : 'must be a whole number >= 1');
