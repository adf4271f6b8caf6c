/**
 * Column headings -> quantity and SI factor. Vendors write the unit as `time/s` (EC-Lab, CHI),
 * `Time (s)` (Nova), `time[s]` (the project), or in a units row (Gamry). Only units we know are
 * accepted: an unknown unit is an error rather than a guess.
 */
export type Quantity = 'time' | 'potential' | 'current' | 'frequency' | 'impedance' | 'angle' | 'count';

/** Splits `name/unit`, `name (unit)`, `name [unit]`; the unit is undefined when none is written. */
export function splitHeading(h: string): { name: string; unit: string | undefined } {
  const s = h.trim();
  let m = /^(.*?)\s*\[([^\]]*)\]\s*$/.exec(s);
  if (m) return { name: m[1]!, unit: m[2]!.trim() };
  m = /^(.*\S)\s*\(([^()]*)\)\s*$/.exec(s);
  if (m && unitFactor(m[2]!) !== undefined) return { name: m[1]!, unit: m[2]!.trim() };
  const slash = s.lastIndexOf('/');
  if (slash > 0 && unitFactor(s.slice(slash + 1)) !== undefined) return { name: s.slice(0, slash).trim(), unit: s.slice(slash + 1).trim() };
  return { name: s, unit: undefined };
}

const BASE: Record<string, Quantity> = { s: 'time', sec: 'time', v: 'potential', a: 'current', hz: 'frequency', ohm: 'impedance', ohms: 'impedance', 'Ω': 'impedance', deg: 'angle', '°': 'angle', '#': 'count' };
const PREFIX: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, u: 1e-6, µ: 1e-6, μ: 1e-6, n: 1e-9, p: 1e-12 };

/** The quantity and SI factor of a unit (`mA` -> current, 1e-3), or undefined if it is not one we know. */
export function unitFactor(unit: string): { quantity: Quantity; factor: number } | undefined {
  // Gamry writes `V vs. Ref.`; keep the unit itself.
  const u = unit.trim().replace(/\s+vs\.?.*$/i, '');
  if (u === 'min') return { quantity: 'time', factor: 60 };
  if (u === 'h') return { quantity: 'time', factor: 3600 };
  const b = BASE[u] ?? BASE[u.toLowerCase()];
  // `S` is siemens, not seconds.
  if (b && u !== 'S') return { quantity: b, factor: 1 };
  if (u.length >= 2) {
    const p = PREFIX[u[0]!];
    const rest = u.slice(1);
    const q = BASE[rest] ?? BASE[rest.toLowerCase()];
    if (p !== undefined && q !== undefined && q !== 'angle' && q !== 'count') return { quantity: q, factor: p };
  }
  return undefined;
}
