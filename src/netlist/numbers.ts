/**
 * SPICE numbers: `1e-6`, `10n`, `0.08uF`, `1meg`, `5ohm`. The scale suffix is read as ngspice
 * does (case-insensitive, so `M` is milli and `meg` is 1e6; `F` alone is femto), then any further
 * letters are a unit and ignored. Scan rates are different: they must carry a unit (`20mV/us`).
 */

const NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(.*)$/i;

/** Powers of ten of the scale suffixes (exact decimal arithmetic: `0.08u` is the double nearest 8e-8). */
const SCALE: Record<string, number> = {
  t: 12,
  g: 9,
  k: 3,
  m: -3,
  u: -6,
  '\u00b5': -6, // micro sign
  '\u03bc': -6, // greek mu
  n: -9,
  p: -12,
  f: -15,
  a: -18,
};

const UNIT_LETTERS = /^[a-z\u00b5\u03bc\u2126]*$/i;

/** `mantissa` (with optional exponent) times 10^shift, rounded once from the decimal value. */
function decimal(mantissa: string, shift: number): number {
  const e = mantissa.search(/e/i);
  if (e < 0) return Number(`${mantissa}e${shift}`);
  return Number(`${mantissa.slice(0, e)}e${Number(mantissa.slice(e + 1)) + shift}`);
}

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** The value of a SPICE number word in SI, or undefined if the word is not a number. */
export function parseSpiceNumber(word: string): number | undefined {
  if (PLAIN.test(word)) {
    const v = Number(word);
    return Number.isFinite(v) ? v : undefined;
  }
  const m = NUMBER.exec(word);
  if (!m) return undefined;
  let rest = m[2]!.toLowerCase();
  let v: number;
  if (rest.startsWith('meg')) {
    v = decimal(m[1]!, 6);
    rest = rest.slice(3);
  } else if (rest.startsWith('mil')) {
    v = Number(m[1]) * 25.4e-6;
    rest = rest.slice(3);
  } else if (rest.length > 0 && Object.hasOwn(SCALE, rest[0]!)) {
    v = decimal(m[1]!, SCALE[rest[0]!]!);
    rest = rest.slice(1);
  } else v = Number(m[1]);
  if (!UNIT_LETTERS.test(rest)) return undefined;
  return Number.isFinite(v) ? v : undefined;
}

const RATE = /^((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(k|m|u|\u00b5|\u03bc)?v\/(m|u|\u00b5|\u03bc|n)?s$/i;
const PREFIX: Record<string, number> = { k: 3, m: -3, u: -6, '\u00b5': -6, '\u03bc': -6, n: -9 };

/** Scan rate units accepted after the number, for messages and docs. */
export const RATE_UNITS = 'V/s, mV/s, V/ms, mV/ms, V/us, mV/us; us may be written \u00b5s';

export type RateParse = { ok: true; value: number } | { ok: false; reason: 'no-unit' | 'malformed' };

/** A scan rate such as `20mV/us` in V/s; a bare number is refused (the unit is never guessed). */
export function parseScanRate(word: string): RateParse {
  const m = RATE.exec(word);
  if (m) {
    // The regular expression admits only PREFIX's own keys here.
    const volts = m[2] ? PREFIX[m[2].toLowerCase()]! : 0;
    const seconds = m[3] ? PREFIX[m[3].toLowerCase()]! : 0;
    return { ok: true, value: decimal(m[1]!, volts - seconds) };
  }
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(word)) return { ok: false, reason: 'no-unit' };
  return { ok: false, reason: 'malformed' };
}
