/**
 * `ncm compare <a.cir> [b.cir ...] [--tlm] [--slits 1,19] [--out dir]`: run netlists on one CV
 * protocol (the first one's) and write overlaid CVs, measures, per-slit charge, heat maps, R_c + R_d
 * of chosen slits, and one self-contained HTML report.
 */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import { NcmError, formatDiagnostic } from '../diagnostics.js';
import type { CompareInput } from '../electrode/compare.js';
import type { loadNetlist as LoadNetlist } from '../io/loadNetlist.js';
import { createProgress } from './progress.js';

function load(file: string, loadNetlist: typeof LoadNetlist): CompareInput {
  const { circuit, diagnostics } = loadNetlist(file);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (!circuit || errors.length) throw new NcmError(`${errors.length} error${errors.length === 1 ? '' : 's'} in ${file}; nothing was run`, { diagnostics, exitCode: 1 });
  for (const d of diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  return { label: basename(file, extname(file)), circuit };
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('run netlists on one CV protocol and compare them: overlaid CVs, measures, per-slit charge, heat maps, R_c + R_d; SVG + one HTML report')
    .argument('<netlists...>', 'netlist files (the first one sets the protocol)')
    .option('--tlm', 'also run each netlist with every RDYN at gamma = 0 (its TLM)')
    .option('--slits <list>', 'slit numbers whose R_c + R_d to plot, e.g. 1,19 (default: first, middle, last but one)')
    .option('-o, --out <dir>', 'output folder (default: out/compare-<first name>)')
    .exitOverride()
    .action(async (files: string[], opts: { tlm?: boolean; slits?: string; out?: string }) => {
      const [{ asTlm, runComparison, slitTable }, { comparisonFiles }, { writeFilesAtomic }, { loadNetlist }] = await Promise.all([
        import('../electrode/compare.js'), import('../electrode/compareReport.js'), import('../io/atomicWrite.js'), import('../io/loadNetlist.js'),
      ]);
      const inputs: CompareInput[] = [];
      for (const f of files) {
        const a = load(f, loadNetlist);
        inputs.push(a);
        if (opts.tlm) inputs.push({ label: `${a.label} (TLM, gamma = 0)`, circuit: asTlm(a.circuit) });
      }
      let slits: number[] | undefined;
      if (opts.slits) {
        slits = opts.slits.split(',').map((s) => Number(s.trim()));
        if (slits.some((s) => !Number.isInteger(s) || s < 1)) throw new NcmError(`compare: --slits '${opts.slits}': expected slit numbers such as 1,19`, { exitCode: 2 });
      }
      const started = performance.now();
      const progress = createProgress();
      let cmp;
      try {
        cmp = runComparison(inputs, { onProgress: (f) => progress.update(f, 'compare', `${Math.min(inputs.length, Math.floor(f * inputs.length) + 1)}/${inputs.length} netlists`) });
      } finally {
        progress.stop();
      }
      // R_c + R_d of the chosen slits only (default: first, middle and last but one).
      const n = cmp.runs[0]!.slits.length;
      const pick = slits ?? [...new Set([1, Math.max(1, Math.round(n / 2)), Math.max(1, n - 1)])];
      for (const r of cmp.runs) for (const s of r.slits) if (!pick.includes(s.index)) s.resistance = undefined;
      const title = `Comparison: ${inputs.map((i) => i.label).join(' vs ')}`;
      const out = opts.out ?? join('out', `compare-${basename(files[0]!, extname(files[0]!))}`);
      const written = await comparisonFiles(cmp, title);
      writeFilesAtomic(out, written);
      for (const w of cmp.warnings) process.stderr.write(`warning: ${w}\n`);
      const lines = cmp.runs.map((r) => `  ${r.label}: C = ${r.measures.capacitance.toExponential(4)} F, area = ${r.measures.enclosedArea.toExponential(4)} W, asymmetry = ${r.measures.asymmetryIndex.toFixed(4)}`);
      const table = slitTable(cmp);
      const deep = table.length > 1 ? table[table.length - 2]! : table[0];
      if (deep && cmp.runs.length > 1) lines.push(`  slit ${deep.index} peak charge ratio ${cmp.runs[0]!.label} / ${cmp.runs[1]!.label}: ${(deep.peak[0]! / deep.peak[1]!).toFixed(4)}`);
      process.stdout.write(`${title} (${((performance.now() - started) / 1000).toFixed(1)} s)\n${lines.join('\n')}\nwrote ${written.size} files to ${out}/: ${[...written.keys()].join(', ')}\n`);
    });
}
