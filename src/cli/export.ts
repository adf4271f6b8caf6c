/**
 * `ncm export --format ngspice <netlist> [-o file]`: writes an equivalent flat ngspice netlist.
 * RDYN QMAX=peak is resolved first by running the netlist's `.cv` (the self-consistent values it
 * converges to); without a `.cv` the engine's starting value C * peak source voltage is used.
 */
import type { Command } from 'commander';
import { runCv } from '../analyses/cv.js';
import type { Circuit } from '../circuit/circuit.js';
import { formatDiagnostic, NcmError } from '../diagnostics.js';

/** QMAX per RDYN name as the netlist's first `.cv` resolves QMAX=peak (undefined if nothing to resolve). */
export function resolvedQmax(circuit: Circuit): Record<string, number> | undefined {
  const cv = circuit.analyses.find((a) => a.kind === 'cv');
  if (!cv || !circuit.elements.some((e) => e.kind === 'RDYN' && e.qmax === 'peak')) return undefined;
  const r = runCv(circuit, cv);
  return r.summary.qmaxPeak?.qmax;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write an equivalent ngspice netlist (RDYN as B sources with QMAX resolved, .cv as a PWL triangle + .tran)')
    .argument('<netlist>', 'netlist file')
    .requiredOption('--format <format>', 'output format: ngspice')
    .option('-o, --out <file>', 'output file (default: standard output)')
    .exitOverride()
    .action(async (file: string, opts: { format: string; out?: string }) => {
      const [{ writeFileAtomic }, { exportNgspice }, { loadNetlist }] = await Promise.all([import('../io/atomicWrite.js'), import('../io/ngspiceExport.js'), import('../io/loadNetlist.js')]);
      if (opts.format !== 'ngspice') throw new NcmError(`--format ${opts.format}: expected ngspice`, { exitCode: 2 });
      const { circuit, diagnostics } = loadNetlist(file);
      const errors = diagnostics.filter((d) => d.severity === 'error');
      if (!circuit || errors.length > 0) {
        throw new NcmError(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${file}; nothing was exported`, { diagnostics, exitCode: 1 });
      }
      for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
      const qmax = resolvedQmax(circuit);
      const { text, warnings } = exportNgspice(circuit, qmax ? { qmax } : {});
      for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
      if (opts.out) {
        writeFileAtomic(opts.out, text);
        process.stderr.write(`wrote ${opts.out}\n`);
      } else process.stdout.write(text);
    });
}
