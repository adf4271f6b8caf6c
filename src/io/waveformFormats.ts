/** Waveform files `ncm run` can write: CSV (the default), or ngspice raw files, binary or ASCII. */
export const WAVEFORM_FORMATS = ['csv', 'raw', 'raw-ascii'] as const;
export type WaveformFormat = (typeof WAVEFORM_FORMATS)[number];
