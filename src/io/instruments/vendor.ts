/** What a vendor reader hands to the importer: its tables and what its header said. */
import type { HeadedTable } from './table.js';
import type { ImportMetadata, Technique } from './types.js';

export interface VendorTable {
  table: HeadedTable;
  /** Cycle number for every row of this table (Gamry writes one CURVE table per CV cycle). */
  cycle?: number;
  /** Points the header announced for this table. */
  declared?: number;
}

export interface VendorRead {
  tables: VendorTable[];
  /** The technique the file names, when it names one we map. */
  technique?: Technique;
  techniqueLabel?: string;
  /** +1: the vendor writes anodic current positive (the project's sign); -1: cathodic positive. */
  currentFactor: number;
  signNote: string;
  /** Gamry rows start with a tab. */
  leadingDelimiter?: boolean;
  /** Cycle numbers computed from the sweep (CHI writes segments, not cycles). */
  cyclesFromSegments?: boolean;
  meta: Partial<Pick<ImportMetadata, 'instrument' | 'date' | 'scanRate' | 'potentialLimits' | 'setCurrents' | 'electrodeArea'>>;
  header: Record<string, string>;
}

/** cm^2 (how vendors state areas) -> m^2. */
export const CM2 = 1e-4;
