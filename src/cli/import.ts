/**
 * `ncm import FILE [--out DIR] [--format F] [--technique T] [--current-sign anodic|cathodic]`:
 * an instrument export -> `<name>.csv` (the `ncm run` CSV conventions) and `<name>.json` (the header).
 */
import type { Command } from 'commander';
import { FORMATS, TECHNIQUES } from '../io/instruments/types.js';
import type { ImportCliOptions } from './importAction.js';

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('convert a potentiostat export (EC-Lab .mpt, Gamry .DTA, CHI .txt, Nova, VersaStudio .par, ZPlot .z, headed CSV) to the project CSV + JSON')
    .argument('<file>', 'instrument file')
    .option('--out <dir>', 'output folder (default: current folder)')
    .option('--format <format>', `file layout instead of detection: ${Object.keys(FORMATS).join(', ')}`)
    .option('--technique <technique>', `technique instead of detection: ${TECHNIQUES.join(', ')}`)
    .option('--current-sign <sign>', "the file's current sign when not the vendor's default: anodic (IUPAC) or cathodic positive")
    .action(async (file: string, opts: ImportCliOptions) => {
      (await import('./importAction.js')).importAction(file, opts);
    });
}
