/** Plain-words descriptions of a circuit (for `ncm check` and logs), with engineering units. */
import type { Analysis, Circuit } from '../circuit/circuit.js';
import { elementDeclarations } from '../circuit/registry.js';

const PREFIXES: Array<[number, string]> = [
  [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'u'], [1e-9, 'n'], [1e-12, 'p'], [1e-15, 'f'], [1e-18, 'a'],
];

/** `2e-8, 's'` -> `20 ns`; up to 4 significant digits. Beyond the prefixes, plain exponent notation. */
export function formatSi(value: number, unit: string): string {
  if (value === 0 || !Number.isFinite(value)) return `${value} ${unit}`.trim();
  const abs = Math.abs(value);
  // A prefix only helps within its range: 1e-300 Hz must not read "1e-282 aHz".
  if (abs < 1e-18 * 0.99995 || abs >= 1e15 * 0.99995) return `${Number(value.toPrecision(4)).toExponential()} ${unit}`;
  const [scale, prefix] = PREFIXES.find(([s]) => abs >= s * 0.99995) ?? PREFIXES[PREFIXES.length - 1]!;
  const digits = Number((value / scale).toPrecision(4));
  return `${digits} ${prefix}${unit}`;
}

/** `12 capacitors (C), 1 voltage source (V)`: per kind, in registry order, with the declaration's noun. */
export function describeElementCounts(circuit: Circuit): string[] {
  const counts = new Map<string, number>();
  for (const e of circuit.elements) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return elementDeclarations()
    .filter((d) => counts.has(d.kind))
    .map((d) => `${counts.get(d.kind)} ${d.noun}${counts.get(d.kind) === 1 ? '' : 's'} (${d.kind})`);
}

/** The scan rate in the unit the paper uses when it is fast, else in mV/s. */
function formatRate(rate: number): string {
  return rate >= 1000 ? `${Number((rate / 1000).toPrecision(4))} mV/us` : `${Number((rate * 1000).toPrecision(4))} mV/s`;
}

export function describeAnalysis(a: Analysis, circuit: Circuit): string {
  const sourceName = (key: string): string => circuit.elements.find((e) => e.key === key)?.name ?? key;
  switch (a.kind) {
    case 'op':
      return 'operating point (DC)';
    case 'tran':
      return (
        `transient from ${formatSi(a.tstart, 's')} to ${formatSi(a.tstop, 's')}, output step ${formatSi(a.tstep, 's')}` +
        (a.tmax !== undefined ? `, largest step ${formatSi(a.tmax, 's')}` : '') +
        (a.uic ? ', starting from initial conditions (uic)' : '')
      );
    case 'cv': {
      const sweepTime = (Math.abs(a.vVertex - a.vStart) + Math.abs(a.vEnd - a.vVertex)) / a.rate;
      return (
        `cyclic voltammetry through ${sourceName(a.source)}: ${formatSi(a.vStart, 'V')} -> ${formatSi(a.vVertex, 'V')} -> ${formatSi(a.vEnd, 'V')} ` +
        `at ${formatRate(a.rate)}, ${a.cycles} cycle${a.cycles === 1 ? '' : 's'} of ${formatSi(sweepTime, 's')}` +
        (a.steadyTol !== undefined ? `, stopping early at a cycle-to-cycle change below ${a.steadyTol}` : '') +
        (a.smooth ? `, inner vertices rounded over ${formatSi(a.smooth, 's')} either side` : '')
      );
    }
    case 'ac':
      return (
        `small-signal impedance seen by ${sourceName(a.source)}: ${a.sweep} sweep, ${a.points} point${a.points === 1 ? '' : 's'}${a.sweep === 'lin' ? '' : ` per ${a.sweep === 'dec' ? 'decade' : 'octave'}`}` +
        ` from ${formatSi(a.fStart, 'Hz')} to ${formatSi(a.fStop, 'Hz')}, bias ${a.bias.kind === 'op' ? 'at the DC operating point' : `at t = ${formatSi(a.bias.time, 's')} of the first .cv`}`
      );
    case 'chrono':
      return (
        `potential step through ${sourceName(a.source)}: hold ${formatSi(a.vInitial, 'V')}, step to ${formatSi(a.vStep, 'V')} ` +
        `at ${formatSi(a.tStep, 's')}, record until ${formatSi(a.tStop, 's')}`
      );
    case 'protocol':
      return `protocol on the port of ${sourceName(a.source)}: ${a.steps.length} step${a.steps.length === 1 ? '' : 's'} x ${a.cycles} cycle${a.cycles === 1 ? '' : 's'}`;
  }
}
