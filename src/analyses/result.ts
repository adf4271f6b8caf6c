/** What every analysis returns: waveforms (typed arrays), a JSON-able summary and run statistics. */
import type { Analysis } from '../circuit/circuit.js';
import type { TransientStats } from '../engine/transient.js';
import type { Waveforms } from './recorder.js';

export interface AnalysisResult {
  /** Output base name: `cv`, `tran`, `chrono`, `op` (numbered `cv2` when a kind repeats). */
  name: string;
  analysis: Analysis;
  waveforms: Waveforms | undefined;
  /** Measures, JSON-serialisable. */
  summary: Record<string, unknown>;
  stats: TransientStats | undefined;
  warnings: string[];
  /** Labels of the applied voltage and of the cell current columns, when the analysis has them. */
  appliedColumn?: string;
  currentColumn?: string;
  /** Wall time of the analysis (s). */
  seconds: number;
}

export interface RunProgress {
  /** Fraction done in [0, 1] of the present analysis, and its name. */
  (fraction: number, analysis: string): void;
}

export interface AnalysisOptions {
  /** `minimal` records only voltage-source currents (benchmarks, huge circuits). */
  record?: 'all' | 'minimal';
  onProgress?: RunProgress;
}
