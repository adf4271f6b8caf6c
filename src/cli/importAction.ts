/**
 * What `ncm import` does: reads the instrument file and writes the project CSV + JSON. Loaded by the
 * command's action only, so that other commands do not load the readers and writers (start-up, issue 12).
 */
import { readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { UsageError } from '../diagnostics.js';
import { FORMATS, importInstrumentFile, TECHNIQUES, type ImportOptions, type InstrumentFormat, type Technique } from '../io/instruments/index.js';
import { writeImported } from '../io/instruments/output.js';

export interface ImportCliOptions {
  out?: string;
  format?: string;
  technique?: string;
  currentSign?: string;
}

/** The command's action: reads FILE, writes both outputs, returns the paths written. */
export function importAction(file: string, opts: ImportCliOptions, log: (line: string) => void = (l) => process.stderr.write(l + '\n')): string[] {
  const options: ImportOptions = {};
  if (opts.format !== undefined) {
    if (!(opts.format in FORMATS)) throw new UsageError(`--format ${opts.format}: expected one of ${Object.keys(FORMATS).join(', ')}`);
    options.format = opts.format as InstrumentFormat;
  }
  if (opts.technique !== undefined) {
    if (!TECHNIQUES.includes(opts.technique as Technique)) throw new UsageError(`--technique ${opts.technique}: expected one of ${TECHNIQUES.join(', ')}`);
    options.technique = opts.technique as Technique;
  }
  if (opts.currentSign !== undefined) {
    if (opts.currentSign !== 'anodic' && opts.currentSign !== 'cathodic') throw new UsageError(`--current-sign ${opts.currentSign}: expected anodic or cathodic`);
    options.currentSign = opts.currentSign;
  }
  const imp = importInstrumentFile(readFileSync(file), file, options);
  for (const w of imp.warnings) log(`${file}: warning: ${w}`);
  const dir = opts.out ?? '.';
  const stem = basename(file, extname(file));
  const written = writeImported(imp, basename(file), dir, stem).map((n) => join(dir, n));
  const points = imp.columns.kind === 'eis' ? imp.columns.frequency.length : imp.columns.time.length;
  log(`${file}: ${imp.metadata.formatName}, ${imp.technique}, ${points} points -> ${written.join(', ')}`);
  return written;
}
