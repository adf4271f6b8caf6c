/**
 * The measures table of an analysis, read from its JSON summary. The one place the page reads
 * summary fields, so a change of the summary type touches this file only.
 */
import type { AnalysisResult } from '../../src/analyses/result.js';
import type { CvCycleMeasures } from '../../src/analyses/cvMeasures.js';

export interface MeasureColumn {
  key: string;
  label: string;
  /** SI unit ('' for a pure number). */
  unit: string;
}

export interface MeasureTable {
  columns: MeasureColumn[];
  rows: Array<Record<string, number>>;
}

const CV_COLUMNS: MeasureColumn[] = [
  { key: 'cycle', label: 'cycle', unit: '' },
  { key: 'capacitance', label: 'C_cv', unit: 'F' },
  { key: 'enclosedArea', label: 'area', unit: 'W' },
  { key: 'anodicCharge', label: 'Q_anodic', unit: 'C' },
  { key: 'coulombicEfficiency', label: 'CE', unit: '' },
  { key: 'peakAnodicCurrent', label: 'I_pa', unit: 'A' },
  { key: 'peakAnodicPotential', label: 'at E', unit: 'V' },
  { key: 'asymmetryIndex', label: 'asym', unit: '' },
];

/** Units of the scalar measures other analyses report, by the summary's key. */
const UNITS: Record<string, string> = {
  peakCurrent: 'A',
  finalCharge: 'C',
  timeConstant: 's',
  t90: 's',
  lowFrequencyCapacitance: 'F',
  highFrequencyResistance: 'ohm',
};

export function measureTable(r: AnalysisResult): MeasureTable {
  if (r.kind === 'cv') {
    const cycles = r.summary.cycles;
    return { columns: CV_COLUMNS, rows: cycles.map((c) => Object.fromEntries(CV_COLUMNS.map(({ key }) => [key, Number(c[key as keyof CvCycleMeasures])]))) };
  }
  // Other analyses: their scalar measures, one row.
  const scalars = Object.entries(r.summary).filter((e): e is [string, number] => typeof e[1] === 'number');
  if (scalars.length === 0) return { columns: [], rows: [] };
  return {
    columns: scalars.map(([key]) => ({ key, label: key, unit: UNITS[key] ?? '' })),
    rows: [Object.fromEntries(scalars)],
  };
}
