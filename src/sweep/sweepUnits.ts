/**
 * Units of a sweep's columns: of a swept `.param` (from where the netlist uses it, since a `.param`
 * carries no unit) and of the measures (from the summary field they come from). `1` is
 * dimensionless; `''` is unknown (a parameter used only inside expressions).
 */

/** Units of the measures `<analysis>.<field>` by field (src/analyses/result.ts, cvMeasures.ts, protocolMeasures.ts). */
const MEASURE_UNITS: Record<string, string> = {
  anodicCharge: 'C', cathodicCharge: 'C', coulombicEfficiency: '1', capacitance: 'F', enclosedArea: 'W',
  peakAnodicCurrent: 'A', peakAnodicPotential: 'V', peakCathodicCurrent: 'A', peakCathodicPotential: 'V', asymmetryIndex: '1',
  peakCurrent: 'A', timeOfPeak: 's', finalCharge: 'C', timeConstant: 's', fitR2: '1', t90: 's',
  lowFrequencyCapacitance: 'F', highFrequencyResistance: 'ohm', points: '1',
  irDrop: 'V', esr: 'ohm', energyEfficiency: '1', cycles: '1', eventTolerance: '1',
  tstop: 's', tstart: 's', newtonIterations: '1',
};

export function measureUnit(measure: string): string {
  return MEASURE_UNITS[measure.slice(measure.indexOf('.') + 1)] ?? '';
}

/** Instance parameters `KEY={name}` and their units (RDYN, .ladder, .cv). */
const KEY_UNITS: Record<string, string> = {
  rc: 'ohm', gamma: '1', qmax: 'C', ctotal: 'F', cslit: 'F', ropen: 'ohm', copen: 'F', layers: '1', rate: 'V/s',
  r: 'ohm', c: 'F', l: 'H', ic: 'V', ron: 'ohm', roff: 'ohm',
};

/** Value of a two-terminal element given as `{name}` (a source's after an optional DC), by its letter. */
const LETTER_UNITS: Record<string, string> = { r: 'ohm', c: 'F', l: 'H', v: 'V', i: 'A' };

/** The unit of `.param name` from its first direct use in the netlist text; '' when it is used only in expressions. */
export function paramUnit(text: string, name: string): string {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const raw of text.split('\n')) {
    const line = raw.replace(/;.*$/, '');
    if (/^\s*[*.]/.test(line) && !/^\s*\.(cv|ladder)\b/i.test(line)) continue;
    const key = new RegExp(`\\b(\\w+)\\s*=\\s*\\{\\s*${n}\\s*\\}`, 'i').exec(line);
    if (key && KEY_UNITS[key[1]!.toLowerCase()] !== undefined) return KEY_UNITS[key[1]!.toLowerCase()]!;
    if (/^\s*rdyn/i.test(line)) continue;
    const value = new RegExp(`^\\s*([a-z])\\w*\\s+\\S+\\s+\\S+\\s+(?:dc\\s+)?\\{\\s*${n}\\s*\\}`, 'i').exec(line);
    if (value && LETTER_UNITS[value[1]!.toLowerCase()] !== undefined) return LETTER_UNITS[value[1]!.toLowerCase()]!;
  }
  return '';
}

/** `rc (ohm)`, `gamma` (dimensionless or unknown): an axis title. */
export function withUnit(name: string, unit: string | undefined): string {
  return unit && unit !== '1' ? `${name} (${unit})` : name;
}
