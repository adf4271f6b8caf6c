/**
 * Physical dimensions for the search: unit strings (`A`, `C`, `V`, `kg*m^2/s^2`, `mA`, `ohm`) parsed to
 * exponents of the seven SI base units, and the dimensional check of a postfix program.
 *
 * The rule (docs/discovery.md, "Units"): a numeric constant outside any transcendental function has a
 * free unit (it is a coefficient such as R_c or 1/Q^max, as in PySR); inside the argument of sin, cos,
 * exp, log, tanh or the exponent of pow it is a pure number, and that argument must be dimensionless.
 * Sums need equal dimensions. With free-unit constants inside functions too, any argument could be
 * made dimensionless by its own coefficient and the check would rule out nothing: `exp(657 I)` would
 * pass. Only the dimensions are checked: prefixes (mA) change the scale, which the fitted constants
 * absorb, not the dimension.
 */
import { CONST_BASE, OP, OPERATORS, VAR_BASE } from './operators.js';

/** Exponents of m, kg, s, A, K, mol, cd. */
export type Dimension = readonly number[];

const BASE_NAMES = ['m', 'kg', 's', 'A', 'K', 'mol', 'cd'] as const;
export const DIMENSIONLESS: Dimension = [0, 0, 0, 0, 0, 0, 0];

const d = (m: number, kg: number, s: number, A: number, K = 0, mol = 0, cd = 0): Dimension => [m, kg, s, A, K, mol, cd];

/** Unit symbols (without prefix) and their dimensions. */
const UNITS: Record<string, Dimension> = {
  m: d(1, 0, 0, 0),
  g: d(0, 1, 0, 0),
  kg: d(0, 1, 0, 0),
  s: d(0, 0, 1, 0),
  A: d(0, 0, 0, 1),
  K: d(0, 0, 0, 0, 1),
  mol: d(0, 0, 0, 0, 0, 1),
  cd: d(0, 0, 0, 0, 0, 0, 1),
  Hz: d(0, 0, -1, 0),
  N: d(1, 1, -2, 0),
  Pa: d(-1, 1, -2, 0),
  J: d(2, 1, -2, 0),
  eV: d(2, 1, -2, 0),
  W: d(2, 1, -3, 0),
  C: d(0, 0, 1, 1),
  V: d(2, 1, -3, -1),
  F: d(-2, -1, 4, 2),
  ohm: d(2, 1, -3, -2),
  Ohm: d(2, 1, -3, -2),
  'Ω': d(2, 1, -3, -2),
  S: d(-2, -1, 3, 2),
  Wb: d(2, 1, -2, -1),
  T: d(0, 1, -2, -1),
  H: d(2, 1, -2, -2),
  M: d(-3, 0, 0, 0, 0, 1), // molar, mol/L
  L: d(3, 0, 0, 0),
  rad: DIMENSIONLESS,
  '1': DIMENSIONLESS,
};
const PREFIXES = ['Y', 'Z', 'E', 'P', 'T', 'G', 'M', 'k', 'h', 'da', 'd', 'c', 'm', 'u', 'µ', 'μ', 'n', 'p', 'f', 'a'];

function symbolDimension(sym: string): Dimension | undefined {
  if (UNITS[sym]) return UNITS[sym];
  for (const p of PREFIXES) if (sym.startsWith(p) && sym.length > p.length && UNITS[sym.slice(p.length)] && sym.slice(p.length) !== 'kg') return UNITS[sym.slice(p.length)];
  return undefined;
}

/**
 * Parses a unit such as `V`, `mA`, `kg*m^2/s^2`, `m s^-1`, `1/s` or `1` (dimensionless; also the empty
 * string and `-`). Throws a RangeError that names the unknown part.
 */
export function parseUnit(text: string): Dimension {
  const t = text.trim();
  if (t === '' || t === '-' || t === '1') return DIMENSIONLESS;
  const out = [0, 0, 0, 0, 0, 0, 0];
  // Factors separated by * . or spaces; one '/' puts everything after it in the denominator.
  const [numer, denom, extra] = t.split('/');
  if (extra !== undefined) throw new RangeError(`unit '${text}': use one '/' at most (e.g. kg*m^2/(s^2) as kg*m^2/s^2)`);
  const add = (part: string, sign: number): void => {
    for (const f of part.replace(/[()]/g, ' ').split(/[*·.\s]+/).filter((x) => x !== '')) {
      const m = /^([^\d^+-]+)(?:\^?([-+]?\d+(?:\.\d+)?))?$/.exec(f);
      if (f === '1') continue;
      const dim = m ? symbolDimension(m[1]!) : undefined;
      if (!m || !dim) throw new RangeError(`unit '${text}': unknown unit '${f}' (known: ${Object.keys(UNITS).join(' ')}, with SI prefixes)`);
      const p = m[2] === undefined ? 1 : Number(m[2]);
      for (let k = 0; k < 7; k++) out[k] = out[k]! + sign * p * dim[k]!;
    }
  };
  add(numer!, 1);
  if (denom !== undefined) add(denom, -1);
  return out;
}

export function formatDimension(dim: Dimension): string {
  const parts = dim.map((p, k) => (p === 0 ? '' : p === 1 ? BASE_NAMES[k]! : `${BASE_NAMES[k]}^${Number(p.toPrecision(6))}`)).filter((s) => s !== '');
  return parts.length ? parts.join(' ') : '1';
}

const TRANSCENDENTAL = new Set<number>([OP.sin, OP.cos, OP.exp, OP.log, OP.tanh]);
const TOL = 1e-9;

/**
 * Dimensional check of postfix programs against given variable and target dimensions. Allocation-free
 * after construction: it runs once per candidate in the search.
 */
export class DimensionChecker {
  private readonly vars: Float64Array;
  private readonly target: Float64Array;
  /** Stack of dimensions (7 per entry) and whether each entry has a free unit. */
  private readonly dims: Float64Array;
  private readonly free: Uint8Array;
  /** Per token: whether it lies inside the argument of a transcendental function (or pow's exponent). */
  private readonly inside: Uint8Array;
  private readonly ctx: Uint8Array;

  constructor(variables: readonly Dimension[], target: Dimension, maxLength: number) {
    this.vars = Float64Array.from(variables.flatMap((v) => [...v]));
    this.target = Float64Array.from(target);
    this.dims = new Float64Array(7 * (maxLength + 1));
    this.free = new Uint8Array(maxLength + 1);
    this.inside = new Uint8Array(maxLength + 1);
    this.ctx = new Uint8Array(maxLength + 1);
  }

  /**
   * True when the program is dimensionally consistent. With `scaled` (outer y ~ a + b f, b a free-unit
   * coefficient) the program's own dimension is free; without, it must be the target's.
   */
  consistent(tokens: Int32Array, length: number, consts: Float64Array, scaled: boolean): boolean {
    // Contexts top-down: walking the postfix backwards visits parents before children.
    let sp = 0;
    this.ctx[sp++] = 0;
    for (let t = length - 1; t >= 0; t--) {
      const tok = tokens[t]!;
      const c = this.ctx[--sp]!;
      this.inside[t] = c;
      if (tok >= VAR_BASE) continue;
      if (OPERATORS[tok]!.arity === 1) this.ctx[sp++] = c | (TRANSCENDENTAL.has(tok) ? 1 : 0);
      else if (tok === OP.pow) {
        this.ctx[sp++] = c;
        this.ctx[sp++] = 1; // the exponent: the right operand, visited first, so on top
      } else {
        this.ctx[sp++] = c;
        this.ctx[sp++] = c;
      }
    }
    const D = this.dims;
    const F = this.free;
    sp = 0;
    for (let t = 0; t < length; t++) {
      const tok = tokens[t]!;
      if (tok >= CONST_BASE) {
        F[sp] = this.inside[t]! ? 0 : 1;
        D.fill(0, 7 * sp, 7 * sp + 7);
        sp++;
        continue;
      }
      if (tok >= VAR_BASE) {
        const j = tok - VAR_BASE;
        F[sp] = 0;
        for (let k = 0; k < 7; k++) D[7 * sp + k] = this.vars[7 * j + k]!;
        sp++;
        continue;
      }
      if (OPERATORS[tok]!.arity === 1) {
        const a = 7 * (sp - 1);
        if (TRANSCENDENTAL.has(tok)) {
          if (!F[sp - 1] && !this.zero(a)) return false;
          F[sp - 1] = 0;
          D.fill(0, a, a + 7);
          continue;
        }
        const k = tok === OP.sqrt ? 0.5 : tok === OP.square ? 2 : tok === OP.cube ? 3 : tok === OP.inv ? -1 : 1;
        if (k !== 1) for (let q = 0; q < 7; q++) D[a + q] = D[a + q]! * k;
        continue;
      }
      sp--;
      const a = 7 * (sp - 1);
      const b = 7 * sp;
      const fa = F[sp - 1]!;
      const fb = F[sp]!;
      if (tok === OP['+'] || tok === OP['-']) {
        if (fa && fb) continue;
        if (fa) {
          for (let q = 0; q < 7; q++) D[a + q] = D[b + q]!;
          F[sp - 1] = 0;
          continue;
        }
        if (fb) continue;
        for (let q = 0; q < 7; q++) if (Math.abs(D[a + q]! - D[b + q]!) > TOL) return false;
        continue;
      }
      if (tok === OP['*'] || tok === OP['/']) {
        if (fa || fb) {
          F[sp - 1] = 1;
          continue;
        }
        const s = tok === OP['*'] ? 1 : -1;
        for (let q = 0; q < 7; q++) D[a + q] = D[a + q]! + s * D[b + q]!;
        continue;
      }
      // pow: the exponent is a pure number (checked above through its context); a dimensioned base
      // needs a constant exponent, whose value then scales the dimension.
      if (!fb && !this.zero(b)) return false;
      if (fa || this.zero(a)) continue;
      const e = tokens[t - 1]!;
      if (e < CONST_BASE) return false;
      const v = consts[e - CONST_BASE]!;
      for (let q = 0; q < 7; q++) D[a + q] = D[a + q]! * v;
    }
    if (scaled || F[0]) return true;
    for (let q = 0; q < 7; q++) if (Math.abs(D[q]! - this.target[q]!) > TOL) return false;
    return true;
  }

  private zero(at: number): boolean {
    for (let q = 0; q < 7; q++) if (Math.abs(this.dims[at + q]!) > TOL) return false;
    return true;
  }
}
