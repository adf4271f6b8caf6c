/** The messages between the page and the simulation worker (structured-clone data only). */
import type { TopLevelSpec } from 'vega-lite';
import type { Diagnostic } from '../../src/diagnostics.js';
import type { MeasureTable } from './measures.js';

export interface RunRequest {
  type: 'run';
  id: number;
  /** Netlist text and the file name diagnostics carry. */
  text: string;
  file: string;
  /** Also run every CV with all RDYN at gamma = 0 (the TLM of the electrode) and overlay it. */
  tlm: boolean;
}

/** A data file of the last run (CSV of waveforms, JSON of measures), made on demand. */
export interface FileRequest {
  type: 'file';
  id: number;
  name: string;
}

export type ToWorker = RunRequest | FileRequest;

export interface PlotOut {
  /** The CLI's file name for it (`cv-cv.svg`) or `<analysis>-charge-map.svg`. */
  key: string;
  analysis: string;
  spec: TopLevelSpec;
}

export interface AnalysisOut {
  name: string;
  kind: string;
  seconds: number;
  measures: MeasureTable;
  warnings: string[];
}

export interface RunOutput {
  title: string;
  elements: number;
  analyses: AnalysisOut[];
  plots: PlotOut[];
  /** What the page did differently from `ncm run` (e.g. a `.step` it did not sweep). */
  notes: string[];
  /** `ncm run`'s text summary of the run. */
  summary: string;
  /** Names of the data files that can be asked for. */
  files: string[];
  /** Wall time of the whole request in the worker (s). */
  seconds: number;
}

export type FromWorker =
  | { type: 'progress'; id: number; fraction: number; analysis: string }
  | { type: 'result'; id: number; diagnostics: Diagnostic[]; output: RunOutput | undefined; error: string | undefined }
  | { type: 'file'; id: number; name: string; text: string | undefined };
