/**
 * What an instrument file becomes: a technique, its columns in SI units with the project's signs,
 * and what the file's header said. Shared by every vendor reader and by `ncm import`.
 */

/** Techniques the importer writes: time series (CV, galvanostatic charge/discharge, other chrono) or a spectrum. */
export type Technique = 'cv' | 'gcd' | 'chrono' | 'eis';
export const TECHNIQUES: readonly Technique[] = ['cv', 'gcd', 'chrono', 'eis'];

/** File layouts the importer knows (the `--format` values). */
export type InstrumentFormat = 'biologic' | 'gamry' | 'chi' | 'autolab' | 'par' | 'zplot' | 'csv';
export const FORMATS: Readonly<Record<InstrumentFormat, string>> = {
  biologic: 'BioLogic EC-Lab text export (.mpt)',
  gamry: 'Gamry Framework EXPLAIN file (.DTA)',
  chi: 'CH Instruments text export (.txt)',
  autolab: 'Metrohm Autolab Nova / FRA ASCII export',
  par: 'Princeton Applied Research VersaStudio (.par)',
  zplot: 'Scribner ZPlot / ZView (.z)',
  csv: 'headed table (CSV, semicolon or tab) whose column names carry units',
};

/** A time series: t [s], electrode potential v [V], current i [A] positive while charging (anodic). */
export interface TimeSeriesColumns {
  kind: 'time';
  time: Float64Array;
  v: Float64Array;
  i: Float64Array;
  /** Cycle (loop) number, 1-based, where the file has cycles. */
  cycle?: Float64Array;
}

/** An impedance spectrum: Z = re + j im in ohm, capacitive im < 0. */
export interface SpectrumColumns {
  kind: 'eis';
  frequency: Float64Array;
  re: Float64Array;
  im: Float64Array;
}

export type ImportedColumns = TimeSeriesColumns | SpectrumColumns;

/** What the file's header said, in SI units where a number has a unit. */
export interface ImportMetadata {
  format: InstrumentFormat;
  formatName: string;
  /** The technique as the file names it (e.g. `Cyclic Voltammetry`, `EISPOT`). */
  techniqueLabel?: string;
  instrument?: string;
  date?: string;
  /** CV scan rate, V/s. */
  scanRate?: number;
  /** Potential limits (vertices, cut-offs), V. */
  potentialLimits?: number[];
  /** Galvanostatic set currents, A. */
  setCurrents?: number[];
  /** Electrode area, m^2. */
  electrodeArea?: number;
  /** Encoding the text was decoded with. */
  encoding: string;
  /** Whether the file's decimal separator was a comma. */
  decimalComma: boolean;
  /** Columns read: file heading -> output column, with the factor applied (unit and sign). */
  columnsRead: Array<{ heading: string; column: string; factor: number }>;
  /** The sign convention of the vendor's current or imaginary part and what was done about it. */
  signNote: string;
  /** Points the header announced, when it did (an aborted run has fewer). */
  declaredPoints?: number;
  points: number;
  /** False when the run stopped before the points the header announced (aborted experiment). */
  complete: boolean;
  /** Other header keys, verbatim. */
  header: Record<string, string>;
}

export interface ImportedFile {
  technique: Technique;
  columns: ImportedColumns;
  metadata: ImportMetadata;
  warnings: string[];
}

export interface ImportOptions {
  format?: InstrumentFormat;
  technique?: Technique;
  /**
   * The current sign in the file when it differs from the vendor's default: `anodic` (anodic, i.e.
   * charging a positive electrode, positive: IUPAC) or `cathodic` (the older US convention).
   */
  currentSign?: 'anodic' | 'cathodic';
}
