/**
 * `ncm export --format ngspice <netlist> [-o file]`: writes an equivalent flat ngspice netlist.
 * RDYN QMAX=peak is resolved first by running the netlist's `.cv` (the self-consistent values it
 * converges to); without a `.cv` the engine's starting value C * peak source voltage is used.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { runCv } from '../analyses/cv.js';
import { selectProbes } from '../analyses/recorder.js';
import { Mna } from '../engine/mna.js';
import type { Circuit } from '../circuit/circuit.js';
import { formatDiagnostic, NcmError } from '../diagnostics.js';

/** QMAX per RDYN name as the netlist's first `.cv` resolves QMAX=peak (undefined if nothing to resolve). */
export function resolvedQmax(circuit: Circuit): Record<string, number> | undefined {
  const cv = circuit.analyses.find((a) => a.kind === 'cv');
  if (!cv || !circuit.elements.some((e) => e.kind === 'RDYN' && e.qmax === 'peak')) return undefined;
  const r = runCv(circuit, cv);
  return r.summary.qmaxPeak?.qmax;
}

/**
 * The columns `ncm run` records for the analysis the export's transient stands for (the first
 * .cv/.chrono, else the first .tran, else the first analysis): the driven source's applied voltage
 * and current first, then the `.save` targets or every node voltage, current and charge.
 */
export function recordedLabels(circuit: Circuit): string[] {
  const a = circuit.analyses.find((x) => x.kind === 'cv' || x.kind === 'chrono') ?? circuit.analyses.find((x) => x.kind === 'tran') ?? circuit.analyses[0];
  const probes = selectProbes(circuit, new Mna(circuit), 'all').map((p) => p.label);
  if (a?.kind !== 'cv' && a?.kind !== 'chrono') return ['time', ...probes];
  const key = a.source.toLowerCase();
  return ['time', `vapp(${key})`, ...(probes.includes(`i(${key})`) ? [] : [`i(${key})`]), ...probes];
}

/**
 * The data file of the exported deck's `.control` block: `<deck name>.data.txt`, without a folder,
 * so that ngspice run where the deck is writes it beside the deck.
 */
export function dataFileFor(out: string | undefined): string {
  return out ? `${basename(out).replace(/\.[A-Za-z0-9]+$/, '')}.data.txt` : 'ncm-export.data.txt';
}

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
      const [{ writeFileAtomic }, { exportNgspice }, { loadNetlist }] = await Promise.all([import('../io/atomicWrite.js'), import('../io/ngspiceExport.js'), import('../io/loadNetlist.js')]);
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
