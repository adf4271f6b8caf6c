/**
 * `ncm export --format ngspice <netlist> [-o file]`: writes an equivalent flat ngspice netlist.
 * RDYN QMAX=peak is resolved first by running the netlist's `.cv` (the self-consistent values it
 * converges to); without a `.cv` the engine's starting value C * peak source voltage is used.
 */
import type { Command } from 'commander';
import { formatDiagnostic, NcmError } from '../diagnostics.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write an equivalent ngspice netlist (RDYN as B sources with QMAX resolved, .cv as a PWL triangle + .tran)')
    .argument('<netlist>', 'netlist file')
    .requiredOption('--format <format>', 'output format: ngspice')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .option('--data <file>', 'the data file the deck\'s .control block writes with wrdata (default: <out>.data.txt)')
    .exitOverride()
    .action(async (file: string, opts: { format: string; out?: string; data?: string }) => {
      const [{ writeFileAtomic }, { exportNgspice }, { loadNetlist }, { dataFileFor, recordedLabels, resolvedQmax }] = await Promise.all([
        import('../io/atomicWrite.js'), import('../io/ngspiceExport.js'), import('../io/loadNetlist.js'), import('./exportData.js'),
      ]);
      if (opts.format !== 'ngspice') throw new NcmError(`--format ${opts.format}: expected ngspice`, { exitCode: 2 });
      const { circuit, diagnostics } = loadNetlist(file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (!circuit || errors.length > 0) {
        throw new NcmError(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${file}; nothing was exported`, { diagnostics, exitCode: 1 });
      }
      for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      const qmax = resolvedQmax(circuit);
      const wrdata = { file: opts.data ?? dataFileFor(opts.out), labels: recordedLabels(circuit) };
      const { text, warnings } = exportNgspice(circuit, qmax ? { qmax, wrdata } : { wrdata });
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      if (opts.out) {
        writeFileAtomic(opts.out, text);
        process.stderr.write(`wrote ${opts.out}\n`);
      } else process.stdout.write(text);
    });
}
